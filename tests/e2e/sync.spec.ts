import { eq } from 'drizzle-orm';
import { dossiers } from '../../central/db/schema';
import { formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import { startE2eGateway, type E2eGateway } from './support/gateway';
import { seedCounter, seedDossier, SITE } from './support/reception';

let gateway: E2eGateway | null = null;

/** Steps that wait on the gateway (PGlite on a machine shared by many jobs) get more than the default 10 s. */
const GATEWAY_WAIT = { timeout: 60_000 };

test.afterEach(async () => {
  await gateway?.close();
  gateway = null;
});

test('a dossier received at the counter reaches the province, and the back office’s status comes back to the look-up', async ({
  page,
  harness,
}) => {
  // PGlite's initdb and the gateway's migrations take 5–20 s alone, far more on a loaded machine.
  test.setTimeout(360_000);
  gateway = await startE2eGateway();
  await seedAdmin(harness);
  await seedCounter(harness);

  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await expect(page.getByTestId('sync-indicator')).toHaveText(uiText.sync.indicator.notEnrolled);
  // An admin lands on the admin area.
  await expect(page.getByRole('tab', { name: uiText.admin.accountsTab, selected: true })).toBeVisible();
  await page.getByRole('tab', { name: uiText.sync.tab }).click();
  await expect(page.getByRole('tab', { name: uiText.sync.tab, selected: true })).toBeVisible();

  // A wrong code is explained and changes nothing.
  await page.getByTestId('sync-gateway-url').fill(gateway.url);
  await page.getByTestId('sync-code').fill('AAAAA-BBBBB-CCCCC');
  await page.getByTestId('sync-counter-name').fill('Quầy 1');
  await page.getByTestId('sync-enrol').click();
  await expect(page.getByTestId('error-alert')).toContainText('Mã đăng ký không đúng', GATEWAY_WAIT);

  await page.getByTestId('sync-code').fill(await gateway.enrolmentCode(SITE.agencyCode));
  await page.getByTestId('sync-enrol').click();
  const status = page.getByTestId('sync-status');
  await expect(status).toContainText(gateway.url, GATEWAY_WAIT);
  await expect(page.getByTestId('error-alert')).toHaveCount(0);

  const dossier = await seedDossier(harness, { fullName: 'Lê Thị Ánh Tuyết', idNumber: '038190054321' });
  await page.getByTestId('sync-now').click();
  await expect(status).toContainText(`${uiText.sync.pendingCommands}0`, GATEWAY_WAIT);
  await expect(async () => {
    const [stored] = await gateway!.database.db.select().from(dossiers).where(eq(dossiers.code, dossier.code));
    expect(stored?.agencyCode).toBe(SITE.agencyCode);
  }).toPass(GATEWAY_WAIT);
  await expect(page.getByTestId('sync-indicator')).toHaveText(uiText.sync.indicator.synced, GATEWAY_WAIT);

  expect(await gateway.postStatus(dossier.code, 9, 'Đã ký giấy khai sinh')).toBe(200);
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-now')).not.toHaveClass(/ant-btn-loading/, GATEWAY_WAIT);
  await expect(page.getByTestId('sync-last-error')).toHaveCount(0);

  await navigation(page).getByRole('menuitem', { name: uiText.nav.lookup }).click();
  await page.getByTestId('lookup-text').fill(dossier.code);
  await page.getByTestId('lookup-search').click();
  await expect(page.getByTestId('lookup-results').getByRole('row', { name: new RegExp(dossier.code) })).toContainText(
    uiText.dossierStatus[9],
    GATEWAY_WAIT,
  );

  // The province goes away; a dossier received now stays queued (an accept nudges a push at once).
  // Signing out with something still queued asks first; cancelling keeps the session.
  await gateway.close();
  gateway = null;
  await seedDossier(harness, { fullName: 'Trần Văn Bình' });
  await page.getByTestId('sign-out').click();
  const warning = page.getByRole('dialog').filter({ hasText: uiText.sync.pendingWarningTitle });
  await expect(warning).toContainText(formatMessage(uiText.sync.pendingWarning, { commands: 1, files: 1 }).slice(0, 20), GATEWAY_WAIT);
  await warning.getByRole('button', { name: uiText.common.cancel }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();

  // Closing the day shows the same queue and offers a sync first; with the province still away the
  // sync fails in words, and the officer may close the day anyway: the queue stays on disk.
  await page.getByTestId('close-day').click();
  const closing = page.getByRole('dialog').filter({ hasText: uiText.sync.closeDay.action });
  await expect(closing.getByTestId('close-day-status')).toContainText(
    formatMessage(uiText.sync.closeDay.pending, { commands: 1, files: 1 }),
    GATEWAY_WAIT,
  );
  await closing.getByTestId('close-day-sync-now').click();
  await expect(closing.getByTestId('close-day-last-error')).toContainText('Không kết nối được', GATEWAY_WAIT);
  await expect(closing.getByTestId('close-day-confirm')).toHaveText(uiText.sync.closeDay.confirmAnyway);
  await closing.getByTestId('close-day-confirm').click();
  await expect(page.getByTestId('current-user')).toHaveCount(0);
});
