import { formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import { CCCD_PAYLOAD, SITE, flat, pdfFile, pickBirthRegistration, shownPdfText, typeAsReader } from './support/reception';

test('a whole reception: site and numbers set up, card scanned, files attached, receipt saved, result returned', async ({
  page,
  harness,
}) => {
  await page.clock.install();
  await seedAdmin(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);

  // The administrator declares the site and a block of numbers before anyone is served.
  await page.getByRole('tab', { name: uiText.siteAdmin.tab }).click();
  await page.getByLabel(uiText.siteAdmin.agencyCode).fill(SITE.agencyCode);
  await page.getByLabel(uiText.siteAdmin.agencyName).fill(SITE.agencyName);
  await page.getByLabel(uiText.siteAdmin.place).fill(SITE.place);
  await page.getByLabel(uiText.siteAdmin.lookupUrlTemplate).fill(SITE.lookupUrlTemplate);
  await page.getByTestId('site-save').click();
  await expect(page.getByText(uiText.siteAdmin.saved)).toBeVisible();

  await page.getByRole('tab', { name: uiText.sequenceAdmin.tab }).click();
  await page.getByLabel(uiText.sequenceAdmin.first).fill('1');
  await page.getByLabel(uiText.sequenceAdmin.last).fill('50');
  await page.getByLabel(uiText.sequenceAdmin.everyDay).check();
  await page.getByTestId('sequence-add').click();
  await expect(page.getByTestId('sequence-blocks')).toContainText('1 – 50');

  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await pickBirthRegistration(page, 'dang ky khai sinh');

  // The reader types at scanner speed and ends with Enter, into the scan field that has the focus.
  const scanField = page.getByTestId('cccd-scan');
  await expect(scanField).toBeFocused();
  await typeAsReader(page, CCCD_PAYLOAD);

  const owner = page.getByTestId('party-owner');
  await expect(owner.getByLabel(uiText.party.fullName)).toHaveValue('Nguyễn Thị Hồng Nhung');
  await expect(owner.getByLabel(uiText.party.idNumber)).toHaveValue('038190012345');
  await expect(owner.getByLabel(uiText.party.dateOfBirth)).toHaveValue('14/05/1990');
  await expect(owner.getByLabel(uiText.party.issueDate)).toHaveValue('01/07/2021');
  await expect(owner.getByLabel(uiText.party.address)).toHaveValue('Thôn Đông, xã Quảng Phú, tỉnh Thanh Hóa');
  await expect(page.getByTestId('scan-notice')).toContainText('Nguyễn Thị Hồng Nhung');
  await expect(scanField).toHaveValue('');
  // The reader's Enter submitted nothing.
  await expect(page.getByTestId('accepted-panel')).toHaveCount(0);
  await expect(page.getByTestId('error-alert')).toHaveCount(0);

  await page.getByTestId('component-file-TP01').setInputFiles(pdfFile('to-khai-khai-sinh.pdf'));
  await page.getByTestId('component-file-TP02').setInputFiles([pdfFile('giay-chung-sinh-1.pdf'), pdfFile('giay-chung-sinh-2.pdf')]);
  await expect(page.getByTestId('component-TP02').getByTestId('attached-file')).toHaveCount(2);
  await expect(page.getByTestId('checklist-totals')).toContainText('3');

  await page.getByTestId('reception-accept').click();
  const code = page.getByTestId('accepted-code');
  await expect(code).toHaveText(/^000\.00\.06\.H56-\d{6}-0001$/);
  const dossierCode = (await code.textContent())!;
  // Shown as dd/MM/yyyy HH:mm; the receipt prints the same date.
  const due = (await page.getByTestId('accepted-due').textContent())!.split(' ')[0]!;
  expect(due).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

  const receipt = flat(await shownPdfText(page));
  expect(receipt).toContain(dossierCode);
  expect(receipt).toContain('Nguyễn Thị Hồng Nhung');
  expect(receipt).toContain(due);
  await expect(page.getByTestId('pdf-viewer')).toContainText(uiText.pdfView.notPrinted);

  await navigation(page).getByRole('menuitem', { name: uiText.nav.returnResult }).click();
  await page.getByTestId('return-scan').fill(dossierCode);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('dossier-code')).toHaveText(dossierCode);
  await expect(page.getByTestId('dossier-status')).toHaveText(uiText.dossierStatus[2]);
  await page.getByRole('button', { name: uiText.returnResult.collectorIsOwner }).click();
  await page.getByTestId('return-confirm').click();
  // Not yet settled by the back office: the officer confirms with a reason (issue 13 point 8).
  await page.getByTestId('return-unsettled-reason').fill('Công dân cần nhận ngay theo đề nghị của cán bộ chuyên môn');
  await page.getByTestId('return-confirm-unsettled').click();
  await expect(page.getByTestId('return-done')).toContainText(
    formatMessage(uiText.returnResult.done, { code: dossierCode, collector: 'Nguyễn Thị Hồng Nhung (038190012345)' }),
  );
  await expect(page.getByTestId('dossier-status')).toHaveText(uiText.dossierStatus[10]);

  // The same receipt scanned again says so instead of handing the result over twice.
  await page.getByTestId('return-next').click();
  await page.getByTestId('return-scan').fill(dossierCode);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('return-already')).toBeVisible();
});
