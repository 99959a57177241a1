import { AppError } from '../../../../../shared/ipc/result';

/** A3 at 600 dpi is about 70 MP; anything far beyond is a bad file or a decompression bomb. */
export const DEFAULT_MAX_PIXELS = 100_000_000;

/** Checked from the header, before any pixel is decoded. */
export function assertWithinPixelLimit(file: string, width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new AppError('IMPORT_IMAGE_TOO_LARGE', {
      file,
      width,
      height,
      maxMegapixels: Math.floor(maxPixels / 1_000_000),
    });
  }
}
