import { formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, changeTemporaryPassword, expect, navigation, seedAccount, seedAdmin, signIn, test } from './support/fixtures';

test('an officer created by the administrator does not see the administration area', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);

  await page.getByTestId('create-account').click();
  const dialog = page.getByRole('dialog', { name: uiText.admin.createAccount });
  await dialog.getByLabel(uiText.account.fullName).fill('Võ Thị Ánh');
  await dialog.getByLabel(uiText.account.username).fill('vo.anh');
  await expect(dialog.getByTestId('create-account-role')).toContainText(uiText.roles.officer);
  await dialog.getByTestId('create-account-password').fill('TamThoi2025');
  await dialog.getByTestId('create-account-confirm').fill('TamThoi2025');
  await dialog.getByRole('button', { name: uiText.common.save }).click();
  await expect(page.getByText(formatMessage(uiText.admin.accountCreated, { username: 'vo.anh' }))).toBeVisible();
  await expect(page.getByRole('row', { name: /vo\.anh/ })).toContainText(uiText.account.never);
  await page.getByTestId('sign-out').click();

  await signIn(page, { username: 'vo.anh', password: 'TamThoi2025' });
  await expect(page.getByText(uiText.changePassword.required)).toBeVisible();
  await changeTemporaryPassword(page, 'TamThoi2025', 'AnhMoi2025x');

  await expect(page.getByTestId('current-user')).toContainText('Võ Thị Ánh');
  await expect(page.getByTestId('current-user')).toContainText(uiText.roles.officer);
  await expect(navigation(page).getByRole('menuitem')).toHaveText([
    uiText.nav.reception,
    uiText.nav.returnResult,
    uiText.nav.lookup,
    uiText.nav.onlineQueue,
    uiText.nav.health,
  ]);
  await expect(page.getByText(uiText.nav.admin, { exact: true })).toHaveCount(0);
  await navigation(page).getByRole('menuitem', { name: uiText.nav.health }).click();
  await expect(page.getByTestId('health-info')).toContainText(uiText.health.integrityOk);
});

test('an officer locked by the administrator is signed out at once on their own counter', async ({ page, browser, harness }) => {
  await seedAdmin(harness);
  await seedAccount(harness, { username: 'tran.binh', password: 'TamThoi2025', fullName: 'Trần Bình', role: 'officer' });
  const counter = await browser.newPage();
  try {
    await counter.goto(harness.url);
    await signIn(counter, { username: 'tran.binh', password: 'TamThoi2025' });
    await changeTemporaryPassword(counter, 'TamThoi2025', 'BinhMoi2025x');
    await expect(counter.getByTestId('current-user')).toContainText('Trần Bình');

    await page.goto(harness.url);
    await signIn(page, ADMIN);
    await page.getByTestId('lock-tran.binh').click();
    await page.getByRole('button', { name: uiText.common.confirm }).click();
    await expect(page.getByRole('row', { name: /tran\.binh/ })).toContainText(uiText.account.locked);

    await expect(counter.getByRole('heading', { name: uiText.signIn.title })).toBeVisible();
    await expect(counter.getByTestId('sign-in-notice')).toHaveText(uiText.signIn.accountLockedNotice);
    await expect(counter.getByTestId('sign-in-username')).toHaveValue('tran.binh');
  } finally {
    await counter.close();
  }
});
