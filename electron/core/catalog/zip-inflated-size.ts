import { createInflateRaw } from 'node:zlib';

/** `unreadable`: a zip directory whose entries are damaged, as exceljs would find them. */
export type ZipCheck = 'zip' | 'notZip' | 'tooLarge' | 'unreadable';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Inflates a deflated zip entry as a stream, counting and dropping the output, and stops as soon as the count passes
 * `budget`: memory stays at one chunk whatever the entry claims or holds.
 */
function inflatedSize(compressed: Uint8Array, budget: number): Promise<number | 'tooLarge' | 'broken'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let size = 0;
    let settled = false;
    const settle = (value: number | 'tooLarge' | 'broken') => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > budget) settle('tooLarge');
    });
    inflate.on('end', () => settle(size));
    inflate.on('error', () => settle('broken'));
    inflate.end(compressed);
  });
}

/**
 * Measures what a zip (an xlsx) really inflates to, entry by entry, against `maxTotal`. The sizes the central
 * directory declares are not trusted: a 265 KB workbook declaring small entries inflated to 396 MB inside exceljs
 * (issue 17 finding 5). Only what exceljs itself reads — stored and deflated entries — counts as a zip.
 */
export async function checkZipInflatedSize(bytes: Uint8Array, maxTotal: number): Promise<ZipCheck> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return 'notZip';
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== DIRECTORY_ENTRY) return 'notZip';
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const declaredSize = view.getUint32(offset + 24, true);
    const local = view.getUint32(offset + 42, true);
    // A zip64 placeholder (0xFFFFFFFF) counts as 4 GB, which is refused like any other giant.
    if (declaredSize === 0xffffffff || compressedSize === 0xffffffff) return 'tooLarge';
    // A declared giant is refused without inflating anything; a declared dwarf is inflated to see if it lies.
    if (total + declaredSize > maxTotal) return 'tooLarge';
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER) return 'unreadable';
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataStart + compressedSize > bytes.length) return 'unreadable';
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    let size: number | 'tooLarge' | 'broken';
    if (method === STORED) size = compressedSize;
    else if (method === DEFLATED) size = await inflatedSize(data, maxTotal - total);
    else return 'unreadable';
    if (size === 'broken') return 'unreadable';
    if (size === 'tooLarge') return 'tooLarge';
    total += Math.max(size, declaredSize);
    if (total > maxTotal) return 'tooLarge';
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return 'zip';
}
