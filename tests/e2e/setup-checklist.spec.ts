import { formatMessage, uiText } from '../../shared/i18n/vi';
import { ADMIN, expect, seedAdmin, signIn, test } from './support/fixtures';
import { SITE } from './support/reception';

const text = uiText.setupChecklist;

/** Issue 13 point 11: the first admin of a new counter is guided through its set-up. */
test('a new counter: the checklist leads from the site to the numbers; the tabs say what is missing', async ({ page, harness }) => {
  test.setTimeout(300_000);
  await seedAdmin(harness);
  await page.goto(harness.url);
  await signIn(page, ADMIN);

  const checklist = page.getByTestId('setup-checklist');
  await expect(checklist.getByTestId('setup-next')).toHaveText(formatMessage(text.next, { step: text.steps.site }));
  await expect(checklist.getByTestId('setup-step-site')).toHaveAttribute('data-done', 'false');

  // The catalogue tab shows what is loaded and offers the template.
  await page.getByRole('tab', { name: uiText.catalogAdmin.tab }).click();
  await expect(page.getByTestId('catalog-loaded')).toContainText(/Đang dùng [1-9]\d* thủ tục/);
  await expect(page.getByTestId('catalog-loaded')).toContainText('Cấp giấy phép lái xe quốc tế');
  await expect(page.getByTestId('catalog-template')).toBeVisible();
  // Codes of the sample catalogue are flagged here, for the admin, with what to do about them.
  await expect(page.getByTestId('catalog-unverified')).toContainText(uiText.catalogAdmin.unverifiedHint);
  await expect(page.getByTestId('catalog-loaded')).toContainText(uiText.catalogAdmin.unverifiedTag);

  await checklist.getByTestId('setup-go').click();
  await expect(page.getByRole('tab', { name: uiText.siteAdmin.tab })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel(uiText.siteAdmin.agencyCode).fill(SITE.agencyCode);
  await page.getByLabel(uiText.siteAdmin.agencyName).fill(SITE.agencyName);
  await page.getByLabel(uiText.siteAdmin.unitName).fill(SITE.unitName);
  await page.getByLabel(uiText.siteAdmin.place).fill(SITE.place);
  await page.getByLabel(uiText.siteAdmin.lookupUrlTemplate).fill(SITE.lookupUrlTemplate);
  await page.getByLabel(uiText.siteAdmin.hotline).fill('gọi UBND xã');
  await page.getByTestId('site-save').click();
  await expect(page.getByText(uiText.siteAdmin.hotlineInvalid)).toBeVisible();
  await page.getByLabel(uiText.siteAdmin.hotline).fill(SITE.hotline);
  await page.getByTestId('site-save').click();
  await expect(page.getByText(uiText.siteAdmin.saved)).toBeVisible();

  // Saved: the checklist points to the next step.
  await expect(checklist.getByTestId('setup-step-site')).toHaveAttribute('data-done', 'true');
  await expect(checklist.getByTestId('setup-next')).toHaveText(formatMessage(text.next, { step: text.steps.sequence }));
  await checklist.getByTestId('setup-go').click();
  await expect(page.getByRole('tab', { name: uiText.sequenceAdmin.tab })).toHaveAttribute('aria-selected', 'true');
  // No block declared yet is said as such, not "used up".
  await expect(page.getByTestId('sequence-remaining')).toHaveText(uiText.sequenceAdmin.none);
});
