import type { GreyImage } from './ink-mask';

/**
 * A decoded page, 8 bits per sample, interleaved. Cleanup works on these bytes directly: libvips
 * widens single-band raw input to sRGB and back on every call, which made each sharp step on a grey
 * page cost as much as on a colour one.
 */
export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** Pixels whose channels differ by more than this (0–255) look coloured, not grey. */
const COLOUR_SPREAD = 48;
/** Seals and signatures in colour: a page keeps colour when this share of it is coloured. */
const COLOUR_SHARE = 0.002;
/** Colour is judged on a copy this wide: averaging drops scanner chroma noise and JPEG fringes. */
export const COLOUR_CHECK_WIDTH = 300;

/** Seals and signatures in colour are legally meaningful: a page keeps colour only when it has some. */
export function hasColour(thumbnail: Raster): boolean {
  if (thumbnail.channels === 1) return false;
  const { data } = thumbnail;
  let coloured = 0;
  for (let i = 0; i < data.length; i += 3) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    if (Math.max(r, g, b) - Math.min(r, g, b) > COLOUR_SPREAD) coloured++;
  }
  return coloured / (data.length / 3) > COLOUR_SHARE;
}

/** Luminance (Rec. 601, as JPEG stores it); a grey page comes back as the same bytes. */
export function toGrey(raster: Raster): GreyImage {
  const { data, width, height } = raster;
  if (raster.channels === 1) return { width, height, data };
  const grey = new Uint8Array(width * height);
  let i = 0;
  // 77 + 150 + 29 = 256: a pixel with R = G = B keeps its value exactly.
  for (let j = 0; j < grey.length; j++, i += 3) grey[j] = (data[i]! * 77 + data[i + 1]! * 150 + data[i + 2]! * 29 + 128) >> 8;
  return { width, height, data: grey };
}

/** Each `factor` × `factor` block averaged into one pixel; the right and bottom remainders are dropped. */
export function shrinkGrey(image: GreyImage, factor: number): GreyImage {
  if (factor === 1) return image;
  if (factor === 2) return halveGrey(image);
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const area = factor * factor;
  const data = new Uint8Array(width * height);
  const sums = new Uint32Array(width);
  const source = image.data;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let row = y * factor; row < (y + 1) * factor; row++) {
      const start = row * image.width;
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let i = start + x * factor, end = i + factor; i < end; i++) sum += source[i]!;
        sums[x]! += sum;
      }
    }
    for (let x = 0; x < width; x++) data[y * width + x] = (sums[x]! + (area >> 1)) / area;
  }
  return { width, height, data };
}

/** The 300 → 150 dpi case, a third of the general loop's time. */
function halveGrey(image: GreyImage): GreyImage {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const data = new Uint8Array(width * height);
  const source = image.data;
  let o = 0;
  for (let y = 0; y < height; y++) {
    let upper = 2 * y * image.width;
    let lower = upper + image.width;
    for (let x = 0; x < width; x++, upper += 2, lower += 2)
      data[o++] = (source[upper]! + source[upper + 1]! + source[lower]! + source[lower + 1]! + 2) >> 2;
  }
  return { width, height, data };
}

let spare: Uint8Array | null = null;

/**
 * Runs `work` with a buffer of at least `length` bytes kept for the next page of this thread; a
 * page that arrives while another holds it gets a new one. A fresh 9 MB array per A4 page costs
 * about 40 ms of CPU in page faults on this VM, more than filling it.
 */
export async function withReusedBuffer<T>(length: number, work: (buffer: Uint8Array) => Promise<T>): Promise<T> {
  const held = spare && spare.length >= length ? spare : new Uint8Array(length);
  spare = null;
  try {
    return await work(held);
  } finally {
    spare = held;
  }
}
