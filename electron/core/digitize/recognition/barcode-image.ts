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

/** A rectangle of a page image, in its pixels. */
export interface ImageRegion {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The image's size when zxing-wasm may decode these bytes itself (its built-in PNG/JPEG reader, inside the wasm):
 * an 8-bit grey or RGB PNG or JPEG without transparency or an EXIF turn, no larger than the decode
 * limit; null otherwise. That skips decoding with sharp and handing zxing-wasm 35 MB of RGBA that it averages back
 * to grey, about a third of the reading time of an A4 page. Anything else — and bytes sharp cannot
 * even describe — goes through grayImageOf, which also gives the clear error.
 */
export async function pixelsIfReadableAsFile(image: Uint8Array): Promise<number | null> {
  try {
    const meta = await sharp(image).metadata();
    const pixels = (meta.width ?? 0) * (meta.height ?? 0);
    const readable =
      (meta.format === 'jpeg' || meta.format === 'png') &&
      !meta.hasAlpha &&
      (meta.orientation ?? 1) === 1 &&
      (meta.channels === 1 || meta.channels === 3) &&
      pixels > 0 &&
      pixels <= MAX_DECODE_PIXELS;
    return readable ? pixels : null;
  } catch {
    return null;
  }
}

/** A copy of `region` (clamped to the image). */
export function croppedGray(image: GrayImage, region: ImageRegion): GrayImage {
  const left = Math.max(0, Math.floor(region.left));
  const top = Math.max(0, Math.floor(region.top));
  const width = Math.max(1, Math.min(image.width, Math.ceil(region.left + region.width)) - left);
  const height = Math.max(1, Math.min(image.height, Math.ceil(region.top + region.height)) - top);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    pixels.set(image.pixels.subarray((top + y) * image.width + left, (top + y) * image.width + left + width), y * width);
  return { width, height, pixels };
}

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
