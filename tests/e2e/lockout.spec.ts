import { MAX_FAILED_ATTEMPTS } from '../../shared/auth/lockout-policy';
import { errorMessages, formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, changeTemporaryPassword, errorAlert, expect, seedAccount, seedAdmin, signIn, test } from './support/fixtures';

const OFFICER = { username: 'canbo.hoa', password: 'TamThoi2025', fullName: 'Lê Thị Hoa', role: 'officer' } as const;

test('five wrong passwords lock the account until an administrator unlocks it', async ({ page, harness }) => {
  await seedAdmin(harness);
  await seedAccount(harness, OFFICER);
  await page.goto(harness.url);

  for (let attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt++) {
    await signIn(page, { username: OFFICER.username, password: `sai-${attempt}-x` });
    await expect(errorAlert(page)).toHaveText(
      formatMessage(errorMessages.AUTH_INVALID_CREDENTIALS_REMAINING, { remaining: MAX_FAILED_ATTEMPTS - attempt }),
    );
  }
  await signIn(page, { username: OFFICER.username, password: 'sai-lan-cuoi-5' });
  await expect(errorAlert(page)).toHaveText(errorMessages.AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS);

  // The right password no longer helps.
  await signIn(page, OFFICER);
  await expect(errorAlert(page)).toHaveText(errorMessages.AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS);

  await signIn(page, ADMIN);
  const row = page.getByRole('row', { name: new RegExp(OFFICER.username) });
  await expect(row).toContainText(uiText.account.locked);
  await expect(row).toContainText(uiText.account.lockReason.failedAttempts);
  await page.getByTestId(`unlock-${OFFICER.username}`).click();
  await expect(page.getByText(formatMessage(uiText.admin.unlockConfirm, { username: OFFICER.username }))).toBeVisible();
  await page.getByRole('button', { name: uiText.common.confirm }).click();
  await expect(page.getByText(formatMessage(uiText.admin.accountUnlocked, { username: OFFICER.username }))).toBeVisible();
  await expect(row).toContainText(uiText.account.active);
  await page.getByTestId('sign-out').click();

  await signIn(page, OFFICER);
  await changeTemporaryPassword(page, OFFICER.password, 'HoaMoi2025x');
  await expect(page.getByTestId('current-user')).toContainText(OFFICER.fullName);
});
