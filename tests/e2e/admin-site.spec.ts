import { catalogFieldLabels, errorMessages, formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import { SITE } from './support/reception';

test('an unconfigured counter points to the site settings; holidays and the catalogue are set up from the admin tabs', async ({
  page,
  harness,
}) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);

  await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
  await expect(page.getByTestId('site-missing')).toContainText(uiText.reception.siteMissing);
  await page.getByRole('button', { name: uiText.reception.openSiteAdmin }).click();
  await expect(page.getByRole('tab', { name: uiText.siteAdmin.tab, selected: true })).toBeVisible();
  await page.getByLabel(uiText.siteAdmin.agencyCode).fill('000.00.6.H56');
  await page.getByTestId('site-save').click();
  await expect(page.getByText(uiText.siteAdmin.agencyCodeInvalid)).toBeVisible();
  await page.getByLabel(uiText.siteAdmin.agencyCode).fill(SITE.agencyCode);
  await page.getByLabel(uiText.siteAdmin.agencyName).fill(SITE.agencyName);
  await page.getByLabel(uiText.siteAdmin.place).fill(SITE.place);
  await page.getByTestId('site-save').click();
  await expect(page.getByText(uiText.siteAdmin.saved)).toBeVisible();

  await page.getByRole('tab', { name: uiText.calendarAdmin.tab }).click();
  await page.getByTestId('calendar-suggest').click();
  const suggestions = page.getByRole('dialog', { name: uiText.calendarAdmin.suggestTitle });
  await expect(suggestions.getByRole('row', { name: /Quốc khánh/ }).first()).toBeVisible();
  await suggestions.getByRole('button', { name: /^Thêm \d+ ngày đã chọn$/ }).click();
  await expect(suggestions).toBeHidden();
  const national = page.getByRole('row', { name: /02\/09\/\d{4}/ });
  await expect(national).toContainText(uiText.calendarAdmin.kinds.dayOff);
  await national.getByRole('button', { name: uiText.calendarAdmin.remove }).click();
  await page.getByRole('button', { name: uiText.common.confirm }).click();
  await expect(national).toHaveCount(0);

  await page.getByRole('tab', { name: uiText.catalogAdmin.tab }).click();
  const catalogue = {
    version: 1,
    procedures: [
      {
        code: '1.001193.000.00.00.H56',
        name: 'Thủ tục đăng ký khai sinh',
        sectorName: 'Hộ tịch',
        level: 'commune',
        duration: { unit: 'workingHours', value: 4 },
        components: [{ code: 'TP01', name: 'Tờ khai đăng ký khai sinh', required: true }],
      },
      {
        code: '9.999999.000.00.00.H56',
        name: '',
        sectorName: 'Hộ tịch',
        level: 'commune',
        duration: { unit: 'workingDays', value: 3 },
        components: [],
      },
    ],
  };
  await page.getByTestId('catalog-file').setInputFiles({
    name: 'danh-muc.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(catalogue)),
  });
  const report = page.getByTestId('catalog-report');
  await expect(report).toContainText(formatMessage(uiText.catalogAdmin.imported, { file: 'danh-muc.json' }));
  const rejected = report.getByRole('row', { name: /9\.999999\.000\.00\.00\.H56/ });
  await expect(rejected).toContainText(formatMessage(uiText.catalogAdmin.itemRow, { row: 2 }));
  await expect(rejected).toContainText(formatMessage(errorMessages.CATALOG_FIELD_REQUIRED, { field: catalogFieldLabels.name }));
});
