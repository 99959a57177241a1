import type { InkMask } from './ink-mask';

/**
 * Share of the page (outer margin excluded) that must be ink for a page to count as written on.
 * A single short line of 12-pt text covers about 0.2 %; forty specks of scanner dust and a hair stay
 * well under 0.05 %.
 */
const BLANK_INK_SHARE = 0.0005;
/** Edge shadows, punch holes and the bed's border sit here (NAPS2 ignores its outer 1 %). */
const IGNORED_MARGIN = 0.04;

/** Ink pixels with at least two inked neighbours: strokes survive, isolated noise and dust do not. */
function connectedInk(mask: InkMask, x0: number, y0: number, x1: number, y1: number): number {
  const { width, data } = mask;
  let count = 0;
  for (let y = Math.max(1, y0); y < Math.min(mask.height - 1, y1); y++) {
    for (let x = Math.max(1, x0); x < Math.min(width - 1, x1); x++) {
      const i = y * width + x;
      if (!data[i]) continue;
      const neighbours =
        data[i - width - 1]! + data[i - width]! + data[i - width + 1]! + data[i - 1]! + data[i + 1]! + data[i + width - 1]! + data[i + width]! + data[i + width + 1]!;
      if (neighbours >= 2) count++;
    }
  }
  return count;
}

/** The ink share the blank decision was made on, reported so thresholds can be checked on real scans. */
export function inkShare(mask: InkMask): number {
  const mx = Math.floor(mask.width * IGNORED_MARGIN);
  const my = Math.floor(mask.height * IGNORED_MARGIN);
  const area = (mask.width - 2 * mx) * (mask.height - 2 * my);
  return connectedInk(mask, mx, my, mask.width - mx, mask.height - my) / Math.max(1, area);
}

/** Flags, never drops: the caller keeps the page so the page count still equals the paper. */
export function looksBlank(mask: InkMask): boolean {
  return inkShare(mask) < BLANK_INK_SHARE;
}
