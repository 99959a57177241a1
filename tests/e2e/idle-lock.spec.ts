import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../shared/auth/lockout-policy';
import { errorMessages, formatMessage, uiText } from '../../shared/i18n/vi';
import { startHarness } from '../../electron/core/harness/start-harness';
import { ADMIN, errorAlert, expect, seedAdmin, signIn, test } from './support/fixtures';

const lockDialog = (page: import('@playwright/test').Page) => page.getByRole('dialog', { name: uiText.idleLock.title });

test('the screen locks after the idle time and unlocking returns to the untouched work', async ({ page, harness }) => {
  await page.clock.install();
  await seedAdmin(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);

  await page.getByTestId('create-account').click();
  await page.getByTestId('create-account-full-name').fill('Nguyễn Thị Hòa');
  await page.getByTestId('create-account-username').fill('nguyen.hoa');

  // Just short of the limit nothing happens; activity before that would have restarted the count.
  await page.clock.runFor((DEFAULT_IDLE_LOCK_MINUTES - 1) * 60_000);
  await expect(lockDialog(page)).toBeHidden();
  await page.clock.runFor(90_000);
  await expect(lockDialog(page)).toBeVisible();
  await expect(lockDialog(page)).toContainText(formatMessage(uiText.idleLock.signedInAs, { name: ADMIN.fullName }));

  // The core agrees the session is locked: other calls are refused until the password is given.
  const listed = await page.evaluate(() => window.api === undefined);
  expect(listed).toBe(true);

  await page.getByTestId('unlock-password').fill('sai-mat-khau-1');
  await page.getByTestId('unlock-submit').click();
  await expect(errorAlert(page)).toHaveText(
    formatMessage(errorMessages.AUTH_INVALID_CREDENTIALS_REMAINING, { remaining: 4 }),
  );
  await page.getByTestId('unlock-password').fill(ADMIN.password);
  await page.getByTestId('unlock-submit').click();
  await expect(lockDialog(page)).toBeHidden();

  await expect(page.getByTestId('create-account-full-name')).toHaveValue('Nguyễn Thị Hòa');
  await expect(page.getByTestId('create-account-username')).toHaveValue('nguyen.hoa');
});

test('a lock decided by the core reaches the screen, and signing out from it works', async ({ page }) => {
  let offsetMs = 0;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quay-e2e-'));
  const harness = await startHarness({
    dataDir,
    passwordCost: 'fast',
    clock: { now: () => new Date(Date.now() + offsetMs) },
  });
  try {
    await seedAdmin(harness);
    await page.goto(harness.url);
    await signIn(page, ADMIN);
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.fullName);

    offsetMs = (DEFAULT_IDLE_LOCK_MINUTES + 1) * 60_000;
    harness.core.services.auth.sweepIdle();
    await expect(lockDialog(page)).toBeVisible();

    await page.getByTestId('unlock-sign-out').click();
    await expect(page.getByRole('heading', { name: uiText.signIn.title })).toBeVisible();
    await expect(lockDialog(page)).toBeHidden();
  } finally {
    await harness.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
