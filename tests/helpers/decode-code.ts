import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import { PNG } from 'pngjs';

export { BarcodeFormat };

interface Gray {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
}

/** RGBA → luminance bytes: handing RGBA to RGBLuminanceSource silently misreads it (docs/devices.md §4.3). */
function grayOf(png: Buffer): Gray {
  const image = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0; i < pixels.length; i++) {
    const alpha = image.data[i * 4 + 3]! / 255;
    const luma = 0.299 * image.data[i * 4]! + 0.587 * image.data[i * 4 + 1]! + 0.114 * image.data[i * 4 + 2]!;
    // Flattened onto white, as on paper.
    pixels[i] = luma * alpha + 255 * (1 - alpha);
  }
  return { width: image.width, height: image.height, pixels };
}

/** Box-filter downscale. */
function scaled(gray: Gray, factor: number): Gray {
  if (factor === 1) return gray;
  const width = Math.max(1, Math.round(gray.width * factor));
  const height = Math.max(1, Math.round(gray.height * factor));
  const pixels = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x / factor);
      const y0 = Math.floor(y / factor);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) / factor));
      const y1 = Math.max(y0 + 1, Math.floor((y + 1) / factor));
      let sum = 0;
      let count = 0;
      for (let yy = y0; yy < Math.min(y1, gray.height); yy++) {
        for (let xx = x0; xx < Math.min(x1, gray.width); xx++) {
          sum += gray.pixels[yy * gray.width + xx]!;
          count++;
        }
      }
      pixels[y * width + x] = sum / count;
    }
  }
  return { width, height, pixels };
}

/**
 * Decodes one symbol from a PNG with @zxing/library 0.21. That version misses clean QR codes at
 * 4–5 px per module or more (docs/devices.md §4.1), so it retries smaller, as the reference advises.
 */
export function decodePng(png: Buffer, format: BarcodeFormat): string {
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [format]],
    [DecodeHintType.CHARACTER_SET, 'UTF-8'],
  ]);
  const reader = new MultiFormatReader();
  reader.setHints(hints);
  const gray = grayOf(png);
  let lastError: unknown = null;
  for (const factor of [1, 0.75, 0.5]) {
    const image = scaled(gray, factor);
    try {
      const source = new RGBLuminanceSource(image.pixels, image.width, image.height);
      return reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source))).getText();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
