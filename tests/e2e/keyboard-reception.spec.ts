import type { Page } from '@playwright/test';
import { uiText } from '../../shared/i18n/vi';
import { ADMIN, call, expect, seedAdmin, test } from './support/fixtures';
import { BIRTH_REGISTRATION, CCCD_PAYLOAD, pdfFile, seedCounter, typeAsReader } from './support/reception';

/**
 * Issue 13 point 2: a typical reception with the keyboard and the reader alone. Every step here goes
 * through page.keyboard (and the OS file dialog, which a real Enter opens); no mouse event is sent.
 */

const NEXT_CITIZEN = '001085001234||Lê Văn Minh|02031985|Nam|Số 5 phố Huế, Hà Nội|15082022';

async function signInByKeyboard(page: Page) {
  await page.getByTestId('sign-in-username').fill(ADMIN.username);
  await page.getByTestId('sign-in-password').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Presses Tab until the focus is on what `where` describes, as an officer would (at most 80 stops). */
async function tabTo(page: Page, where: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, where)) return;
  }
  throw new Error(`Tab never reached ${where}`);
}

async function printAudits(page: Page, harness: Parameters<typeof seedCounter>[0]): Promise<number> {
  await call(harness, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const entries = await call(harness, 'audit.list', { limit: 200 });
  await call(harness, 'auth.signOut', {});
  return entries.filter((entry) => entry.action === 'print.formPrinted').length;
}

test('a whole reception by keyboard and reader: card, procedure, components, accept, print, next citizen', async ({ page, harness }) => {
  // Many steps, each a round trip to a core sharing two loaded cores with other jobs.
  test.setTimeout(360_000);
  await page.clock.install();
  await seedAdmin(harness);
  await seedCounter(harness);
  // Every pointer event the page receives is counted: the whole reception must need none.
  await page.addInitScript(() => {
    const counted = { pointer: 0 };
    Object.assign(window, { __pointerEvents: counted });
    for (const name of ['pointerdown', 'mousedown', 'mouseup', 'wheel', 'touchstart'])
      window.addEventListener(name, () => (counted.pointer += 1), { capture: true });
  });
  await page.goto(harness.url);
  await signInByKeyboard(page);

  // The help card lists the shortcuts.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('shortcuts-help')).toContainText('F9');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toBeHidden();

  // F2 brings the reception forward with the cursor in the CCCD box.
  await page.keyboard.press('F2');
  const scanField = page.getByTestId('cccd-scan');
  await expect(scanField).toBeFocused();

  // The procedure, by typing a few letters without tones, chosen with Enter.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('procedure-picker').getByRole('combobox')).toBeFocused();
  await page.keyboard.type('dkks', { delay: 120 });
  await expect(page.getByTitle(BIRTH_REGISTRATION.name, { exact: true })).toBeVisible();
  // The list names procedures; whether a code was checked nationally is the admin's matter, not a tag here.
  await expect(page.locator('.ant-select-dropdown')).not.toContainText(uiText.catalogAdmin.unverifiedTag);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('procedure-summary')).toContainText(BIRTH_REGISTRATION.code);
  await expect(scanField).toBeFocused();

  // The card, from the reader.
  await typeAsReader(page, CCCD_PAYLOAD);
  const owner = page.getByTestId('party-owner');
  await expect(owner.getByLabel(uiText.party.fullName)).toHaveValue('Nguyễn Thị Hồng Nhung');

  // Each required component: Tab to its attach button, Enter opens the file dialog.
  for (const code of ['TP01', 'TP02']) {
    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, `[data-testid="component-${code}"] button:has(.anticon-paper-clip)`);
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(pdfFile(`${code}.pdf`));
    await expect(page.getByTestId(`component-${code}`).getByTestId('attached-file')).toHaveCount(1);
  }

  // F4 checks, F9 accepts.
  await page.keyboard.press('F4');
  await expect(page.getByTestId('check-complete')).toBeVisible();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('accepted-code')).toHaveText(/-0001$/, { timeout: 60_000 });
  await expect(page.getByTestId('pdf-viewer')).toBeVisible({ timeout: 90_000 });
  expect(await printAudits(page, harness)).toBe(1);
  // The "In" button and the receipt's preview beside it, both on screen without scrolling.
  await expect(page.getByTestId('print-receipt')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('pdf-viewer')).toBeInViewport();
  const button = (await page.getByTestId('print-receipt').boundingBox())!;
  const preview = (await page.getByTestId('pdf-viewer').boundingBox())!;
  expect(preview.x, 'the preview beside the button, not below it').toBeGreaterThan(button.x + button.width);
  expect(preview.y).toBeLessThan(button.y);

  // Ctrl+P prints the receipt again from the app.
  await page.keyboard.press('Control+P');
  await expect.poll(() => printAudits(page, harness)).toBe(2);

  // The next citizen's card on the success screen starts their dossier.
  await typeAsReader(page, NEXT_CITIZEN);
  await expect(page.getByTestId('accepted-panel')).toHaveCount(0);
  await expect(owner.getByLabel(uiText.party.fullName)).toHaveValue('Lê Văn Minh');
  await expect(page.getByTestId('procedure-summary')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pointerEvents: { pointer: number } }).__pointerEvents.pointer)).toBe(0);
});

test('Tab skips the clear buttons, Enter never erases a date, and "nu" + Tab picks Nữ', async ({ page, harness }) => {
  await page.clock.install();
  await seedAdmin(harness);
  await seedCounter(harness);
  await page.goto(harness.url);
  await signInByKeyboard(page);
  await page.keyboard.press('F2');
  const owner = page.getByTestId('party-owner');
  const birth = owner.getByLabel(uiText.party.dateOfBirth);
  await birth.focus();
  await page.keyboard.type('14051990', { delay: 80 });
  await page.keyboard.press('Tab');
  // The next stop is the sex select, not the × of the date.
  await expect(owner.getByTestId('owner-sex').getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(birth).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(birth).toHaveValue('14/05/1990');

  await page.keyboard.press('Tab');
  await page.keyboard.type('nu', { delay: 120 });
  await page.keyboard.press('Tab');
  await expect(owner.getByTestId('owner-sex')).toContainText(uiText.party.female);
  await expect(birth).toHaveValue('14/05/1990');
});
