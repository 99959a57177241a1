import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileStore } from '../../electron/core/platform/file-store';
import { EsclDriver } from '../../electron/core/digitize/capture/escl/escl-driver';
import { ScannerRegistry } from '../../electron/core/digitize/capture';
import { startHarness } from '../../electron/core/harness/start-harness';
import { uiText } from '../../shared/i18n/vi';
import { makeTestPage, standardSpec } from '../fixtures-gen/digitize-testset';
import { EsclPeer } from '../peers/escl-peer';
import { saneTestDriver } from '../peers/sane-test-backend';
import { ADMIN, expect, navigation, seedAdmin, signIn, test as base } from './support/fixtures';
import { CCCD_PAYLOAD, pickBirthRegistration, seedCounter, typeAsReader } from './support/reception';

/**
 * The harness with two real scanners: SANE's test backend through `scanimage` (a 10-page ADF of
 * grid pictures) and an eSCL peer whose feeder holds one Vietnamese text page at 300 dpi.
 */
const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quay-e2e-digitize-'));
    const textPage = await makeTestPage(standardSpec('clean'));
    const peer = await EsclPeer.start([Buffer.from(textPage.bytes)]);
    const scanner = new ScannerRegistry([saneTestDriver(), new EsclDriver({ devices: [peer.url] })]);
    const harness = await startHarness({ dataDir, passwordCost: 'fast', appVersion: '0.1.0-e2e', digitize: { scanner } });
    try {
      await use(harness);
    } finally {
      await harness.close();
      await peer.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

test.setTimeout(600_000);

test('scan a component from the SANE test scanner, reorder and rotate, accept: the component PDF has the pages, metadata and searchable text', async ({
  page,
  harness,
}) => {
  await page.clock.install();
  await seedAdmin(harness);
  await seedCounter(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await pickBirthRegistration(page, 'dang ky khai sinh');
  await expect(page.getByTestId('cccd-scan')).toBeFocused();
  await typeAsReader(page, CCCD_PAYLOAD);
  await expect(page.getByTestId('party-owner').getByLabel(uiText.party.idNumber)).toHaveValue('038190012345');

  // SANE's test scanner is the first one offered; its ADF holds 10 pages.
  const tp01 = page.getByTestId('page-editor-TP01');
  await tp01.getByTestId('scan-TP01').click();
  await expect(page.getByTestId('digitize-notice')).toContainText(uiText.digitize.editor.scanDone.replace('{count}', '10'), {
    timeout: 300_000,
  });
  const thumbs = tp01.getByTestId('page-thumb');
  await expect(thumbs).toHaveCount(10);
  await expect(thumbs.first().locator('img')).toBeVisible();
  await expect(tp01.getByTestId('page-quality')).toHaveCount(10);
  await expect(tp01.getByTestId(`page-count-TP01`)).toContainText('10');

  // Drag the second page before the first, then turn the new first page a quarter right.
  const first = await thumbs.nth(0).getAttribute('data-page-id');
  const second = await thumbs.nth(1).getAttribute('data-page-id');
  await thumbs.nth(1).dragTo(thumbs.nth(0));
  await expect(thumbs.nth(0)).toHaveAttribute('data-page-id', second!);
  await expect(thumbs.nth(1)).toHaveAttribute('data-page-id', first!);
  await thumbs.nth(0).getByTestId('page-rotate-right').click();
  await expect(thumbs.nth(0)).toHaveAttribute('data-rotation', '1');

  // The eSCL scanner's page, with Vietnamese text, goes into the birth certificate's slot.
  await page.getByTestId('scanner-select').click();
  await page.getByTitle('Quay Test eSCL Scanner').click();
  const tp02 = page.getByTestId('page-editor-TP02');
  await tp02.getByTestId('scan-TP02').click();
  await expect(tp02.getByTestId('page-thumb')).toHaveCount(1, { timeout: 300_000 });
  await expect(tp02.getByTestId('page-quality')).toHaveCount(1, { timeout: 300_000 });

  await page.getByTestId('reception-accept').click();
  await expect(page.getByTestId('accepted-panel')).toBeVisible({ timeout: 300_000 });

  const rows = harness.core.database.sqlite
    .prepare(
      `SELECT d.code, f.component_code, f.sha256 FROM component_files f JOIN dossiers d ON d.id = f.dossier_id WHERE f.media_type = 'application/pdf' ORDER BY f.component_code`,
    )
    .all() as Array<{ code: string; component_code: string; sha256: string }>;
  expect(rows.map((r) => r.component_code)).toEqual(['TP01', 'TP02']);
  const files = new FileStore(path.dirname(harness.core.database.file));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'quay-e2e-pdf-'));
  try {
    const [tp01Pdf, tp02Pdf] = [path.join(dir, 'tp01.pdf'), path.join(dir, 'tp02.pdf')];
    await writeFile(tp01Pdf, files.read(rows[0]!.sha256));
    await writeFile(tp02Pdf, files.read(rows[1]!.sha256));
    const info = execFileSync('pdfinfo', [tp01Pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+10\b/);
    expect(info).toContain(rows[0]!.code);
    expect(info).toContain('TP01');
    expect(info).toContain(ADMIN.fullName);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', tp02Pdf, '-'], { encoding: 'utf8' });
    expect(text.normalize('NFC').toLowerCase()).toContain('khai sinh');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
