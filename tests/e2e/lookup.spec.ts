import { formatMessage, uiText } from '../../shared/i18n/vi';
import { changeTemporaryPassword, expect, navigation, seedAccount, seedAdmin, signIn, test } from './support/fixtures';
import { flat, seedCounter, seedDossier, shownPdfText } from './support/reception';

const SUPERVISOR = { username: 'le.giamsat', password: 'TamThoi2025', fullName: 'Lê Văn Giám', role: 'supervisor' as const };

test('look-up finds a dossier by a name typed without diacritics; a supervisor reprint needs a reason', async ({ page, harness }) => {
  await seedAdmin(harness);
  await seedCounter(harness);
  await seedAccount(harness, SUPERVISOR);
  const wanted = await seedDossier(harness, { fullName: 'Lê Thị Ánh Tuyết', idNumber: '038190054321', phone: '0912345678' });
  const other = await seedDossier(harness, { fullName: 'Trần Văn Bình' });

  await page.goto(harness.url);
  await signIn(page, SUPERVISOR);
  await changeTemporaryPassword(page, SUPERVISOR.password, 'GiamSat2025x');
  await navigation(page).getByRole('menuitem', { name: uiText.nav.lookup }).click();

  const results = page.getByTestId('lookup-results');
  await expect(results.getByRole('row', { name: new RegExp(other.code) })).toBeVisible();
  await page.getByTestId('lookup-text').fill('le thi anh tuyet');
  await page.getByTestId('lookup-search').click();
  await expect(results.getByRole('row', { name: new RegExp(other.code) })).toHaveCount(0);
  const row = results.getByRole('row', { name: new RegExp(wanted.code) });
  await expect(row).toContainText('Lê Thị Ánh Tuyết');
  await expect(row).toContainText(uiText.dossierStatus[2]);

  await row.click();
  const drawer = page.getByRole('dialog', { name: formatMessage(uiText.lookup.details, { code: wanted.code }) });
  await expect(drawer.getByTestId('dossier-code')).toHaveText(wanted.code);
  await drawer.getByTestId('open-reprint').click();
  const reprint = page.getByRole('dialog', { name: uiText.lookup.reprintTitle });
  await reprint.getByRole('button', { name: uiText.lookup.print }).click();
  await expect(reprint.getByText(formatMessage(uiText.common.required, { field: 'lý do in lại' }))).toBeVisible();
  await expect(reprint.getByTestId('pdf-viewer')).toHaveCount(0);
  await reprint.getByTestId('print-reason').fill('Công dân làm mất giấy hẹn');
  await reprint.getByRole('button', { name: uiText.lookup.print }).click();
  expect(flat(await shownPdfText(reprint))).toContain(wanted.code);
  await page.keyboard.press('Escape');
  await expect(reprint).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Receipts owed since reception (never printed) are listed until printed.
  const owed = page.getByTestId('outstanding-jobs').getByRole('row', { name: new RegExp(other.code) });
  await owed.getByRole('button', { name: uiText.lookup.printOwed }).click();
  expect(flat(await shownPdfText(page.getByRole('dialog', { name: uiText.reception.receipt })))).toContain('Trần Văn Bình');
  await expect(owed).toHaveCount(0);
});
