import { formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, errorAlert, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import { pdfFile, pickBirthRegistration, seedCounter } from './support/reception';

/** Issue 13 point 3: a refused accept or check leads the officer to what must be fixed. */
test('fields at fault are focused and named; Kiểm tra checks them; each accept with a component missing says so', async ({
  page,
  harness,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await seedAdmin(harness);
  await seedCounter(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);
  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await pickBirthRegistration(page, 'dkks');
  const owner = page.getByTestId('party-owner');
  await owner.getByLabel(uiText.party.idNumber).fill('03819001234');

  await page.getByTestId('reception-accept').click();
  const fields = formatMessage(uiText.reception.fieldsAtFault, { fields: `${uiText.party.fullName}, ${uiText.party.idNumber}` });
  const summary = page.getByTestId('reception-summary');
  await expect(errorAlert(summary)).toContainText(fields);
  const name = owner.getByLabel(uiText.party.fullName);
  await expect(name).toBeFocused();
  await expect(name).toBeInViewport();

  // Kiểm tra looks at the fields as well as the components.
  await page.getByTestId('reception-accept').focus();
  await page.getByTestId('reception-check').click();
  await expect(errorAlert(summary)).toContainText(fields);
  await expect(page.getByTestId('missing-list')).toBeVisible();

  await name.fill('Phạm Văn Đức');
  await owner.getByLabel(uiText.party.idNumber).fill('038190012345');
  await page.getByTestId('component-file-TP01').setInputFiles(pdfFile('to-khai.pdf'));
  await expect(page.getByTestId('component-TP01').getByTestId('attached-file')).toHaveCount(1);
  // Each click on Tiếp nhận says so again, in one place: the missing list becomes the refusal, with
  // no second message beside it naming the same components.
  const missingList = page.getByTestId('missing-list');
  const refused = formatMessage(uiText.reception.missingRefused, { count: 1 });
  for (let click = 1; click <= 2; click++) {
    await page.getByTestId('reception-accept').click();
    await expect(missingList).toHaveAttribute('data-refusals', String(click));
    await expect(missingList).toContainText(refused);
    await expect(errorAlert(summary)).toHaveCount(0);
    await expect(page.getByText(refused)).toHaveCount(1);
    await expect(page.getByTestId('accepted-panel')).toHaveCount(0);
    await page.getByTestId('reception-check').click();
    await expect(missingList).not.toContainText(refused);
  }
});
