import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleComponentPdf } from '../../../../electron/core/digitize/pdf/assemble-component-pdf';
import type { ComponentPdfMetadata, OcrWord, PdfPageInput } from '../../../../electron/core/digitize/types';

const metadata: ComponentPdfMetadata = {
  dossierCode: 'H01.01-261125-0007',
  componentCode: 'TKKS',
  componentName: 'Tờ khai đăng ký khai sinh',
  ownerIdNumber: '001188012345',
  officer: 'Trần Thị Bình',
  digitizedAt: new Date('2026-11-25T03:15:00Z'),
  appVersion: '0.1.0',
};

/** Words of one line laid left to right at 300 dpi, as OCR reports them in pixels. */
function lineWords(texts: string[], top: number): OcrWord[] {
  let x = 300;
  return texts.map((text) => {
    const width = text.length * 30;
    const word = { text, confidence: 92, box: { x0: x, y0: top, x1: x + width, y1: top + 50 } };
    x += width + 30;
    return word;
  });
}

async function page(options: { width: number; height: number; words?: OcrWord[]; png?: boolean }): Promise<PdfPageInput> {
  const image = sharp({ create: { width: options.width, height: options.height, channels: 3, background: '#ffffff' } });
  const bytes = options.png ? await image.png().toBuffer() : await image.jpeg({ quality: 80 }).toBuffer();
  return {
    image: bytes,
    mediaType: options.png ? 'image/png' : 'image/jpeg',
    widthPx: options.width,
    heightPx: options.height,
    resolutionDpi: 300,
    ocr: options.words ? { text: options.words.map((word) => word.text).join(' '), meanConfidence: 92, words: options.words } : undefined,
  };
}

const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8' });

describe('component PDF', () => {
  let dir: string;
  let file: string;
  let bytes: Uint8Array;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-pdf-'));
    file = path.join(dir, 'TKKS.pdf');
    const pages = [
      await page({
        width: 2480,
        height: 3508,
        words: [
          ...lineWords(['Họ', 'và', 'tên:', 'Nguyễn', 'Thị', 'Hương'], 600),
          ...lineWords(['Số', 'định', 'danh:', '001188012345'], 800),
        ],
      }),
      // A flagged blank stays a page: page count must equal the paper.
      await page({ width: 2480, height: 3508 }),
      await page({
        width: 3508,
        height: 2480,
        png: true,
        words: lineWords(['CỘNG', 'HÒA', 'XÃ', 'HỘI', 'CHỦ', 'NGHĨA', 'VIỆT', 'NAM'], 300),
      }),
    ];
    bytes = await assembleComponentPdf(pages, metadata);
    fs.writeFileSync(file, bytes);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has one page per image, blank included, at the physical size of each', () => {
    const info = run('pdfinfo', ['-f', '1', '-l', '3', file]);
    expect(info).toMatch(/^Pages:\s+3$/m);
    expect(info).toMatch(/^Page\s+1 size:\s+595\.2 x 841\.9\d* pts \(A4\)$/m);
    expect(info).toMatch(/^Page\s+3 size:\s+841\.9\d* x 595\.2 pts/m);
  });

  it('carries the metadata in the document info', () => {
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/^Title:\s+Tờ khai đăng ký khai sinh — hồ sơ H01\.01-261125-0007$/m);
    expect(info).toMatch(/^Author:\s+Trần Thị Bình$/m);
    expect(info).toMatch(/^Keywords:\s+H01\.01-261125-0007 TKKS 001188012345$/m);
    expect(info).toMatch(/^Creator:\s+Quầy Một Cửa 0\.1\.0$/m);
    expect(info).toMatch(/^Producer:\s+Quầy Một Cửa 0\.1\.0$/m);
    expect(info).toMatch(/^CreationDate:.*2026/m);
  });

  it('carries dossier, component, owner ID, officer, time and version in XMP', () => {
    const xmp = run('pdfinfo', ['-meta', file]);
    for (const field of [
      '<quay:DossierCode>H01.01-261125-0007</quay:DossierCode>',
      '<quay:ComponentCode>TKKS</quay:ComponentCode>',
      '<quay:OwnerIdNumber>001188012345</quay:OwnerIdNumber>',
      '<quay:Officer>Trần Thị Bình</quay:Officer>',
      '<quay:DigitizedAt>2026-11-25T03:15:00.000Z</quay:DigitizedAt>',
      '<quay:AppVersion>0.1.0</quay:AppVersion>',
    ]) {
      expect(xmp).toContain(field);
    }
  });

  it('is searchable: pdftotext finds the Vietnamese words on their pages, and nothing on the blank', () => {
    expect(run('pdftotext', ['-f', '1', '-l', '1', file, '-']).normalize('NFC')).toMatch(
      /Họ và tên: Nguyễn Thị Hương\s+Số định danh: 001188012345/,
    );
    expect(run('pdftotext', ['-f', '2', '-l', '2', file, '-']).trim()).toBe('');
    expect(run('pdftotext', ['-f', '3', '-l', '3', file, '-']).normalize('NFC')).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('is well formed, with a classic cross-reference table a signature can be appended to', () => {
    expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors found');
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toMatch(/\nxref\n0 \d+\n/);
    expect(text).not.toContain('/ObjStm');
    expect(text).not.toContain('/XRefStm');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('embeds the text font so the file is self-contained', () => {
    expect(run('pdffonts', [file])).toMatch(/GlyphLessFont\s+CID TrueType\s+Identity-H\s+yes/);
  });
});
