import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../shared/auth/lockout-policy';
import { errorMessages, formatMessage, uiText } from '../../shared/i18n/vi';
import { startHarness } from '../../electron/core/harness/start-harness';
import { ADMIN, call, errorAlert, expect, seedAdmin, signIn, test } from './support/fixtures';
import { connectToHarness } from './support/harness-link';

const lockDialog = (page: Page) => page.getByRole('dialog', { name: uiText.idleLock.title });

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
  await expect(page.getByTestId('lock-intro')).toHaveText(uiText.idleLock.intro.idle);

  await page.getByTestId('unlock-password').fill('sai-mat-khau-1');
  await page.getByTestId('unlock-submit').click();
  await expect(errorAlert(page)).toHaveText(formatMessage(errorMessages.AUTH_INVALID_CREDENTIALS_REMAINING, { remaining: 4 }));
  await page.getByTestId('unlock-password').fill(ADMIN.password);
  await page.getByTestId('unlock-submit').click();
  await expect(lockDialog(page)).toBeHidden();

  await expect(page.getByTestId('create-account-full-name')).toHaveValue('Nguyễn Thị Hòa');
  await expect(page.getByTestId('create-account-username')).toHaveValue('nguyen.hoa');

  // The lock was the core's too, not just a curtain in the page.
  await call(harness, 'auth.signIn', ADMIN);
  const actions = (await call(harness, 'audit.list', { limit: 20 })).map((entry) => entry.action);
  expect(actions).toEqual(expect.arrayContaining(['auth.screenLocked', 'auth.screenUnlocked']));
});

test('a lock by the officer says so, not that the screen sat idle', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await page.getByTestId('lock-now').click();
  await expect(lockDialog(page)).toBeVisible();
  await expect(page.getByTestId('lock-intro')).toHaveText(uiText.idleLock.intro.manual);
  await page.getByTestId('unlock-password').fill(ADMIN.password);
  await page.getByTestId('unlock-submit').click();
  await expect(lockDialog(page)).toBeHidden();
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

test('activity keeps the screen open and tells the core at most once a minute', async ({ page, harness }) => {
  await seedAdmin(harness);
  // Through a binding, so every call the page makes is counted.
  const link = await connectToHarness(harness.url, harness.secret);
  try {
    await page.exposeBinding('__quayInvoke', (_source, channel: string, input: unknown) => link.invoke(channel, input));
    await page.clock.install();
    await page.goto(`${new URL(harness.url).origin}/`);
    await signIn(page, ADMIN);
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.fullName);

    const minutes = DEFAULT_IDLE_LOCK_MINUTES + 2;
    for (let step = 0; step < minutes * 4; step++) {
      await page.mouse.move(200 + (step % 2) * 40, 300);
      await page.clock.runFor(15_000);
    }
    await expect(lockDialog(page)).toBeHidden();
    const heartbeats = link.calls.filter((channel) => channel === 'auth.heartbeat').length;
    expect(heartbeats).toBeGreaterThanOrEqual(minutes - 1);
    expect(heartbeats).toBeLessThanOrEqual(minutes);
  } finally {
    link.close();
  }
});
