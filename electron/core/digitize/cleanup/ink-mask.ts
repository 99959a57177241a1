/** A small grey copy of a page that the detectors read; one byte per pixel, row-major. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Pixels that count as ink: 1, paper: 0. Same layout as the grey image. */
export interface InkMask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** How far below the paper's own white a pixel must be to count as ink (on a 0–255 scale). */
const INK_CONTRAST = 80;

/**
 * The paper's white, taken as the 90th percentile rather than 255: yellowed paper, a grey scanner
 * lamp or a JPEG'd page all have a duller white, and ink is judged against the page's own.
 */
export function paperWhite(image: GreyImage): number {
  const histogram = new Uint32Array(256);
  const { data } = image;
  for (let i = 0; i < data.length; i++) histogram[data[i]!]! += 1;
  let seen = 0;
  const target = image.data.length * 0.9;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level]!;
    if (seen >= target) return level;
  }
  return 255;
}

export function inkMask(image: GreyImage): InkMask {
  const threshold = paperWhite(image) - INK_CONTRAST;
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i]! < threshold ? 1 : 0;
  return { width: image.width, height: image.height, data };
}
