/** One byte per pixel, 0 = black … 255 = white, rows top to bottom. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * The printer's own format: 1 bit per dot, 1 = black, most significant bit = leftmost dot, each row
 * padded with white to whole bytes (what `GS v 0` expects).
 */
export interface MonoBitmap {
  /** Dots per row, a multiple of 8. */
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

export type DitherMethod = 'threshold' | 'floyd-steinberg' | 'atkinson';

export interface DitherOptions {
  method: DitherMethod;
  /** Grey levels below this print black; 0–255. */
  threshold?: number;
}

export const DEFAULT_THRESHOLD = 128;

function pack(width: number, height: number, isBlack: (x: number, y: number) => boolean): MonoBitmap {
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    const row = y * bytesPerRow;
    for (let x = 0; x < width; x++) {
      if (isBlack(x, y)) data[row + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width: bytesPerRow * 8, height, bytesPerRow, data };
}

/** Error-diffusion kernels as [dx, dy, weight] with their divisor. */
const KERNELS: Record<Exclude<DitherMethod, 'threshold'>, { divisor: number; taps: [number, number, number][] }> = {
  'floyd-steinberg': {
    divisor: 16,
    taps: [
      [1, 0, 7],
      [-1, 1, 3],
      [0, 1, 5],
      [1, 1, 1],
    ],
  },
  // Atkinson spreads only 6/8 of the error, which keeps large light and dark areas clean: thermal
  // dots bleed, so a mid-grey that Floyd–Steinberg renders faithfully prints too dark.
  atkinson: {
    divisor: 8,
    taps: [
      [1, 0, 1],
      [2, 0, 1],
      [-1, 1, 1],
      [0, 1, 1],
      [1, 1, 1],
      [0, 2, 1],
    ],
  },
};

/** Greyscale → the printer's 1-bit raster. */
export function toMonochrome(image: GrayImage, options: DitherOptions): MonoBitmap {
  const { width, height, pixels } = image;
  if (pixels.length !== width * height) throw new RangeError(`expected ${width * height} pixels, got ${pixels.length}`);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (options.method === 'threshold') return pack(width, height, (x, y) => pixels[y * width + x]! < threshold);

  const { divisor, taps } = KERNELS[options.method];
  const levels = Float32Array.from(pixels);
  const black = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const old = levels[i]!;
      const isBlack = old < threshold;
      black[i] = isBlack ? 1 : 0;
      const error = (old - (isBlack ? 0 : 255)) / divisor;
      if (error === 0) continue;
      for (const [dx, dy, weight] of taps) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx >= 0 && nx < width && ny < height) levels[ny * width + nx]! += error * weight;
      }
    }
  }
  return pack(width, height, (x, y) => black[y * width + x] === 1);
}
