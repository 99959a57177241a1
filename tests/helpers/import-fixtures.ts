import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { constants, crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/** Files a user or an archive box hands the importer, good and bad, written into `dir`. */

export async function writeTextPdf(file: string, pageCount: number): Promise<void> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pageCount; n++) {
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText(`Page ${n}`, { x: 72, y: 760, size: 36, font });
  }
  await writeFile(file, await pdf.save());
}

/** The same PDF locked with a user password by qpdf, as citizens' e-copies sometimes are. */
export async function writeEncryptedPdf(dir: string, file: string): Promise<void> {
  const plain = path.join(dir, 'plain-for-encryption.pdf');
  await writeTextPdf(plain, 1);
  await promisify(execFile)('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', plain, file]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A valid, all-white 1-bit PNG of width × height: tiny on disk (it compresses to almost nothing)
 * but a decompression bomb once decoded, which is what the pixel limit must refuse unread.
 */
export async function writeHugePng(file: string, width: number, height: number): Promise<void> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + Math.ceil(width / 8), 0xff);
  row[0] = 0;
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const idat = deflateSync(raw, { level: constants.Z_BEST_SPEED });
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await writeFile(file, Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]));
}

/** Page n is filled with grey level n % 256, so each page can be told apart after import. */
export async function writeMultiPageTiff(file: string, pageCount: number, width = 300, height = 420): Promise<void> {
  const pages = await Promise.all(
    Array.from({ length: pageCount }, (_, n) =>
      sharp({ create: { width, height, channels: 3, background: { r: n % 256, g: n % 256, b: n % 256 } } })
        .greyscale()
        .png()
        .toBuffer(),
    ),
  );
  await sharp(pages, { join: { animated: true } })
    .tiff({ compression: 'deflate' })
    .toFile(file);
}

export async function writeJpeg(file: string): Promise<Buffer> {
  const bytes = await sharp({ create: { width: 1654, height: 2339, channels: 3, background: '#f4f1e8' } })
    .withMetadata({ density: 200 })
    .jpeg()
    .toBuffer();
  await writeFile(file, bytes);
  return bytes;
}
