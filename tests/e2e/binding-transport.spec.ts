import { errorMessages, formatMessage, uiText } from '../../shared/i18n/vi';
import { MAX_FAILED_ATTEMPTS } from '../../shared/auth/lockout-policy';
import { ADMIN, errorAlert, expect, seedAdmin, signIn, test } from './support/fixtures';
import { connectToHarness } from './support/harness-link';

test('without the secret fragment the page uses a Playwright binding when one is installed', async ({ page, harness }) => {
  const link = await connectToHarness(harness.url, harness.secret);
  try {
    await page.exposeBinding('__quayInvoke', (_source, channel: string, input: unknown) => link.invoke(channel, input));
    await page.goto(`${new URL(harness.url).origin}/`);

    await page.getByTestId('first-run-full-name').fill(ADMIN.fullName);
    await page.getByTestId('first-run-username').fill(ADMIN.username);
    await page.getByTestId('first-run-password').fill(ADMIN.password);
    await page.getByTestId('first-run-confirm').fill(ADMIN.password);
    await page.getByTestId('first-run-submit').click();
    await signIn(page, ADMIN);
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.fullName);

    expect(link.calls).toEqual(expect.arrayContaining(['app.firstRunStatus', 'app.createFirstAdmin', 'auth.signIn']));
  } finally {
    link.close();
  }
});

test('without the secret and without a binding the page reports the lost connection', async ({ page, harness }) => {
  await page.goto(`${new URL(harness.url).origin}/`);
  await expect(page.getByText(uiText.startup.failedTitle)).toBeVisible();
  await expect(page.getByText(errorMessages.TRANSPORT_CLOSED)).toBeVisible();
});

// The Node-side link stays one core client across page reloads, as the Electron window does.
test('a reload restores the session, a locked screen stays locked, and five wrong unlocks end it', async ({ page, harness }) => {
  await seedAdmin(harness);
  const link = await connectToHarness(harness.url, harness.secret);
  try {
    await page.exposeBinding('__quayInvoke', (_source, channel: string, input: unknown) => link.invoke(channel, input));
    await page.goto(`${new URL(harness.url).origin}/`);
    await signIn(page, ADMIN);
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.fullName);

    await page.reload();
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.fullName);

    await page.getByTestId('lock-now').click();
    const lock = page.getByRole('dialog', { name: uiText.idleLock.title });
    await expect(lock).toBeVisible();
    await page.reload();
    await expect(lock).toBeVisible();
    await page.getByTestId('unlock-password').fill(ADMIN.password);
    await page.getByTestId('unlock-submit').click();
    await expect(lock).toBeHidden();
    // The workspace first mounts now, so it loads its data with the session unlocked.
    await expect(page.getByRole('row', { name: new RegExp(ADMIN.username) })).toContainText(uiText.account.active);
    await expect(errorAlert(page)).toHaveCount(0);

    await page.getByTestId('lock-now').click();
    await expect(lock).toBeVisible();

    for (let attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt++) {
      await page.getByTestId('unlock-password').fill(`sai-${attempt}-x`);
      await page.getByTestId('unlock-submit').click();
      await expect(errorAlert(lock)).toHaveText(
        formatMessage(errorMessages.AUTH_INVALID_CREDENTIALS_REMAINING, { remaining: MAX_FAILED_ATTEMPTS - attempt }),
      );
    }
    await page.getByTestId('unlock-password').fill('sai-lan-cuoi-5');
    await page.getByTestId('unlock-submit').click();
    await expect(page.getByRole('heading', { name: uiText.signIn.title })).toBeVisible();
    await expect(page.getByTestId('sign-in-notice')).toHaveText(errorMessages.AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS);
    await expect(lock).toBeHidden();
  } finally {
    link.close();
  }
});
