import { PDFDocument } from 'pdf-lib';
import { formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, call, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import {
  BIRTH_REGISTRATION,
  CCCD_PAYLOAD,
  pdfFile,
  pickBirthRegistration,
  seedCounter,
  seedDossier,
  typeAsReader,
} from './support/reception';

test.setTimeout(300_000);

/** A real two-page PDF: the return counter counts the result's pages. */
async function resultPdf(name: string) {
  const pdf = await PDFDocument.create();
  pdf.addPage([420, 595]);
  pdf.addPage([420, 595]);
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(await pdf.save()) };
}

test('a result handed back is reused for the same owner’s next dossier: picked in the checklist, recorded as state 3, counted', async ({
  page,
  harness,
}) => {
  await page.clock.install();
  await seedAdmin(harness);
  await seedCounter(harness);
  const earlier = await seedDossier(harness, { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '038190012345' });
  await page.goto(harness.url);
  await signIn(page, ADMIN);

  // Handing the result back, the officer attaches the scanned certificate and names it.
  await navigation(page).getByRole('menuitem', { name: uiText.nav.returnResult }).click();
  await page.getByTestId('return-scan').fill(earlier.code);
  await page.keyboard.press('Enter');
  await page.getByTestId('return-result-file').setInputFiles(await resultPdf('giay-khai-sinh.pdf'));
  const result = page.getByTestId('return-result');
  await expect(result).toContainText('giay-khai-sinh.pdf');
  await result.getByLabel(uiText.returnResult.resultName).fill('Giấy khai sinh (bản chính)');
  await page.getByRole('button', { name: uiText.returnResult.collectorIsOwner }).click();
  await page.getByTestId('return-confirm').click();
  // Not yet settled by the back office: the officer confirms with a reason (issue 13 point 8).
  await page.getByTestId('return-unsettled-reason').fill('Công dân cần nhận ngay theo đề nghị của cán bộ chuyên môn');
  await page.getByTestId('return-confirm-unsettled').click();
  await expect(page.getByTestId('return-done')).toBeVisible();

  // The same citizen comes back: her card brings the earlier result up above the checklist.
  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await pickBirthRegistration(page, 'dang ky khai sinh');
  await expect(page.getByTestId('cccd-scan')).toBeFocused();
  await typeAsReader(page, CCCD_PAYLOAD);
  const offered = page.getByTestId('reuse-result');
  await expect(offered).toContainText('Giấy khai sinh (bản chính)');
  await expect(offered).toContainText(formatMessage(uiText.digitize.reuse.resultSource, { code: earlier.code, pages: 2 }));

  await offered.getByRole('button', { name: uiText.digitize.reuse.useFor }).click();
  await page.getByRole('menuitem', { name: /^Giấy chứng sinh do cơ sở y tế cấp/ }).click();
  await expect(page.getByTestId('reused-result-TP02')).toContainText(
    formatMessage(uiText.digitize.reuse.fromResult, { code: earlier.code }),
  );
  await page.getByTestId('component-file-TP01').setInputFiles(pdfFile('to-khai.pdf'));
  await page.getByTestId('reception-accept').click();
  const code = (await page.getByTestId('accepted-code').textContent())!;
  // The receipt is saved before the page moves on, so the core is not closed mid-print.
  await expect(page.getByTestId('pdf-saved-path').last()).toBeVisible({ timeout: 30_000 });
  expect(code).not.toBe(earlier.code);

  const later = harness.core.database.sqlite.prepare(`SELECT id FROM dossiers WHERE code = ?`).pluck().get(code) as string;
  const state = harness.core.database.sqlite
    .prepare(
      `SELECT d.state, d.page_count, r.code AS source FROM component_digitization d JOIN dossiers r ON r.id = d.reused_from_dossier_id WHERE d.dossier_id = ? AND d.component_code = 'TP02'`,
    )
    .get(later);
  expect(state).toEqual({ state: 3, page_count: 2, source: earlier.code });
  await call(harness, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const view = await call(harness, 'dossier.open', { id: later });
  expect(view.components.find((c) => c.code === 'TP02')).toMatchObject({
    state: 'reused',
    digitization: 'reusedFromResult',
    reuseRef: `${earlier.code}/KQ1`,
  });

  // The dossier's details name where the component came from.
  await navigation(page).getByRole('menuitem', { name: uiText.nav.lookup }).click();
  await page.getByTestId('lookup-text').fill(code);
  await page.getByTestId('lookup-search').click();
  await page
    .getByTestId('lookup-results')
    .getByRole('row', { name: new RegExp(code.replace(/\./g, '\\.')) })
    .click();
  const drawer = page.getByRole('dialog', { name: formatMessage(uiText.lookup.details, { code }) });
  await expect(drawer).toContainText(formatMessage(uiText.digitize.reuse.fromResult, { code: earlier.code }));
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // The statistics count it apart from documents reused from the store.
  await navigation(page).getByRole('menuitem', { name: uiText.nav.digitizationStats }).click();
  await page.getByTestId('stats-show').click();
  // The procedure by its name, as the officer knows it, not its catalogue code.
  const row = page.getByRole('row', { name: BIRTH_REGISTRATION.name });
  await expect(row).toHaveCount(1);
  // Columns: day, officer, procedure, dossiers, components, digitized, signed, reused, reused from a result.
  await expect(row.getByRole('cell').nth(3)).toHaveText('2');
  await expect(row.getByRole('cell').nth(8)).toHaveText('1');
  await expect(page.getByRole('columnheader', { name: uiText.digitize.stats.reusedFromResult, exact: true })).toBeVisible();
  await expect(page.getByTestId('stats-totals')).toContainText(uiText.digitize.stats.total);
});
