import fs from 'node:fs';
import path from 'node:path';
import { prepareZXingModule, readBarcodes, type ReadInputBarcodeFormat } from 'zxing-wasm/reader';
import { AppError } from '../../../../shared/ipc/result';
import type { DecodedBarcode } from '../types';
import type { GrayImage } from './barcode-image';

const WASM_FILE = 'zxing_reader.wasm';

/**
 * The reader's wasm: shipped next to the app by electron-builder (resources/barcode), else the copy
 * in node_modules (development, tests, the CLI from a checkout). zxing-wasm's own default fetches it
 * from a CDN, which a counter without internet cannot reach.
 */
export function zxingWasmPath(resourcesDir: string): string {
  const candidates = [
    path.join(resourcesDir, 'barcode', WASM_FILE),
    path.join(resourcesDir, 'node_modules', 'zxing-wasm', 'dist', 'reader', WASM_FILE),
  ];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new AppError('BARCODE_DECODER_MISSING', { path: candidates[0]! });
  return found;
}

/** What the counter meets on paper: receipts and separators (QR), 1D receipt codes, ID cards. */
export const PAGE_BARCODE_FORMATS: ReadInputBarcodeFormat[] = ['QRCode', 'MicroQRCode', 'Code128', 'Code39', 'DataMatrix', 'PDF417'];

let loadedFrom: string | null = null;

/** Loads the wasm from `wasmFile` once; `locateFile` answers with the same local file should it ask. */
export async function loadZxingWasm(wasmFile: string): Promise<void> {
  if (loadedFrom === wasmFile) return;
  const wasmBinary = fs.readFileSync(wasmFile);
  await prepareZXingModule({
    overrides: {
      wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength),
      locateFile: (file: string) => (file.endsWith('.wasm') ? wasmFile : file),
    },
    fireImmediately: true,
  });
  loadedFrom = wasmFile;
}

/** RGBA of each grey level, as 32-bit words in the platform's byte order: one store per pixel. */
const RGBA_OF_GREY = (() => {
  const bytes = new Uint8Array(256 * 4);
  for (let level = 0; level < 256; level++) bytes.set([level, level, level, 255], level * 4);
  return new Uint32Array(bytes.buffer);
})();

/**
 * One RGBA buffer per thread, reused while no other read holds it: a fresh 35 MB array for every
 * A4 page cost far more in page faults (about 200 ms of CPU on a busy 2-core machine) than filling it.
 */
let scratch: Uint8ClampedArray | null = null;
let scratchBusy = false;

function rgbaBuffer(length: number): { rgba: Uint8ClampedArray; release: () => void } {
  if (scratchBusy) return { rgba: new Uint8ClampedArray(length), release: () => undefined };
  if (!scratch || scratch.length < length) scratch = new Uint8ClampedArray(length);
  scratchBusy = true;
  return { rgba: scratch.subarray(0, length), release: () => void (scratchBusy = false) };
}

/** Every symbol ZXing-C++ finds on the page (it tries rotations, inversion and downscaling itself). */
export async function decodeWithZxingWasm(image: GrayImage, wasmFile: string): Promise<DecodedBarcode[]> {
  await loadZxingWasm(wasmFile);
  // zxing-wasm takes RGBA and averages it back to luminance; grey copied into R, G and B survives exactly.
  const { rgba, release } = rgbaBuffer(image.width * image.height * 4);
  let results: Awaited<ReturnType<typeof readBarcodes>>;
  try {
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, image.width * image.height);
    for (let i = 0; i < image.pixels.length; i++) words[i] = RGBA_OF_GREY[image.pixels[i]!]!;
    results = await readBarcodes(
      // The core has no DOM types; zxing-wasm reads an ImageData-shaped object in Node.
      { data: rgba, width: image.width, height: image.height, colorSpace: 'srgb' } as unknown as Parameters<typeof readBarcodes>[0],
      { formats: PAGE_BARCODE_FORMATS, tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true, maxNumberOfSymbols: 8 },
    );
  } finally {
    release();
  }
  return results
    .filter((result) => result.isValid)
    .map((result) => ({ format: result.format, text: result.text, decoder: 'zxing-wasm' as const }));
}
