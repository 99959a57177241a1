import { errorMessages, formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, expect, navigation, test } from './support/fixtures';

test('the first start creates the site administrator, who then signs in', async ({ page, harness }) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: uiText.firstRun.title })).toBeVisible();
  await expect(page.getByText(uiText.firstRun.intro)).toBeVisible();

  await page.getByLabel(uiText.account.fullName).fill(ADMIN.fullName);
  await page.getByLabel(uiText.account.username).fill(ADMIN.username);
  await page.getByTestId('first-run-password').fill(ADMIN.password);
  await page.getByTestId('first-run-confirm').fill(ADMIN.password);
  await page.getByTestId('first-run-submit').click();

  await expect(page.getByRole('heading', { name: uiText.signIn.title })).toBeVisible();
  await expect(page.getByTestId('sign-in-notice')).toHaveText(formatMessage(uiText.firstRun.created, { username: ADMIN.username }));
  await expect(page.getByTestId('sign-in-username')).toHaveValue(ADMIN.username);
  await page.getByTestId('sign-in-password').fill(ADMIN.password);
  await page.getByTestId('sign-in-submit').click();

  const user = page.getByTestId('current-user');
  await expect(user).toContainText(ADMIN.fullName);
  await expect(user).toContainText(uiText.roles.admin);
  await expect(navigation(page).getByRole('menuitem')).toHaveText([
    uiText.nav.reception,
    uiText.nav.returnResult,
    uiText.nav.lookup,
    uiText.nav.onlineQueue,
    uiText.nav.digitizationStats,
    uiText.nav.reports,
    uiText.nav.admin,
    uiText.nav.health,
  ]);
  await expect(page.getByRole('row', { name: new RegExp(ADMIN.username) })).toContainText(uiText.account.active);

  // Once an administrator exists the first-run step can never be replayed.
  const again = await harness.core.dispatch('e2e-probe', 'app.createFirstAdmin', {
    username: 'ke-gian',
    fullName: 'Kẻ Gian',
    password: 'MatKhau123',
  });
  expect(again).toEqual({ ok: false, error: { code: 'AUTH_FIRST_RUN_DONE', message: errorMessages.AUTH_FIRST_RUN_DONE } });

  await page.getByTestId('sign-out').click();
  await expect(page.getByRole('heading', { name: uiText.signIn.title })).toBeVisible();
});
