// npm run bench:barcodes — read rates of both ZXing builds on the generated barcode corpus
// (tests/helpers/barcode-corpus.ts), per distortion and overall: each decoder in one pass, each with
// the app's retries (searchImage), and the app's decodeBarcodes (zxing-wasm with retries, then
// @zxing/library only where zxing-cpp saw a code it could not read). The issue's rule: if
// @zxing/library, the product's named decoder, reads fewer than 97 %, zxing-wasm is the primary
// decoder and @zxing/library the fallback.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { grayImageOf } from '../../electron/core/digitize/recognition/barcode-image';
import { decodeBarcodes, searchImage } from '../../electron/core/digitize/recognition/decode-barcodes';
import { decodeWithZxingLibrary } from '../../electron/core/digitize/recognition/zxing-library-decoder';
import { decodeWithZxingWasm, zxingWasmPath } from '../../electron/core/digitize/recognition/zxing-wasm-decoder';
import { barcodeCorpus } from '../../tests/helpers/barcode-corpus';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const wasmFile = zxingWasmPath(root);
const wasm = (image: Parameters<typeof decodeWithZxingLibrary>[0]) => decodeWithZxingWasm(image, wasmFile);

const decoders: Record<string, (bytes: Buffer) => Promise<string[]>> = {
  'zxing-wasm 1 pass': async (bytes) => (await wasm(await grayImageOf(bytes))).map((code) => code.text),
  '@zxing/library 1 pass': async (bytes) => (await decodeWithZxingLibrary(await grayImageOf(bytes))).map((code) => code.text),
  'zxing-wasm + retries': async (bytes) => (await searchImage(await grayImageOf(bytes), wasm)).map((code) => code.text),
  '@zxing/library + retries': async (bytes) =>
    (await searchImage(await grayImageOf(bytes), decodeWithZxingLibrary)).map((code) => code.text),
  'app decodeBarcodes': async (bytes) => (await decodeBarcodes(bytes, { wasmFile })).map((code) => code.text),
};
const names = Object.keys(decoders);
const zero = (): Record<string, number> => Object.fromEntries(names.map((name) => [name, 0]));

const elapsedMs = zero();
const reads = new Map<string, Record<string, number>>();
const totals = new Map<string, number>();
const misses: string[] = [];
for await (const image of barcodeCorpus()) {
  const row = reads.get(image.distortion) ?? zero();
  for (const name of names) {
    const start = performance.now();
    const texts = await decoders[name]!(image.image);
    elapsedMs[name]! += performance.now() - start;
    if (texts.includes(image.expectedText)) row[name]!++;
    else misses.push(`${name}: ${image.name}`);
  }
  reads.set(image.distortion, row);
  totals.set(image.distortion, (totals.get(image.distortion) ?? 0) + 1);
}

const cell = (count: number, total: number): string => `${count}/${total} ${((100 * count) / total).toFixed(1).padStart(5)} %`.padStart(26);
console.log(`${'distortion'.padEnd(14)}${names.map((name) => name.padStart(26)).join('')}`);
const overall = zero();
let total = 0;
for (const [distortion, row] of reads) {
  const count = totals.get(distortion)!;
  total += count;
  for (const name of names) overall[name]! += row[name]!;
  console.log(`${distortion.padEnd(14)}${names.map((name) => cell(row[name]!, count)).join('')}`);
}
console.log(`${'overall'.padEnd(14)}${names.map((name) => cell(overall[name]!, total)).join('')}`);
// Issue 11 §4: every code of the low-contrast class (all low-contrast-* distortions) must be read.
const lowContrast = [...reads.keys()].filter((distortion) => distortion.startsWith('low-contrast'));
const lowContrastTotal = lowContrast.reduce((sum, distortion) => sum + totals.get(distortion)!, 0);
console.log(
  `${'low-contrast*'.padEnd(14)}${names
    .map((name) =>
      cell(
        lowContrast.reduce((sum, distortion) => sum + reads.get(distortion)![name]!, 0),
        lowContrastTotal,
      ),
    )
    .join('')}`,
);
console.log(`${'mean ms/image'.padEnd(14)}${names.map((name) => (elapsedMs[name]! / total).toFixed(0).padStart(26)).join('')}`);
console.log(`\nmisses:\n${misses.map((miss) => `  ${miss}`).join('\n') || '  none'}`);
