/** A grey page, one byte per pixel, row-major; changed in place. */
export interface GreyPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The paper's brightness is estimated on blocks of this many pixels a side. */
const BACKGROUND_BLOCK = 16;
/** How far below the local paper white a pixel may be and still count as paper. */
const PAPER_SLACK = 30;
/** Blocks darker than this are a dark area (a photo, a black box), not paper to brighten. */
const DARKEST_PAPER = 96;

/**
 * Divides each pixel by the paper's local brightness (the brightest pixel of each block, spread to
 * its neighbours so a block inside a bold letter still sees paper): yellowed, grey or unevenly lit
 * paper becomes white, scanner noise and JPEG ripples on it vanish, and the ink keeps its contrast.
 * The ink layer of the PDF and the image the OCR reads both start from this.
 */
export function whitenPaper(image: GreyPixels): void {
  const { data, width, height } = image;
  const bw = Math.ceil(width / BACKGROUND_BLOCK);
  const bh = Math.ceil(height / BACKGROUND_BLOCK);
  const block = new Uint8Array(bw * bh);
  for (let y = 0; y < height; y++) {
    const row = ((y / BACKGROUND_BLOCK) | 0) * bw;
    for (let x = 0; x < width; x++) {
      const index = row + ((x / BACKGROUND_BLOCK) | 0);
      const value = data[y * width + x]!;
      if (value > block[index]!) block[index] = value;
    }
  }
  const scale = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let best = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = bx + dx;
          const y = by + dy;
          if (x >= 0 && y >= 0 && x < bw && y < bh) best = Math.max(best, block[y * bw + x]!);
        }
      }
      scale[by * bw + bx] = 255 / (Math.max(best, DARKEST_PAPER) - PAPER_SLACK);
    }
  }
  for (let y = 0; y < height; y++) {
    const rowOffset = ((y / BACKGROUND_BLOCK) | 0) * bw;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      data[i] = Math.min(255, data[i]! * scale[rowOffset + ((x / BACKGROUND_BLOCK) | 0)]!);
    }
  }
}
