import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_XLSX_UNCOMPRESSED_BYTES, readCatalogXlsx } from '../../electron/core/catalog/read-catalog-xlsx';
import { filePages } from '../../electron/core/digitize/capture/import/file-pages';
import { PDF_MAX_IMAGE_PIXELS } from '../../electron/core/digitize/capture/import/pdf-pages';
import { DEFAULT_MAX_PIXELS } from '../../electron/core/digitize/capture/import/pixel-limit';
import { MAX_DROPPED_FILE_BYTES, readRegularFile } from '../../electron/core/digitize/capture/import/read-regular-file';
import { errorMessage } from '../../shared/i18n/vi';
import { AppError } from '../../shared/ipc/result';

/** Issue 17 finding 5: small files that inflate to gigabytes. */

/** A zip of one deflated entry whose headers declare `declared` bytes while it inflates to `actual` zero bytes. */
function lyingZip(name: string, actual: number, declared: number): Uint8Array {
  const data = zlib.deflateRawSync(Buffer.alloc(actual), { level: 9 });
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryOffset = local.length + nameBytes.length + data.length;
  const directory = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, data, directory, end]));
}

describe('catalogue workbook bomb (finding 5)', () => {
  it('refuses a workbook whose entry declares 1 KB and inflates past the cap, without trusting the header', async () => {
    const bomb = lyingZip('xl/worksheets/sheet1.xml', MAX_XLSX_UNCOMPRESSED_BYTES + 1024 * 1024, 1024);
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    const result = await readCatalogXlsx(bomb);
    expect(result).toMatchObject({ ok: false, error: { code: 'CATALOG_XLSX_TOO_LARGE_UNPACKED' } });
    expect(!result.ok && result.error.message).toBe(errorMessage('CATALOG_XLSX_TOO_LARGE_UNPACKED', { max: '64 MB' }));
  });
});

/** A one-page PDF that paints an image of `side` × `side` grey pixels, all zero, deflated: about 63 KB for 8000. */
function pdfWithHugeImage(side: number): Buffer {
  const pixels = zlib.deflateSync(Buffer.alloc(side * side), { level: 9 });
  const content = Buffer.from('q 200 0 0 200 0 0 cm /Im0 Do Q');
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>'),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`,
      ),
      pixels,
      Buffer.from('\nendstream'),
    ]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(object);
    length += object.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

// The worker compiles the digitize worker from source under tsx: slow to start on a busy machine.
describe('PDF image bomb (finding 5)', { timeout: 120_000 }, () => {
  it('refuses the page of a 63 KB PDF that embeds an 8000 × 8000 image, in its worker, with a Vietnamese message', async () => {
    const pdf = pdfWithHugeImage(8000);
    expect(pdf.byteLength).toBeLessThan(100 * 1024);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-pdf-bomb-'));
    const file = path.join(dir, 'bom.pdf');
    fs.writeFileSync(file, pdf);
    try {
      const pages = filePages(file, { resolutionDpi: 200, colorMode: 'gray', maxPixels: DEFAULT_MAX_PIXELS, firstIndex: 0 });
      const error = await pages.next().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('IMPORT_PDF_IMAGE_TOO_LARGE');
      expect((error as AppError).message).toBe(
        errorMessage('IMPORT_PDF_IMAGE_TOO_LARGE', { file, page: 1, maxMegapixels: PDF_MAX_IMAGE_PIXELS / 1_000_000 }),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still imports an ordinary page through the worker', async () => {
    const pdf = pdfWithHugeImage(400);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-pdf-ok-'));
    const file = path.join(dir, 'trang.pdf');
    fs.writeFileSync(file, pdf);
    try {
      const pages = [];
      for await (const page of filePages(file, { resolutionDpi: 200, colorMode: 'gray', maxPixels: DEFAULT_MAX_PIXELS, firstIndex: 0 }))
        pages.push(page);
      expect(pages).toHaveLength(1);
      expect(Buffer.from(pages[0]!.bytes).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hot folder files (finding 5)', () => {
  it('refuses a link planted in place of a scan, a folder, and a file over the cap, each with its Vietnamese message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-hot-'));
    try {
      const secret = path.join(dir, 'secret.txt');
      fs.writeFileSync(secret, 'not a scan');
      const link = path.join(dir, 'scan.jpg');
      fs.symlinkSync(secret, link);
      await expect(readRegularFile(link)).rejects.toMatchObject({
        code: 'IMPORT_FILE_NOT_REGULAR',
        message: errorMessage('IMPORT_FILE_NOT_REGULAR', { file: link }),
      });
      await expect(readRegularFile(dir)).rejects.toMatchObject({ code: 'IMPORT_FILE_NOT_REGULAR' });
      const big = path.join(dir, 'big.tif');
      // Sparse: the size is declared without writing the bytes.
      fs.closeSync(fs.openSync(big, 'w'));
      fs.truncateSync(big, MAX_DROPPED_FILE_BYTES + 1);
      await expect(readRegularFile(big)).rejects.toMatchObject({
        code: 'IMPORT_FILE_TOO_LARGE',
        message: errorMessage('IMPORT_FILE_TOO_LARGE', { file: big, size: 257, max: 256 }),
      });
      const scan = path.join(dir, 'ok.jpg');
      fs.writeFileSync(scan, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      expect([...(await readRegularFile(scan))]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
