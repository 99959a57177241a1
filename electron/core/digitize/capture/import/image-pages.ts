import type { Metadata } from 'sharp';
import { loadSharp } from '../../../platform/load-sharp';
import { AppError } from '../../../../../shared/ipc/result';
import type { CapturedPage } from '../../types';
import { assertWithinPixelLimit } from './pixel-limit';

export interface ImagePagesOptions {
  maxPixels: number;
  /** Index given to the first page yielded; a batch numbers pages across files. */
  firstIndex: number;
}

function corrupt(file: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('IMPORT_IMAGE_CORRUPT', { file, details: error instanceof Error ? error.message : String(error) });
}

function dpiOf(density: number | undefined): number | undefined {
  return density && density > 1 ? Math.round(density) : undefined;
}

/**
 * A PNG or JPEG is one page, kept byte for byte as the scanner or user saved it. It is decoded
 * once here (size-checked from the header first) so a truncated or garbled file is refused at
 * import with its name, instead of failing later in cleanup.
 */
export async function singleImagePage(
  file: string,
  bytes: Buffer,
  mediaType: 'image/png' | 'image/jpeg' | 'image/x-portable-anymap',
  options: ImagePagesOptions,
): Promise<CapturedPage> {
  const sharp = await loadSharp();
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw corrupt(file, error);
  }
  assertWithinPixelLimit(file, metadata.width ?? 0, metadata.height ?? 0, options.maxPixels);
  try {
    await sharp(bytes, { limitInputPixels: options.maxPixels, failOn: 'truncated' }).resize({ width: 32 }).raw().toBuffer();
  } catch (error) {
    throw corrupt(file, error);
  }
  return { index: options.firstIndex, bytes, mediaType, resolutionDpi: dpiOf(metadata.density), source: file };
}

/**
 * A TIFF may hold hundreds of pages (an archive box scanned into one file): each is decoded on its
 * own (`page`, `pages: 1`) and handed over as PNG before the next is touched, so memory holds one
 * page, never the whole file. sharp's `limitInputPixels` refuses an oversized page from its header,
 * before decoding it.
 */
export async function* tiffPages(file: string, options: ImagePagesOptions, input: string | Buffer = file): AsyncGenerator<CapturedPage> {
  const sharp = await loadSharp();
  let header: Metadata;
  try {
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw corrupt(file, error);
  }
  const resolutionDpi = dpiOf(header.density);
  for (let page = 0; page < (header.pages ?? 1); page++) {
    const source = `${file} (trang ${page + 1})`;
    let bytes: Buffer;
    try {
      bytes = await sharp(input, { page, pages: 1, limitInputPixels: options.maxPixels, failOn: 'truncated' })
        .png({ compressionLevel: 3 })
        .toBuffer();
    } catch (error) {
      if (error instanceof Error && /pixel limit/i.test(error.message)) await refuseOversizedPage(input, page, source, options.maxPixels);
      throw corrupt(source, error);
    }
    yield { index: options.firstIndex + page, bytes, mediaType: 'image/png', resolutionDpi, source };
  }
}

/** Turns sharp's terse pixel-limit error into the message that names the page's size. */
async function refuseOversizedPage(input: string | Buffer, page: number, source: string, maxPixels: number): Promise<void> {
  const sharp = await loadSharp();
  const pageHeader = await sharp(input, { page, pages: 1, limitInputPixels: false }).metadata();
  assertWithinPixelLimit(source, pageHeader.width ?? 0, pageHeader.height ?? 0, maxPixels);
}
