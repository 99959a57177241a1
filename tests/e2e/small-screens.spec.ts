import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { uiText } from '../../shared/i18n/vi';
import { ADMIN, expect, navigation, seedAdmin, signIn, test } from './support/fixtures';
import { BIRTH_REGISTRATION, seedCounter, seedDossier } from './support/reception';

/**
 * Issue 13 point 5: the common counter screens, 1366×768 and 1024×768. On every main screen the
 * primary action is on screen without scrolling, nothing is wider than the window, and the header
 * keeps its title and user on one line with "Đăng xuất" visible. Screenshots are kept as artifacts.
 */

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
];
const shots = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'test-results', 'small-screens');

async function expectFits(page: Page, primary: Locator, name: string, size: { width: number; height: number }) {
  await expect(primary).toBeInViewport({ ratio: 1 });
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll, `${name}: no horizontal overflow`).toBeLessThanOrEqual(widths.inner);
  // The header: one line high, the title not stacked letter by letter, signing out on screen.
  const title = await page.getByTestId('app-title').boundingBox();
  expect(title!.height, `${name}: title on one line`).toBeLessThan(40);
  expect(title!.width, `${name}: title readable`).toBeGreaterThan(60);
  const user = await page.getByTestId('current-user').boundingBox();
  expect(user!.height, `${name}: user on one line`).toBeLessThan(40);
  await expect(page.getByTestId('sign-out')).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: path.join(shots, `${name}-${size.width}x${size.height}.png`) });
}

for (const size of SIZES) {
  test(`every main screen fits ${size.width}×${size.height}`, async ({ page, harness }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    await seedAdmin(harness);
    await seedCounter(harness);
    const dossier = await seedDossier(harness, { fullName: 'Phạm Thị Lan', idNumber: '038190099999' });
    await page.goto(harness.url);
    await signIn(page, ADMIN);

    // The admin's first screen: every tab on show (none folded into "…"), the accounts' actions whole.
    await expect(page.getByRole('tab', { name: uiText.admin.settingsTab })).toBeInViewport({ ratio: 1 });
    for (const tab of [uiText.admin.accountsTab, uiText.siteAdmin.tab, uiText.catalogAdmin.tab, uiText.admin.auditTab]) {
      await expect(page.getByRole('tab', { name: tab })).toBeVisible();
    }
    await expectFits(page, page.getByTestId(`reset-${ADMIN.username}`), 'admin', size);

    // The menu folds to icons below 1200 px.
    const sidebar = await page.getByTestId('sidebar').boundingBox();
    expect(sidebar!.width).toBeLessThanOrEqual(size.width < 1200 ? 80 : 240);

    await navigation(page).getByRole('menuitem', { name: uiText.nav.reception }).click();
    await page.getByTestId('procedure-picker').getByRole('combobox').fill('dang ky khai sinh');
    await page.getByTitle(BIRTH_REGISTRATION.name, { exact: true }).click();
    await expect(page.getByTestId('procedure-summary')).toContainText(BIRTH_REGISTRATION.code);
    await expect(page.getByTestId('due-preview')).toBeInViewport({ ratio: 1 });
    await expectFits(page, page.getByTestId('reception-accept'), 'reception', size);
    // Still there with the form scrolled to its foot.
    await page.getByTestId('has-submitter').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('reception-accept')).toBeInViewport({ ratio: 1 });

    await navigation(page).getByRole('menuitem', { name: uiText.nav.returnResult }).click();
    await page.getByTestId('return-scan').fill(dossier.code);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('collector-panel')).toBeVisible();
    await expectFits(page, page.getByTestId('return-confirm'), 'return', size);

    await navigation(page).getByRole('menuitem', { name: uiText.nav.lookup }).click();
    await expectFits(page, page.getByTestId('lookup-search'), 'lookup', size);
  });
}
