import { errorMessages, formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, errorAlert, expect, seedAdmin, signIn, test } from './support/fixtures';

const requiredMessage = (field: string) => formatMessage(uiText.common.required, { field: field.charAt(0).toLowerCase() + field.slice(1) });

test('empty and mismatched fields get Vietnamese messages before anything is sent', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByTestId('first-run-submit').click();
  for (const field of [uiText.account.fullName, uiText.account.username, uiText.account.password]) {
    await expect(page.getByText(requiredMessage(field), { exact: true })).toBeVisible();
  }
  // The confirmation has its own wording ("nhập lại" would otherwise follow "nhập").
  await expect(page.getByText(uiText.account.confirmPasswordRequired, { exact: true })).toBeVisible();

  await page.getByTestId('first-run-username').fill('quantri');
  await page.getByTestId('first-run-password').fill('ngan1');
  await expect(page.getByText(formatMessage(errorMessages.PASSWORD_TOO_SHORT, { min: 8 }))).toBeVisible();
  await page.getByTestId('first-run-password').fill('khongcoso');
  await expect(page.getByText(errorMessages.PASSWORD_TOO_WEAK)).toBeVisible();
  await page.getByTestId('first-run-password').fill('QuanTri2025');
  await page.getByTestId('first-run-confirm').fill('QuanTri2026');
  await expect(page.getByText(uiText.account.passwordMismatch)).toBeVisible();

  await seedAdmin(harness);
  await page.reload();
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByText(requiredMessage(uiText.signIn.username), { exact: true })).toBeVisible();
  await expect(page.getByText(requiredMessage(uiText.signIn.password), { exact: true })).toBeVisible();
  // Spaces only are as empty as nothing.
  await page.getByTestId('sign-in-username').fill('   ');
  await expect(page.getByText(requiredMessage(uiText.signIn.username), { exact: true })).toBeVisible();
});

test('over-long input is cut at the field limits', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByTestId('first-run-full-name').fill('Nguyễn '.repeat(40));
  await page.getByTestId('first-run-username').fill('a'.repeat(300));
  await page.getByTestId('first-run-password').fill('Ab1'.repeat(100));
  expect((await page.getByTestId('first-run-full-name').inputValue()).length).toBe(100);
  expect((await page.getByTestId('first-run-username').inputValue()).length).toBe(64);
  expect((await page.getByTestId('first-run-password').inputValue()).length).toBe(128);
});

test('a SQL-looking username is just a wrong sign-in', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  // An unknown username gets the wrong-password answer, countdown included (it must not tell which names exist).
  await signIn(page, { username: "' OR 1=1 --", password: "' OR '1'='1" });
  await expect(errorAlert(page)).toContainText(errorMessages.AUTH_INVALID_CREDENTIALS);
  await signIn(page, { username: "quantri' --", password: 'x' });
  await expect(errorAlert(page)).toContainText(errorMessages.AUTH_INVALID_CREDENTIALS);

  await signIn(page, ADMIN);
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.fullName);
  // Nothing was counted against the real administrator by the injection attempts.
  await expect(page.getByRole('row', { name: /quantri/ })).toContainText(uiText.account.active);
});
