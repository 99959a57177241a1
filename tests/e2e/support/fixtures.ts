import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { Role } from '../../../shared/auth/roles';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { startHarness, type Harness } from '../../../electron/core/harness/start-harness';

export { expect };

export interface Credentials {
  username: string;
  password: string;
  fullName: string;
}

export const ADMIN: Credentials = { username: 'quantri', password: 'QuanTri2025', fullName: 'Trần Văn Quản' };

/** The core's client id for calls the test makes to arrange data, apart from the page's own session. */
const SEED_CLIENT = 'e2e-seed';

export const test = base.extend<{ harness: Harness }>({
  // A fresh data folder and core per test: no spec depends on another's accounts or audit log.
  // Playwright reads a fixture's dependencies from this destructuring, so it must stay a pattern.
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quay-e2e-'));
    const harness = await startHarness({ dataDir, passwordCost: 'fast', appVersion: '0.1.0-e2e' });
    try {
      await use(harness);
    } finally {
      await harness.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

/** Arranges data through the same contract the UI uses, without going through the UI. */
export async function call<C extends ChannelName>(harness: Harness, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = (await harness.core.dispatch(SEED_CLIENT, channel, input)) as Result<ChannelOutput<C>>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export async function seedAdmin(harness: Harness): Promise<Credentials> {
  await call(harness, 'app.createFirstAdmin', ADMIN);
  return ADMIN;
}

/** Accounts made by an admin start with a temporary password that must be changed at first sign-in. */
export async function seedAccount(harness: Harness, account: Credentials & { role: Role }): Promise<void> {
  await call(harness, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await call(harness, 'admin.createAccount', account);
  await call(harness, 'auth.signOut', {});
}

export async function signIn(page: Page, { username, password }: Pick<Credentials, 'username' | 'password'>) {
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

export async function changeTemporaryPassword(page: Page, current: string, next: string) {
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu' })).toBeVisible();
  await page.getByTestId('change-password-current').fill(current);
  await page.getByTestId('change-password-new').fill(next);
  await page.getByTestId('change-password-confirm').fill(next);
  await page.getByTestId('change-password-submit').click();
}

export function navigation(page: Page) {
  return page.getByRole('navigation', { name: 'Điều hướng chính' });
}

export function errorAlert(scope: Page | Locator) {
  return scope.getByTestId('error-alert');
}
