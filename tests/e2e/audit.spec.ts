import { formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, call, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';

/** A catalogue text with its `{placeholders}` free, for checks that should not pin a count. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('.+'));
}

test('the audit log lists actions newest first and verifies as intact', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);

  await page.getByTestId('create-account').click();
  await page.getByTestId('create-account-full-name').fill('Phạm Đức Thắng');
  await page.getByTestId('create-account-username').fill('pham.thang');
  await page.getByTestId('create-account-password').fill('TamThoi2025');
  await page.getByTestId('create-account-confirm').fill('TamThoi2025');
  await page.getByRole('button', { name: uiText.common.save }).click();
  await expect(page.getByText(formatMessage(uiText.admin.accountCreated, { username: 'pham.thang' }))).toBeVisible();

  await page.getByTestId('lock-pham.thang').click();
  await page.getByRole('button', { name: uiText.common.confirm }).click();
  await expect(page.getByRole('row', { name: /pham\.thang/ })).toContainText(uiText.account.lockReason.admin);

  await page.getByRole('tab', { name: uiText.admin.auditTab }).click();
  const rows = page.getByTestId('audit-table').locator('tbody tr');
  await expect(rows.first()).toContainText(uiText.audit.actions['admin.accountLocked']);
  await expect(rows.nth(1)).toContainText(uiText.audit.actions['admin.accountCreated']);
  await expect(page.getByTestId('audit-table')).toContainText(uiText.audit.actions['app.firstAdminCreated']);
  const seqs = (await rows.locator('td:first-child').allTextContents()).map(Number);
  expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verification')).toHaveText(formatMessage(uiText.audit.verifyOk, { count: Math.max(...seqs) }));

  await navigation(page).getByRole('menuitem', { name: uiText.nav.health }).click();
  const health = page.getByTestId('health-info');
  await expect(health).toContainText('0.1.0-e2e');
  await expect(health).toContainText(uiText.health.integrityOk);
  await expect(health).toContainText(templatePattern(uiText.audit.verifyOk));
  await expect(health).toContainText(/\d+(,\d)? (KB|MB)/);
});

test('an edit made around the database triggers is reported with its record number', async ({ page, harness }) => {
  await seedAdmin(harness);
  await call(harness, 'auth.signIn', ADMIN);
  await call(harness, 'auth.signOut', {});
  // What someone with the database file and a SQLite tool could do: drop the guard, rewrite history.
  harness.core.database.sqlite.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET subject = 'nguoi-khac' WHERE seq = 2");

  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await page.getByRole('tab', { name: uiText.admin.auditTab }).click();
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verification')).toHaveText(
    formatMessage(uiText.audit.verifyBroken, { seq: 2, problem: uiText.audit.problems.hashMismatch }),
  );
});
