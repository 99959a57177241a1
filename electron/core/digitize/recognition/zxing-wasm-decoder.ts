import fs from 'node:fs';
import path from 'node:path';
import type { ReaderOptions, ReadInputBarcodeFormat, ReadResult, readBarcodes } from 'zxing-wasm/reader';
import { AppError } from '../../../../shared/ipc/result';
import type { DecodedBarcode } from '../types';
import type { GrayImage, ImageRegion } from './barcode-image';

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
const MATRIX_FORMATS: ReadInputBarcodeFormat[] = ['QRCode', 'MicroQRCode', 'DataMatrix', 'PDF417'];
const LINEAR_FORMATS: ReadInputBarcodeFormat[] = ['Code128', 'Code39'];

/** One zxing-cpp call: which formats, and which of its own retries (it turns, inverts and downscales itself). */
export type ZxingPass = Omit<ReaderOptions, 'returnErrors' | 'maxNumberOfSymbols'>;

/**
 * Receipts, cards and labels scanned on their own: everything zxing-cpp can try, in one call. They
 * are small, so all of it costs little.
 */
export const THOROUGH_PASSES: ZxingPass[] = [
  { formats: PAGE_BARCODE_FORMATS, tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true },
];

/**
 * Whole pages, which cleanup has turned upright and levelled. QR codes are read at any angle
 * without turning the page, and a 1D code upside down reads backwards; a 1D code printed sideways
 * needs the quarter turn, so the 1D readers get it and the matrix readers do not: turning them too
 * cost as much again as everything else on an A4 page. The price: a Data Matrix printed sideways on
 * a whole page is missed (2 of the corpus's 210 images, bench:barcodes; DataMatrix in the turning
 * pass would read them for about 110 ms more on every page). tryHarder stays on: without it
 * zxing-cpp missed over half of the corpus's A4 pages. Codes printed light on dark are left out on
 * pages: no form prints them.
 */
export const PAGE_PASSES: ZxingPass[] = [
  { formats: MATRIX_FORMATS, tryHarder: true, tryRotate: false, tryInvert: false, tryDownscale: true },
  { formats: LINEAR_FORMATS, tryHarder: true, tryRotate: true, tryInvert: false, tryDownscale: true },
];

let loadedFrom: string | null = null;

/** Loads the wasm from `wasmFile` once; `locateFile` answers with the same local file should it ask. */
export async function loadZxingWasm(wasmFile: string): Promise<void> {
  if (loadedFrom === wasmFile) return;
  const wasmBinary = fs.readFileSync(wasmFile);
  const { prepareZXingModule } = await import('zxing-wasm/reader');
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

/** What zxing-cpp made of an image: the symbols it read, and where it saw one it could not read. */
export interface ZxingReading {
  found: DecodedBarcode[];
  /** Symbols detected but not decoded (a finder pattern, a 1D checksum error), where a second reader may try. */
  candidates: Array<ImageRegion & { format: string }>;
}

/** zxing-wasm's answer when its own image reader could not load the bytes. */
export class ZxingImageUnreadable extends Error {}

function imageDataOf(image: GrayImage, rgba: Uint8ClampedArray) {
  const words = new Uint32Array(rgba.buffer, rgba.byteOffset, image.width * image.height);
  for (let i = 0; i < image.pixels.length; i++) words[i] = RGBA_OF_GREY[image.pixels[i]!]!;
  // The core has no DOM types; zxing-wasm reads an ImageData-shaped object in Node.
  return { data: rgba, width: image.width, height: image.height, colorSpace: 'srgb' } as unknown as Parameters<typeof readBarcodes>[0];
}

function regionOf(result: ReadResult): ImageRegion {
  const points = [result.position.topLeft, result.position.topRight, result.position.bottomRight, result.position.bottomLeft];
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  return {
    left: Math.min(...xs),
    top: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
}

/**
 * Every symbol zxing-cpp finds, in one or more passes over the same image. `image` is either grey
 * pixels or PNG/JPEG bytes zxing-wasm decodes itself (see pixelsIfReadableAsFile).
 */
export async function readWithZxingWasm(image: GrayImage | Uint8Array, wasmFile: string, passes: ZxingPass[]): Promise<ZxingReading> {
  await loadZxingWasm(wasmFile);
  const { readBarcodes } = await import('zxing-wasm/reader');
  const results: ReadResult[] = [];
  if (image instanceof Uint8Array) {
    for (const pass of passes) results.push(...(await readBarcodes(image, { ...pass, maxNumberOfSymbols: 8, returnErrors: true })));
    if (results.some((result) => result.format === 'None' || (result.format as string) === ''))
      throw new ZxingImageUnreadable(results[0]!.error);
  } else {
    // zxing-wasm takes RGBA and averages it back to luminance; grey copied into R, G and B survives exactly.
    const { rgba, release } = rgbaBuffer(image.width * image.height * 4);
    try {
      const data = imageDataOf(image, rgba);
      for (const pass of passes) results.push(...(await readBarcodes(data, { ...pass, maxNumberOfSymbols: 8, returnErrors: true })));
    } finally {
      release();
    }
  }
  const found = new Map<string, DecodedBarcode>();
  for (const result of results)
    if (result.isValid)
      found.set(`${result.format}\u0000${result.text}`, { format: result.format, text: result.text, decoder: 'zxing-wasm' });
  const candidates = results.filter((result) => !result.isValid).map((result) => ({ ...regionOf(result), format: result.format }));
  return { found: [...found.values()], candidates };
}

/** Every symbol ZXing-C++ finds on the image with all its retries (it tries rotations, inversion and downscaling itself). */
export async function decodeWithZxingWasm(image: GrayImage, wasmFile: string): Promise<DecodedBarcode[]> {
  return (await readWithZxingWasm(image, wasmFile, THOROUGH_PASSES)).found;
}
