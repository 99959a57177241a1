import { uiText } from '../../shared/i18n/vi';
import { call, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import { seedCounter, seedDossier } from './support/reception';

test.setTimeout(180_000);

/**
 * Issue 18 §1: the supervisor's periodic report on screen — Biểu II.06a with its total, the charts
 * drawn (SVG) and the xlsx download. The A4 print is tested without a browser
 * (tests/integration/reports/report-figures.test.ts).
 */
test('the periodic report shows the template table and its charts, and downloads the xlsx', async ({ page, harness }) => {
  const admin = await seedAdmin(harness);
  await seedCounter(harness);
  const first = await seedDossier(harness, { fullName: 'Nguyễn Thị Hồng Nhung' });
  await seedDossier(harness, { fullName: 'Lê Văn Bình' });
  // The month the dossiers were received in, whatever today is.
  const month = first.receivedLocal.slice(0, 7);
  await call(harness, 'auth.signOut', {});

  await page.goto(harness.url);
  await signIn(page, admin);
  await navigation(page).getByRole('menuitem', { name: uiText.nav.reports }).click();
  await page.getByTestId('report-period').fill('2026-13');
  await page.getByTestId('report-show').click();
  await expect(page.getByTestId('report-error')).toContainText('Kỳ báo cáo "2026-13" không hợp lệ');

  await page.getByTestId('report-period').fill(month);
  await page.getByTestId('report-show').click();
  const table = page.getByTestId('report-table');
  const total = table.getByRole('row').filter({ hasText: uiText.reports.total });
  // Received 2, new online 0, new in person 2, carried over 0, settled 0 …, in progress 2, within time 2 or overdue.
  await expect(total.getByRole('cell').nth(2)).toHaveText('2');
  await expect(total.getByRole('cell').nth(4)).toHaveText('2');
  await expect(total.getByRole('cell').nth(10)).toHaveText('2');

  for (const chart of ['report-chart-settled', 'report-chart-channels', 'report-chart-satisfaction']) {
    await expect(page.getByTestId(chart).locator('svg')).toBeVisible();
  }
  await expect(page.getByTestId('report-chart-settled').locator('svg path').first()).toBeAttached();
  await expect(page.getByTestId('report-chart-channels')).toContainText(uiText.reports.screen.channels.direct);

  const download = page.waitForEvent('download');
  await page.getByTestId('report-xlsx').click();
  expect((await download).suggestedFilename()).toBe(`bao-cao-giai-quyet-ho-so-${month}.xlsx`);
});
