import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ChromiumPdfRenderer, DEFAULT_CHROMIUM_PATH } from '../../electron/core/platform/chromium-pdf-renderer';
import { createFormService, type FormService, type FormServiceInput } from '../../electron/core/forms';
import { lookupUrl, type FormKey } from '../../shared/forms';
import { BarcodeFormat, decodePng } from '../helpers/decode-code';
import { dossier, sampleInputs, site } from '../helpers/form-fixtures';
import { FakeClock, tempDir } from '../helpers/test-core';

/**
 * Real Chromium renders the forms to PDF (the engine behind Electron's printToPDF); poppler reads
 * them back, and zxing decodes the QR code and barcode from a rendered image. One browser serves
 * the whole file.
 */

const A5 = { width: 419.53, height: 595.28 };
const A4 = { width: 595.28, height: 841.89 };

let browser: Browser;
let renderer: ChromiumPdfRenderer;
let service: FormService;
let dataDir: string;

function serviceInput<K extends FormKey>(key: K): FormServiceInput<K> {
  const { site: _site, ...rest } = sampleInputs()[key] as unknown as Record<string, unknown>;
  if (key === 'receipt') {
    delete rest.qrSvg;
    delete rest.barcodeSvg;
  }
  return rest as FormServiceInput<K>;
}

function pdfinfo(file: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out);
  const pages = /Pages:\s+(\d+)/.exec(out);
  if (!size || !pages) throw new Error(`unexpected pdfinfo output:\n${out}`);
  return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]) };
}

function pdftext(file: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

async function printed(key: FormKey): Promise<string> {
  const outcome = await service.print(key, serviceInput(key));
  expect(outcome.printed).toBe(false);
  expect(outcome.savedPath).not.toBeNull();
  return outcome.savedPath!;
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.QUAY_CHROMIUM ?? DEFAULT_CHROMIUM_PATH, args: CHROMIUM_ARGS });
  renderer = new ChromiumPdfRenderer({ browser });
  dataDir = tempDir('quay-forms-pdf-');
  service = createFormService({
    site: () => site,
    pdfRenderer: renderer,
    dataDir,
    clock: new FakeClock(new Date('2026-04-23T02:40:00.000Z')),
  });
}, 30_000);

afterAll(async () => {
  await renderer?.close();
  await browser?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('forms printed to PDF by Chromium', () => {
  it('receipt: two A5 pages, one per copy, with the code, the name in Vietnamese, the due date, the procedure', async () => {
    const file = await printed('receipt');
    expect(path.relative(dataDir, file)).toBe(path.join('prints', '2026-04-23', '000.00.06.H56-260423-0012-receipt-1.pdf'));
    const info = pdfinfo(file);
    expect(info.pages).toBe(2);
    expect(Math.abs(info.width - A5.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(info.height - A5.height)).toBeLessThanOrEqual(2);
    const text = pdftext(file);
    const [first, second] = text.split('\f');
    for (const page of [first!, second!]) {
      expect(page).toContain('000.00.06.H56-260423-0012');
      expect(page).toContain('Nguyễn Thị Hồng Nhung');
      expect(page).toContain('28/04/2026');
      expect(page).toContain('Đăng ký khai sinh');
      expect(page).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 412');
    }
    expect(first).toContain('Liên 1: Lưu tại bộ phận');
    expect(second).toContain('Liên 2: Giao người nộp');
  });

  it.each([['supplement_request'], ['refusal']] as const)('%s: one A5 page addressed to the applicant', async (key) => {
    const file = await printed(key);
    expect(path.basename(file)).toBe(`${key}-1.pdf`);
    const info = pdfinfo(file);
    expect(info.pages).toBe(1);
    expect(Math.abs(info.width - A5.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(info.height - A5.height)).toBeLessThanOrEqual(2);
    const text = pdftext(file);
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('ngày 23 tháng 04 năm 2026');
  });

  it('register: A4 across the long side, one row per dossier', async () => {
    const second = dossier({ code: '000.00.06.H56-260424-0003', register: { book: '2026', number: 415 }, dueLocal: null });
    const { site: _site, ...input } = sampleInputs().register;
    const outcome = await service.print('register', { ...input, rows: [dossier(), second] });
    const info = pdfinfo(outcome.savedPath!);
    expect(info.pages).toBe(1);
    expect(Math.abs(info.width - A4.height)).toBeLessThanOrEqual(2);
    expect(Math.abs(info.height - A4.width)).toBeLessThanOrEqual(2);
    const text = pdftext(outcome.savedPath!);
    expect(text).toContain('000.00.06.H56-260423-0012');
    expect(text).toContain('000.00.06.H56-260424-0003');
    expect(text).toContain('Từ ngày 01/04/2026 đến ngày 30/04/2026');
    expect(text).toContain('Không có ngày hẹn trả');
  });
});

describe('codes on the printed receipt', () => {
  it('QR decodes to the lookup URL with the code, and the Code 128 to the dossier code', async () => {
    const form = await service.render('receipt', serviceInput('receipt'));
    // Three device pixels per CSS pixel puts the 0.2 mm bars of the Code 128 at about 2 px each.
    const context = await browser.newContext({
      javaScriptEnabled: false,
      offline: true,
      deviceScaleFactor: 3,
      viewport: { width: 560, height: 800 },
    });
    try {
      const page = await context.newPage();
      await page.setContent(form.html);
      const qr = await page.locator('.qr-box svg').first().screenshot();
      const barcode = await page.locator('.barcode svg').first().screenshot();
      const expectedUrl = lookupUrl(site, '000.00.06.H56-260423-0012');
      expect(expectedUrl).toBe('https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.06.H56-260423-0012');
      expect(decodePng(qr, BarcodeFormat.QR_CODE)).toBe(expectedUrl);
      expect(decodePng(barcode, BarcodeFormat.CODE_128)).toBe('000.00.06.H56-260423-0012');
    } finally {
      await context.close();
    }
  });
});
