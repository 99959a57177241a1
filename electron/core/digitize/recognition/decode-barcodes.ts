import type { DecodedBarcode } from '../types';
import {
  croppedGray,
  denoisedGray,
  grayImageOf,
  pixelsIfReadableAsFile,
  rotatedGray,
  type GrayImage,
  type ImageRegion,
} from './barcode-image';
import { decodeWithZxingLibrary } from './zxing-library-decoder';
import { PAGE_PASSES, readWithZxingWasm, THOROUGH_PASSES, ZxingImageUnreadable, type ZxingReading } from './zxing-wasm-decoder';

/** One pass of one decoder over a greyscale image. */
export type GrayDecoder = (image: GrayImage) => Promise<DecodedBarcode[]>;

/**
 * Images up to this size get the slow retries: a receipt or ID card scanned on its own, which can
 * lie at any angle on the glass. Whole pages come deskewed from cleanup, and each retry on an A4
 * page at 300 dpi costs a second or more.
 */
export const THOROUGH_SEARCH_MAX_PIXELS = 4_000_000;

/**
 * ZXing's 1D readers scan rows and its own retries turn the image by quarter turns only, so a bar
 * code at 20–70° is missed; these turns bring any angle within 5° of one ZXing tries.
 */
const RETRY_ANGLES = [-10, 10, -20, 20, -30, 30, -40, 40];

/**
 * A matrix symbol zxing-cpp saw but could not read is worth a second reader only when it is the
 * size of a code: on a text page it reports letters as failed Data Matrix symbols, all smaller than
 * this (a 12-pt capital is about 50 px at 300 dpi).
 */
const MIN_MATRIX_CANDIDATE_PX = 64;
/** The second reader gets at most this many regions of one image. */
const MAX_CANDIDATES = 4;
const LINEAR_FORMATS = new Set(['Code128', 'Code39']);

/** One pass, then on receipt- and card-sized images a denoised copy and turned copies. */
export async function searchImage(image: GrayImage, decode: GrayDecoder): Promise<DecodedBarcode[]> {
  const found = await decode(image);
  if (found.length > 0 || image.width * image.height > THOROUGH_SEARCH_MAX_PIXELS) return found;
  return retried(image, decode);
}

async function retried(image: GrayImage, decode: GrayDecoder): Promise<DecodedBarcode[]> {
  const denoised = await decode(await denoisedGray(image));
  if (denoised.length > 0) return denoised;
  for (const angle of RETRY_ANGLES) {
    const turned = await decode(await rotatedGray(image, angle));
    if (turned.length > 0) return turned;
  }
  return [];
}

/** The region a second reader gets around a symbol zxing-cpp saw: the symbol with its quiet zone and more. */
function searchRegion(candidate: ImageRegion & { format: string }): ImageRegion | null {
  if (LINEAR_FORMATS.has(candidate.format)) {
    // A 1D result's box can be one scan line high; the bars run above and below it.
    const marginX = candidate.width * 0.2 + 16;
    const height = Math.max(candidate.height, candidate.width * 0.5);
    return {
      left: candidate.left - marginX,
      top: candidate.top + candidate.height / 2 - height,
      width: candidate.width + 2 * marginX,
      height: 2 * height,
    };
  }
  if (Math.min(candidate.width, candidate.height) < MIN_MATRIX_CANDIDATE_PX) return null;
  const margin = Math.max(candidate.width, candidate.height) * 0.5;
  return {
    left: candidate.left - margin,
    top: candidate.top - margin,
    width: candidate.width + 2 * margin,
    height: candidate.height + 2 * margin,
  };
}

export interface BarcodeDecoderOptions {
  /** Path of zxing_reader.wasm (zxingWasmPath). */
  wasmFile: string;
  /** The second reader, for where zxing-cpp saw a symbol it could not read; @zxing/library by default. */
  fallback?: GrayDecoder;
}

/**
 * Every barcode on a page image. zxing-wasm is the primary decoder: on the generated corpus
 * (npm run bench:barcodes) @zxing/library 0.21, the product's named decoder, reads well under the
 * 97 % the issue sets in one pass, still misses quarter-turned Code 128 with the retries, and stops
 * at one symbol per image. It is the second reader, and only where zxing-cpp saw a symbol (a finder
 * pattern, a 1D checksum error) it could not read: run over every page without a code at three
 * scales, it cost more than all the rest of reading (issue 11 §4).
 */
export async function decodeBarcodes(image: Uint8Array, options: BarcodeDecoderOptions): Promise<DecodedBarcode[]> {
  let gray: GrayImage | null = null;
  const grayPage = async () => (gray ??= await grayImageOf(image));
  const read = async (source: GrayImage | Uint8Array, passes: typeof PAGE_PASSES): Promise<ZxingReading> =>
    readWithZxingWasm(source, options.wasmFile, passes);

  let reading: ZxingReading | null = null;
  let size = (await pixelsIfReadableAsFile(image)) ?? 0;
  if (size > 0) {
    try {
      reading = await read(image, size <= THOROUGH_SEARCH_MAX_PIXELS ? THOROUGH_PASSES : PAGE_PASSES);
    } catch (error) {
      // Bytes whose header sharp reads but whose body is cut off: grayImageOf says so clearly.
      if (!(error instanceof ZxingImageUnreadable)) throw error;
    }
  }
  if (!reading) {
    const page = await grayPage();
    size = page.width * page.height;
    reading = await read(page, size <= THOROUGH_SEARCH_MAX_PIXELS ? THOROUGH_PASSES : PAGE_PASSES);
  }
  if (reading.found.length > 0) return reading.found;
  if (size <= THOROUGH_SEARCH_MAX_PIXELS) {
    const found = await retried(await grayPage(), async (candidate) => (await read(candidate, THOROUGH_PASSES)).found);
    if (found.length > 0) return found;
  }
  const regions = reading.candidates.map(searchRegion).filter((region): region is ImageRegion => region !== null);
  const fallback = options.fallback ?? decodeWithZxingLibrary;
  for (const region of regions.slice(0, MAX_CANDIDATES)) {
    const found = await fallback(croppedGray(await grayPage(), region));
    if (found.length > 0) return found;
  }
  return [];
}
