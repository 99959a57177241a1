import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../../../shared/ipc/result';

/** A page as 8-bit luminance, the one form both ZXing decoders read. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * Larger images are scaled down to this before decoding: the decoders hold several copies of the
 * page (four bytes a pixel for zxing-wasm) and their time grows with its area. An A4 page at 300 dpi
 * is 8.7 megapixels; a 600 dpi scan comes down to about 350 dpi, where a printed code's modules
 * are still 4 px or more.
 */
export const MAX_DECODE_PIXELS = 12_000_000;

/**
 * Decodes PNG, JPEG or TIFF bytes to luminance, flattened onto white as on paper (a transparent
 * background would otherwise read as black) and turned upright by its EXIF orientation. Beyond
 * sharp's own pixel limit (a 20,000 × 20,000 image) the image is refused unread.
 */
export async function grayImageOf(image: Uint8Array): Promise<GrayImage> {
  try {
    const { width = 0, height = 0 } = await sharp(image).metadata();
    const shrink = Math.min(1, Math.sqrt(MAX_DECODE_PIXELS / Math.max(1, width * height)));
    const { data, info } = await sharp(image)
      .resize(shrink < 1 ? { width: Math.floor(width * shrink), height: Math.floor(height * shrink), fit: 'fill' } : undefined)
      .rotate()
      .flatten({ background: '#ffffff' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    throw new AppError('BARCODE_IMAGE_UNREADABLE', { reason: error instanceof Error ? error.message : String(error) });
  }
}

async function transformed(image: GrayImage, operation: (pipeline: Sharp) => Sharp): Promise<GrayImage> {
  const { data, info } = await operation(sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 1 } }))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** A smaller copy, averaged by libvips: @zxing/library misses codes drawn at large module sizes. */
export function scaledGray(image: GrayImage, factor: number): Promise<GrayImage> {
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  return transformed(image, (pipeline) => pipeline.resize(width, height, { kernel: 'linear' }));
}

/** Turned by any angle on a white background (positive = clockwise). */
export function rotatedGray(image: GrayImage, degrees: number): Promise<GrayImage> {
  return transformed(image, (pipeline) => pipeline.rotate(degrees, { background: '#ffffff' }));
}

/** Speckle removed by a 3 × 3 median: sensor noise breaks the bars of 1D codes. */
export function denoisedGray(image: GrayImage): Promise<GrayImage> {
  return transformed(image, (pipeline) => pipeline.median(3));
}
