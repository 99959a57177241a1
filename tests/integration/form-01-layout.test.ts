import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ChromiumPdfRenderer, DEFAULT_CHROMIUM_PATH } from '../../electron/core/platform/chromium-pdf-renderer';
import { createFormService, type FormService } from '../../electron/core/forms';
import sampleCatalog from '../../electron/core/catalog/sample-catalog.json';
import type { FormSetId } from '../../shared/forms';
import { PARTY_NAME_MAX_LENGTH } from '../../shared/reception/limits';
import type { DossierComponentView, FeeRecord } from '../../shared/reception/dossier-view';
import { dossier, site } from '../helpers/form-fixtures';
import { FakeClock, tempDir } from '../helpers/test-core';

/**
 * Form 01 as the app prints it (Chromium's PDF, read back by poppler): each copy on one A5 sheet up to
 * ten components, every glyph at least 5 mm inside the paper, the signatures whole, no doubled fee label.
 */

const MIN_MARGIN_PT = (5 / 25.4) * 72;

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

interface Pdf {
  pages: number;
  width: number;
  height: number;
  words: Word[];
  text: string[];
}

let browser: Browser;
let renderer: ChromiumPdfRenderer;
let dataDir: string;

function service(formSet: FormSetId): FormService {
  return createFormService({
    site: () => ({ ...site, formSet }),
    pdfRenderer: renderer,
    dataDir,
    clock: new FakeClock(new Date('2026-04-23T02:40:00.000Z')),
  });
}

function readPdf(bytes: Uint8Array): Pdf {
  const file = path.join(dataDir, `read-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const bbox = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  let page = 0;
  for (const lineText of bbox.split('\n')) {
    if (lineText.includes('<page ')) page += 1;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(lineText);
    if (m)
      words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]!.normalize('NFC') });
  }
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').split('\f');
  return { pages, width: Number(size[1]), height: Number(size[2]), words, text };
}

/** The smallest distance from any glyph to any edge of its page. */
function minMargin(pdf: Pdf): number {
  return Math.min(...pdf.words.map((w) => Math.min(w.xMin, w.yMin, pdf.width - w.xMax, pdf.height - w.yMax)));
}

/**
 * Long component names of the catalogue, longest first: for up to five components the five longest
 * (311 to 198 letters), beyond that from the eleventh longest on (176 letters down to about 120).
 */
const BY_LENGTH = [
  ...new Set((sampleCatalog.procedures as { components: { name: string }[] }[]).flatMap((p) => p.components.map((c) => c.name))),
].sort((a, b) => b.length - a.length);

function longNames(count: number): string[] {
  if (count <= 5) return BY_LENGTH.slice(0, count);
  if (count <= 10) return BY_LENGTH.slice(10, 10 + count);
  return BY_LENGTH.slice(0, count);
}

function components(count: number): DossierComponentView[] {
  return longNames(count).map((name, i) => ({
    code: `TP${i + 1}`,
    name,
    required: i % 3 !== 2,
    originals: 1,
    copies: i % 2,
    state: i % 4 === 3 ? ('missing' as const) : i % 5 === 4 ? ('reused' as const) : ('attached' as const),
    digitization: 'digitizedHere' as const,
    pageCount: 2,
    reuseRef: null,
    waiveReason: null,
  }));
}

const LONG_OWNER = {
  ...dossier().owner,
  fullName: 'Nguyễn Thị Hồng Nhung',
  address: 'Số 125, đường Nguyễn Trãi, thôn Phú Lâm Thượng, xã Quảng Phú, huyện Quảng Xương, tỉnh Thanh Hóa',
};

const FEES: FeeRecord[] = [
  {
    kind: 'lePhi',
    name: 'Lệ phí đăng ký khai sinh (miễn đối với đăng ký khai sinh đúng hạn)',
    amount: 0,
    status: 'exempt',
    method: null,
    receiptNumber: null,
  },
  {
    kind: 'phi',
    name: 'Phí cấp bản sao trích lục hộ tịch (8.000 đồng/bản sao)',
    amount: 16000,
    status: 'paid',
    method: 'cash',
    receiptNumber: '0001234',
  },
];

async function receiptPdf(formSet: FormSetId, count: number): Promise<Pdf> {
  const d = dossier({
    owner: LONG_OWNER,
    procedure: { ...dossier().procedure, name: 'Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con' },
    components: components(count),
    fees: FEES,
  });
  const { pdf } = await service(formSet).pdf('receipt', { dossier: d });
  return readPdf(pdf);
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.QUAY_CHROMIUM ?? DEFAULT_CHROMIUM_PATH, args: CHROMIUM_ARGS });
  renderer = new ChromiumPdfRenderer({ browser });
  dataDir = tempDir('quay-form01-');
}, 30_000);

afterAll(async () => {
  await renderer?.close();
  await browser?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.each(['2018', '2025'] as const)('Form 01 of the %s set, printed to A5', (formSet) => {
  it.each([1, 5, 10])('%i long-named components: one page per copy, all text ≥ 5 mm inside, signatures whole', async (count) => {
    const pdf = await receiptPdf(formSet, count);
    expect(pdf.pages).toBe(2);
    expect(minMargin(pdf)).toBeGreaterThanOrEqual(MIN_MARGIN_PT);
    for (const [i, page] of pdf.text.slice(0, 2).entries()) {
      expect(page).toContain(i === 0 ? 'Liên 1' : 'Liên 2');
      expect(page).toContain('NGƯỜI NỘP HỒ SƠ');
      expect(page).toContain('Trần Thị Lan');
      expect(page).toContain('Ghi chú');
    }
  });

  it('14 of the longest components: each copy takes two pages, the second repeats the table header, nothing outside 5 mm', async () => {
    const pdf = await receiptPdf(formSet, 14);
    expect(pdf.pages).toBe(4);
    expect(minMargin(pdf)).toBeGreaterThanOrEqual(MIN_MARGIN_PT);
    const [p1, p2, p3, p4] = pdf.text;
    expect(p1).toContain('Liên 1');
    expect(p3).toContain('Liên 2');
    for (const continuation of [p2!, p4!]) {
      expect(continuation).toMatch(/STT\s+Tên giấy tờ\s+Bản\s+Bản\s+Ghi chú\s+chính\s+sao/);
      // The signature block is never split: both titles and both names on the same page.
      expect(continuation).toContain('NGƯỜI NỘP HỒ SƠ');
      expect(continuation).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
      expect(continuation).toContain('Trần Thị Lan');
    }
  });
});

describe('fees on Form 01', () => {
  const fees = (sampleCatalog.procedures as { fees: { kind: 'phi' | 'lePhi'; name: string; amount: number }[] }[]).flatMap((p) => p.fees);

  it('names every fee of the sample catalogue once, without doubling "Phí"/"Lệ phí"', async () => {
    expect(fees.length).toBeGreaterThan(20);
    const records: FeeRecord[] = fees.map((fee) => ({ ...fee, status: 'unpaid', method: null, receiptNumber: null }));
    const form = await service('2018').render('receipt', { dossier: dossier({ fees: records }) });
    const text = form.html
      .replace(/<style>[\s\S]*<\/style>/, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ');
    for (const fee of fees) expect(text).toContain(fee.name);
    expect(text).not.toMatch(/(Lệ phí|Phí) (Lệ phí|Phí)/i);
  });
});

describe('names of the longest allowed length on Form 01', () => {
  it(`prints a ${PARTY_NAME_MAX_LENGTH}-letter organisation name in full, inside the page`, async () => {
    let fullName = 'Công ty trách nhiệm hữu hạn một thành viên Thương mại, Dịch vụ và Xây dựng công trình giao thông, thủy lợi Quảng Phú';
    while (fullName.length < PARTY_NAME_MAX_LENGTH) fullName += ` chi nhánh số ${fullName.length}`;
    fullName = fullName.slice(0, PARTY_NAME_MAX_LENGTH);
    const d = dossier({ owner: { ...LONG_OWNER, kind: 'organisation', fullName, idNumber: null, taxCode: '2801234567' } });
    const { pdf } = await service('2018').pdf('receipt', { dossier: d });
    const read = readPdf(pdf);
    expect(read.pages).toBe(2);
    expect(minMargin(read)).toBeGreaterThanOrEqual(MIN_MARGIN_PT);
    const words = (page: number) =>
      read.words
        .filter((w) => w.page === page)
        .map((w) => w.text)
        .join(' ');
    expect(words(1)).toContain(fullName.replace(/\s+/g, ' ').trim());
  });
});
