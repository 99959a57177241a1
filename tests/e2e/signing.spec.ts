import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dvcqgDossier } from '../../central/dvcqg';
import { ScannerRegistry } from '../../electron/core/digitize/capture';
import { startHarness } from '../../electron/core/harness/start-harness';
import { FileStore } from '../../electron/core/platform/file-store';
import { verifyPdfSignatures } from '../../electron/core/signing/verify/verify-pdf-signatures';
import { formatMessage, uiText } from '../../shared/i18n/vi';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../helpers/softhsm';
import { testCaAndSigner, type TestIdentity } from '../helpers/test-pki';
import { saneTestDriver } from '../peers/sane-test-backend';
import { ADMIN, call, expect, navigation, seedAdmin, signIn, test as base } from './support/fixtures';
import { startE2eGateway, type E2eGateway } from './support/gateway';
import { CCCD_PAYLOAD, pickBirthRegistration, seedCounter, SITE, typeAsReader } from './support/reception';

/**
 * Issue 16 acceptance, end to end: a component scanned at the counter is reported to DVCQG as
 * digitized (DuocSoHoa 1) only after the officer signs the batch with the unit's token — a SoftHSM2
 * token made here with a test CA — and the counter syncs.
 */
const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quay-e2e-signing-'));
    // One page from SANE's test ADF is enough for a component to sign.
    const scanner = new ScannerRegistry([saneTestDriver(['--batch-count=1'])]);
    const harness = await startHarness({ dataDir, passwordCost: 'fast', appVersion: '0.1.0-e2e', digitize: { scanner } });
    try {
      await use(harness);
    } finally {
      await harness.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

let gateway: E2eGateway | null = null;
let token: SoftHsmToken | null = null;
let ca: TestIdentity;

test.beforeAll(async () => {
  // The harness signs at the machine's moment, so the certificate is valid around it (a fixed 2026 window expired
  // under the Tết 2027 date run).
  const pki = await testCaAndSigner(new Date(Date.now() - 30 * 86_400_000), 'UBND xã Thử Nghiệm');
  ca = pki.ca;
  token = createSoftHsmToken(pki.signer, [ca.certificate], 'quay-mot-cua');
});

test.afterAll(async () => {
  await gateway?.close();
  token?.remove();
});

/** PGlite and OCR share two slow cores with other jobs. */
const SLOW = { timeout: 120_000 };

test('scan a component, sign the batch with the token, sync: DVCQG hears digitized only after signing', async ({ page, harness }) => {
  test.setTimeout(600_000);
  gateway = await startE2eGateway();
  await seedAdmin(harness);
  await seedCounter(harness);
  await call(harness, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await call(harness, 'sync.enroll', {
    gatewayUrl: gateway.url,
    code: await gateway.enrolmentCode(SITE.agencyCode),
    counterName: 'Quầy 1',
  });

  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await pickBirthRegistration(page, 'dang ky khai sinh');
  await expect(page.getByTestId('cccd-scan')).toBeFocused();
  await typeAsReader(page, CCCD_PAYLOAD);
  const tp01 = page.getByTestId('page-editor-TP01');
  await tp01.getByTestId('scan-TP01').click();
  await expect(tp01.getByTestId('page-thumb')).toHaveCount(1, SLOW);
  // The birth certificate (TP02) is required too: one page each, two component PDFs to sign in one batch.
  const tp02 = page.getByTestId('page-editor-TP02');
  await tp02.getByTestId('scan-TP02').click();
  await expect(tp02.getByTestId('page-thumb')).toHaveCount(1, SLOW);
  await page.getByTestId('reception-accept').click();
  await expect(page.getByTestId('accepted-panel')).toBeVisible(SLOW);

  // The component PDF is assembled after OCR; the card looks again until it is there, not yet signed.
  const badge = page.getByTestId('signing-badge');
  await expect(async () => {
    if ((await badge.textContent()) === uiText.signing.badgeNone) await page.getByTestId('signing-refresh').click();
    await expect(badge).toHaveText(formatMessage(uiText.signing.badgeUnsigned, { signed: 0, total: 2 }), { timeout: 2_000 });
  }).toPass(SLOW);
  await expect(page.getByTestId('signing-component-TP01')).toHaveAttribute('data-signed', 'no');

  const code = String(
    (harness.core.database.sqlite.prepare('SELECT code FROM dossiers ORDER BY received_at DESC LIMIT 1').get() as { code: string }).code,
  );
  // The DVCQG record's current files per component, and the components it reports as digitized.
  const reported = async () => {
    const files = (await dvcqgDossier(gateway!.database.db, code, gateway!.url)).DongBoHoSoMC.TaiLieuNop.filter(
      (f) => f.IsDeleted === 'False',
    );
    const components = (value?: string) =>
      [...new Set(files.filter((f) => !value || f.DuocSoHoa === value).map((f) => f.MaThanhPhanHoSo))].sort();
    return { components: components(), digitized: components('1') };
  };
  await call(harness, 'sync.now', {});
  await expect(async () => expect(await reported()).toEqual({ components: ['TP01', 'TP02'], digitized: [] })).toPass(SLOW);

  // One dialog, the library installed here proposed, the token and its certificate found, one PIN.
  await page.getByTestId('signing-open').click();
  const dialog = page.getByRole('dialog').filter({ hasText: uiText.signing.dialogTitle });
  await expect(dialog.getByTestId('signing-module')).toHaveValue(SOFTHSM_MODULE);
  await dialog.getByTestId('signing-find-tokens').click();
  await expect(dialog.getByTestId('signing-token')).toContainText('quay-mot-cua', SLOW);
  await expect(dialog.getByTestId('signing-certificate')).toContainText('UBND xã Thử Nghiệm', SLOW);
  // A wrong PIN is explained in Vietnamese and signs nothing.
  await dialog.getByTestId('signing-pin').fill('000000');
  await dialog.getByTestId('signing-submit').click();
  await expect(dialog.getByTestId('signing-error')).toContainText('Mã PIN của USB ký số không đúng', SLOW);
  await expect(badge).toHaveText(formatMessage(uiText.signing.badgeUnsigned, { signed: 0, total: 2 }));
  await dialog.getByTestId('signing-pin').fill(token!.pin);
  await dialog.getByTestId('signing-submit').click();
  await expect(dialog).toBeHidden(SLOW);
  await expect(badge).toHaveText(formatMessage(uiText.signing.badgeSigned, { signed: 2, total: 2 }));
  await expect(page.getByTestId('signing-component-TP01')).toHaveAttribute('data-signed', 'yes');
  await expect(page.getByTestId('signing-component-TP02')).toHaveAttribute('data-signed', 'yes');

  await call(harness, 'sync.now', {});
  await expect(async () => expect(await reported()).toEqual({ components: ['TP01', 'TP02'], digitized: ['TP01', 'TP02'] })).toPass(SLOW);
  const store = new FileStore(path.dirname(harness.core.database.file));
  const digitizedFiles = (await dvcqgDossier(gateway.database.db, code, gateway.url)).DongBoHoSoMC.TaiLieuNop.filter(
    (f) => f.IsDeleted === 'False' && f.DuocSoHoa === '1',
  );
  expect(digitizedFiles).toHaveLength(2);
  for (const file of digitizedFiles) expect((await verifyPdfSignatures(store.read(file.TepDinhKemId), [ca.certificate])).valid).toBe(true);
});
