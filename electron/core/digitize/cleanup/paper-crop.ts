import type { GreyImage } from './ink-mask';

export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A flatbed's lid or bed reads far darker than paper; above this grey level a pixel may be paper. */
const PAPER_LEVEL = 128;
/** A row or column belongs to the sheet when most of it is paper-bright (text lines included). */
const PAPER_SHARE = 0.5;
/** Trims thinner than this share of a side are scanner slack, not a bed margin worth cutting. */
const MIN_TRIM_SHARE = 0.005;

function paperRange(length: number, isPaper: (index: number) => boolean): [number, number] {
  let first = 0;
  while (first < length && !isPaper(first)) first++;
  let last = length - 1;
  while (last > first && !isPaper(last)) last--;
  return [first, last];
}

/**
 * The sheet's box within a full-bed scan, or null when the page already fills the image. Works on
 * the small analysis copy; the caller scales the box to full resolution.
 */
export function findPaper(image: GreyImage): CropBox | null {
  const { width, height, data } = image;
  const rowShare = (y: number) => {
    let bright = 0;
    for (let x = 0; x < width; x++) bright += data[y * width + x]! > PAPER_LEVEL ? 1 : 0;
    return bright / width;
  };
  const columnShare = (x: number) => {
    let bright = 0;
    for (let y = 0; y < height; y++) bright += data[y * width + x]! > PAPER_LEVEL ? 1 : 0;
    return bright / height;
  };
  const [top, bottom] = paperRange(height, (y) => rowShare(y) >= PAPER_SHARE);
  const [left, right] = paperRange(width, (x) => columnShare(x) >= PAPER_SHARE);
  if (bottom <= top || right <= left) return null;
  const trimmed = top + (height - 1 - bottom) > height * MIN_TRIM_SHARE || left + (width - 1 - right) > width * MIN_TRIM_SHARE;
  return trimmed ? { left, top, width: right - left + 1, height: bottom - top + 1 } : null;
}
