import { errorMessages, formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import { flat, pdfFile, pickBirthRegistration, seedCounter, shownPdfText, typeAsReader } from './support/reception';

test('an incomplete dossier: the check names the missing component and Form 02 asks for it', async ({ page, harness }) => {
  await seedAdmin(harness);
  await seedCounter(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await pickBirthRegistration(page, 'dkks');
  const owner = page.getByTestId('party-owner');
  await owner.getByLabel(uiText.party.fullName).fill('Phạm Văn Đức');

  // A look at another area keeps the half-received dossier.
  await navigation(page).getByRole('menuitem', { name: uiText.nav.lookup }).click();
  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await expect(owner.getByLabel(uiText.party.fullName)).toHaveValue('Phạm Văn Đức');

  await page.getByTestId('component-file-TP01').setInputFiles(pdfFile('to-khai.pdf'));
  await expect(page.getByTestId('component-TP01').getByTestId('attached-file')).toHaveCount(1);
  await page.getByTestId('reception-check').click();
  const missing = page.getByTestId('missing-list');
  await expect(missing).toContainText(formatMessage(uiText.reception.missingTitle, { count: 1 }));
  const missingName = (await missing.locator('li').textContent())!;
  expect(missingName).toMatch(/^Giấy chứng sinh/);

  // Accepting is refused the same way, before any number is used: the list itself says so.
  await page.getByTestId('reception-accept').click();
  await expect(missing).toContainText(formatMessage(uiText.reception.missingRefused, { count: 1 }));
  await expect(page.getByTestId('accepted-panel')).toHaveCount(0);

  await page.getByTestId('open-supplement').click();
  const dialog = page.getByRole('dialog', { name: uiText.reception.supplementTitle });
  await expect(dialog.getByTestId('supplement-item')).toHaveCount(1);
  await expect(dialog.getByLabel(uiText.reception.supplementItem)).toHaveValue(missingName);
  await dialog.getByRole('button', { name: uiText.reception.printForm }).click();
  const form02 = flat(await shownPdfText(dialog));
  expect(form02).toContain(flat(missingName));
  expect(form02).toContain('Phạm Văn Đức');
});

test('a card payload that does not parse fills nothing and says so; fast keys that make no code stay typed; a damaged card asks to confirm; a receipt offers the return', async ({
  page,
  harness,
}) => {
  await page.clock.install();
  await seedAdmin(harness);
  await seedCounter(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await pickBirthRegistration(page, 'khai sinh');
  const owner = page.getByTestId('party-owner');
  const notice = page.getByTestId('scan-notice');
  const name = owner.getByLabel(uiText.party.fullName);
  const address = owner.getByLabel(uiText.party.address);

  await page.getByTestId('cccd-scan').focus();
  await typeAsReader(page, 'abc|||');
  await expect(notice).toContainText(errorMessages.CCCD_FIELD_COUNT);
  await expect(name).toHaveValue('');
  await expect(owner.getByLabel(uiText.party.idNumber)).toHaveValue('');

  // Keys at reader speed that make no code the app knows (a fast typist, an IME expanding an
  // abbreviation) stay in the field they were typed into and raise no scan notice.
  await address.focus();
  await page.keyboard.type('xk3j2lq9zpm4w7', { delay: 5 });
  await expect(address).toHaveValue('xk3j2lq9zpm4w7');
  await expect(notice).not.toContainText('xk3j2lq9zpm4w7');
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  await address.fill('');

  // A person typing at human speed is left alone.
  await address.pressSequentially('Thôn Tây', { delay: 60 });
  await expect(address).toHaveValue('Thôn Tây');

  // A wedge reader with the IME on loses the accented letters: the ASCII fields are sure, the rest asks.
  await page.getByTestId('cccd-scan').focus();
  await typeAsReader(page, '038190012345|172123456|Nguy?n Th? H?ng Nhung|14051990|N?|Th?n ??ng|01072021');
  await expect(owner.getByLabel(uiText.party.idNumber)).toHaveValue('038190012345');
  await expect(owner.getByLabel(uiText.party.dateOfBirth)).toHaveValue('14/05/1990');
  await expect(owner.getByTestId('owner-sex-confirm')).toHaveCount(0);
  await expect(name).toHaveValue('Nguy?n Th? H?ng Nhung');
  await expect(owner.getByTestId('owner-fullName-confirm')).toContainText(errorMessages.CCCD_TEXT_GARBLED);
  await expect(owner.getByTestId('owner-address-confirm')).toBeVisible();
  await page.getByTestId('reception-accept').click();
  await expect(page.getByTestId('error-alert')).toHaveText(
    formatMessage(uiText.reception.toConfirmFirst, { fields: `${uiText.party.fullName}, ${uiText.party.address}` }),
  );
  await name.fill('Nguyễn Thị Hồng Nhung');
  await expect(owner.getByTestId('owner-fullName-confirm')).toHaveCount(0);
  await owner.getByTestId('owner-address-confirm').getByRole('button', { name: uiText.scanner.confirm }).click();
  await expect(owner.getByTestId('owner-address-confirm')).toHaveCount(0);

  // A receipt scanned at the reception screen is a citizen come back for the result.
  await page.getByTestId('cccd-scan').focus();
  await typeAsReader(page, '000.00.06.H56-260101-0042');
  await expect(notice).toContainText('000.00.06.H56-260101-0042');
  await page.getByTestId('scan-open-return').click();
  await expect(page.getByTestId('return-scan')).toHaveValue('000.00.06.H56-260101-0042');
  await expect(page.getByText(formatMessage(errorMessages.DOSSIER_NOT_FOUND, { code: '000.00.06.H56-260101-0042' }))).toBeVisible();
});
