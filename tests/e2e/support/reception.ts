import { execFileSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';
import type { Harness } from '../../../electron/core/harness/start-harness';
import type { DossierView, Site } from '../../../shared/reception/dossier-view';
import type { PartyInput } from '../../../shared/reception/draft';
import { ADMIN, call, expect } from './fixtures';

export const SITE: Site = {
  agencyCode: '000.00.06.H56',
  agencyName: 'UBND xã Quảng Phú',
  unitName: 'Bộ phận tiếp nhận và trả kết quả',
  place: 'Quảng Phú',
  hotline: '0237 3852 555',
  lookupUrlTemplate: 'https://dichvucong.thanhhoa.gov.vn/tra-cuu?ma={code}',
  formSet: '2018',
};

export const BIRTH_REGISTRATION = { code: '1.001193.000.00.00.H56', name: 'Thủ tục đăng ký khai sinh' };

/** A 2021 chip card's QR payload (docs/domain.md §7.1): ID|old CMND|name|birth|sex|address|issue date. */
export const CCCD_PAYLOAD = '038190012345|172123456|Nguyễn Thị Hồng Nhung|14051990|Nữ|Thôn Đông, xã Quảng Phú, tỉnh Thanh Hóa|01072021';

/** Enough of a PDF for the file store, which judges files by their first bytes. */
export function pdfFile(name: string) {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) };
}

/** Signs the seed client in as the first admin, runs `work`, and signs it out again. */
async function asAdmin<T>(harness: Harness, work: () => Promise<T>): Promise<T> {
  await call(harness, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  try {
    return await work();
  } finally {
    await call(harness, 'auth.signOut', {});
  }
}

/** A counter ready to receive: the site declared and a block of sequence numbers valid every day. */
export async function seedCounter(harness: Harness, block = { first: 1, last: 200 }): Promise<void> {
  await asAdmin(harness, async () => {
    await call(harness, 'site.update', SITE);
    await call(harness, 'sequence.addBlock', { date: null, ...block, source: 'admin' });
  });
}

/** Receives a complete birth registration through the contract, as the reception screen would. */
export async function seedDossier(harness: Harness, owner: Partial<PartyInput> & { fullName: string }): Promise<DossierView> {
  return asAdmin(harness, async () => {
    const file = await call(harness, 'reception.storeFile', {
      fileName: 'to-khai.pdf',
      dataBase64: pdfFile('to-khai.pdf').buffer.toString('base64'),
    });
    const { dossier } = await call(harness, 'reception.accept', {
      draft: {
        procedureCode: BIRTH_REGISTRATION.code,
        owner: { kind: 'citizen', ...owner },
        components: [
          { code: 'TP01', state: 'attached', files: [file] },
          { code: 'TP02', state: 'attached', files: [file] },
        ],
      },
    });
    return dossier;
  });
}

/** The text of a PDF the core saved, as `pdftotext` (poppler) reads it. */
export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

/** The saved form shown in the page's PDF viewer, read back from disk. */
export async function shownPdfText(scope: Page | Locator): Promise<string> {
  const saved = scope.getByTestId('pdf-saved-path').last();
  await expect(saved).toBeVisible({ timeout: 30_000 });
  return pdfText((await saved.textContent())!.trim());
}

/**
 * Types as a keyboard-wedge reader does: the whole payload, then its Enter. On a loaded test machine
 * each synthetic key costs tens of milliseconds of round trips, slower than any reader, so the page's
 * clock (installed by the test) stands still while the keys arrive, as close together as a reader's.
 */
export async function typeAsReader(page: Page, payload: string): Promise<void> {
  // The page's clock runs on while this test waits for the answer; on a loaded machine it may pass
  // the moment asked for, so the pause is asked again from a fresh reading.
  for (let attempt = 0; ; attempt++) {
    const pageNow = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(pageNow + 5000);
      break;
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('to the past')) throw error;
    }
  }
  await page.keyboard.type(payload, { delay: 5 });
  await page.keyboard.press('Enter');
  await page.clock.resume();
}

/** pdftotext breaks lines where the form wraps them. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ');

export async function pickBirthRegistration(page: Page, typed: string): Promise<void> {
  // fill() gives the text in one input event: typed at machine speed it would be a reader's burst.
  await page.getByTestId('procedure-picker').getByRole('combobox').fill(typed);
  await page.getByTitle(BIRTH_REGISTRATION.name, { exact: true }).click();
  await expect(page.getByTestId('procedure-summary')).toContainText(BIRTH_REGISTRATION.code);
}
