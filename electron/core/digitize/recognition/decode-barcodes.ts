import type { DecodedBarcode } from '../types';
import { denoisedGray, grayImageOf, rotatedGray, type GrayImage } from './barcode-image';
import { decodeWithZxingLibrary } from './zxing-library-decoder';
import { decodeWithZxingWasm } from './zxing-wasm-decoder';

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

/** One pass, then on receipt- and card-sized images a denoised copy and turned copies. */
export async function searchImage(image: GrayImage, decode: GrayDecoder): Promise<DecodedBarcode[]> {
  const found = await decode(image);
  if (found.length > 0 || image.width * image.height > THOROUGH_SEARCH_MAX_PIXELS) return found;
  const denoised = await decode(await denoisedGray(image));
  if (denoised.length > 0) return denoised;
  for (const angle of RETRY_ANGLES) {
    const turned = await decode(await rotatedGray(image, angle));
    if (turned.length > 0) return turned;
  }
  return [];
}

export interface BarcodeDecoderOptions {
  /** Path of zxing_reader.wasm (zxingWasmPath). */
  wasmFile: string;
}

/**
 * Every barcode on a page image. zxing-wasm is the primary decoder: on the generated corpus
 * (npm run bench:barcodes) @zxing/library 0.21, the product's named decoder, reads well under the
 * 97 % the issue sets in one pass, still misses quarter-turned Code 128 with the retries, and stops
 * at one symbol per image; so it only gets the images the primary found nothing on.
 */
export async function decodeBarcodes(image: Uint8Array, options: BarcodeDecoderOptions): Promise<DecodedBarcode[]> {
  const gray = await grayImageOf(image);
  const primary = await searchImage(gray, (candidate) => decodeWithZxingWasm(candidate, options.wasmFile));
  return primary.length > 0 ? primary : decodeWithZxingLibrary(gray);
}
