import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/core/cli/run-cli';
import type { PageReport } from '../../../../electron/core/digitize/pipeline/page-report';
import { makeTestPage, standardSpec } from '../../../fixtures-gen/digitize-testset';
import { repoRoot } from '../../../helpers/test-core';

async function quay(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env: {} },
    resourcesDir: repoRoot,
    appVersion: '0.1.0-test',
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const pdftotext = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC');
const pdfPages = (file: string) => Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

describe('quay digitize', () => {
  let dir: string;
  let inputs: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-digitize-'));
    inputs = path.join(dir, 'ho-so');
    fs.mkdirSync(inputs);
    // A returned receipt carries the dossier code as a QR: the report must list it.
    const qr = await QRCode.toBuffer('H01.01-261125-0007', { width: 360, margin: 2 });
    const clean = await makeTestPage(standardSpec('clean'));
    fs.writeFileSync(
      path.join(inputs, '01-to-khai.png'),
      await sharp(clean.bytes)
        .composite([{ input: qr, left: 1900, top: 2900 }])
        .png()
        .toBuffer(),
    );
    fs.writeFileSync(path.join(inputs, '02-trang-trang.png'), (await makeTestPage(standardSpec('blank-dusty'))).bytes);
    fs.writeFileSync(path.join(inputs, '03-xoay.png'), (await makeTestPage(standardSpec('rotated-90'))).bytes);
    fs.writeFileSync(path.join(inputs, '04-hong.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    fs.writeFileSync(path.join(inputs, '05-rong.png'), Buffer.alloc(0));
  }, 120_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one PDF of every readable page, blank kept, reports each page and each bad file, and exits 1', async () => {
    const out = path.join(dir, 'thanh-phan.pdf');
    const reportFile = path.join(dir, 'bao-cao.json');
    const result = await quay([
      'digitize',
      inputs,
      '--out',
      out,
      '--report',
      reportFile,
      '--dossier',
      'H01.01-261125-0007',
      '--component',
      'TKKS',
      '--officer',
      'Trần Thị Bình',
    ]);
    expect(result.code).toBe(1);
    expect(pdfPages(out)).toBe(3);
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/^Author:\s+Trần Thị Bình$/m);

    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as {
      pages: PageReport[];
      fileFailures: Array<{ file: string; code: string }>;
    };
    expect(report.pages.map((page) => path.basename(page.source))).toEqual(['01-to-khai.png', '02-trang-trang.png', '03-xoay.png']);
    const [form, blank, turned] = report.pages;
    expect(form).toMatchObject({ blank: false, rotationApplied: 0, resolutionDpi: 300, widthPx: 2480, heightPx: 3508, error: null });
    expect(form!.qualityScore).toBeGreaterThanOrEqual(50);
    expect(form!.barcodes).toContainEqual({ format: expect.stringMatching(/QR/i), text: 'H01.01-261125-0007' });
    expect(blank).toMatchObject({ blank: true, barcodes: [] });
    expect(turned).toMatchObject({ blank: false, rotationApplied: 90 });
    expect(report.fileFailures.map((failure) => [path.basename(failure.file), failure.code])).toEqual([
      ['04-hong.jpg', expect.stringMatching(/^IMPORT_/)],
      ['05-rong.png', 'IMPORT_FILE_EMPTY'],
    ]);
    expect(result.err).toContain('05-rong.png');
  }, 300_000);

  it('writes one PDF per input file into an output folder', async () => {
    const folder = path.join(dir, 'pdf');
    const result = await quay(['digitize', path.join(inputs, '01-to-khai.png'), path.join(inputs, '02-trang-trang.png'), '--out', folder]);
    expect(result.code).toBe(0);
    expect(fs.readdirSync(folder).sort()).toEqual(['01-to-khai.pdf', '02-trang-trang.pdf']);
    expect(pdfPages(path.join(folder, '02-trang-trang.pdf'))).toBe(1);
  }, 300_000);

  it('with --ocr makes the PDF searchable and puts the text and its confidence in the report', async () => {
    const out = path.join(dir, 'ocr.pdf');
    const reportFile = path.join(dir, 'ocr.json');
    const result = await quay([
      'digitize',
      path.join(inputs, '01-to-khai.png'),
      '--out',
      out,
      '--ocr',
      '--lang',
      'vie',
      '--report',
      reportFile,
    ]);
    expect(result.code).toBe(0);
    expect(pdftotext(out)).toContain('Nguyễn Thị Hương');
    const [page] = (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pages: PageReport[] }).pages;
    expect(page!.ocrText).toContain('001188012345');
    expect(page!.ocrMeanConfidence).toBeGreaterThan(50);
  }, 300_000);

  it('refuses bad usage with exit 64 and an empty folder with a clear message and exit 2', async () => {
    expect((await quay(['digitize', inputs])).code).toBe(64);
    expect((await quay(['digitize', inputs, '--out', path.join(dir, 'x.pdf'), '--lang', 'fra'])).code).toBe(64);
    const empty = path.join(dir, 'trong');
    fs.mkdirSync(empty);
    const result = await quay(['digitize', empty, '--out', path.join(dir, 'y.pdf')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('DIGITIZE_NO_INPUT');
    expect(fs.existsSync(path.join(dir, 'y.pdf'))).toBe(false);
  });
});
