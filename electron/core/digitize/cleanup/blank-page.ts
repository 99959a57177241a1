import { paperWhite, type GreyImage, type InkMask } from './ink-mask';

/**
 * Share of the sheet that must be marks for a page to count as written on. A single short line of
 * 12-pt text covers about 0.2 %; forty specks of scanner dust and a hair stay well under 0.05 %.
 */
const BLANK_MARK_SHARE = 0.0005;
/**
 * The faintest mark, in grey levels below the paper's own white, that counts as writing. Pencil, a
 * light photocopy or a code printed grey on grey sits 40–90 levels below its paper; text showing
 * through from the back of the sheet, diffused by the paper, stays within about 25.
 */
const MIN_MARK_CONTRAST = 32;
/** Grey levels that always count as marks: black text on white clears this by far. */
const MAX_MARK_CONTRAST = 80;
/** On a noisy scan a mark must also stand this many noise deviations below the paper. */
const NOISE_DEVIATIONS = 4.5;
/** Fewer pixels than this (at the ~150 dpi analysis copy) is a speck of dust or noise, not a mark. */
const MIN_MARK_PIXELS = 6;
/** Bands along the sheet's edges whose marks are scanner-bed shadows and torn edges. */
const EDGE_BAND = 0.01;
/**
 * Punched holes (ISO 838: 6 mm across, centred 12 mm from the edge) show the scanner's backing
 * through the sheet: a solid round blob near an edge, which no writing looks like.
 */
const HOLE = { minMm: 4, maxMm: 9, maxCentreFromEdgeMm: 25, minFill: 0.68, maxFill: 0.9, maxAspect: 1.3 } as const;
const A4_SHORT_SIDE_MM = 210;

/**
 * Grey levels below the paper's white at which a pixel counts as a mark on this page: relative to
 * the page's own paper and noise, never a fixed level, so pale paper, a grey scan and a faint code
 * are judged by their own contrast.
 */
export function markContrast(sheet: GreyImage): number {
  // Robust noise estimate: neighbouring paper pixels differ by noise alone, and paper is most of a
  // page, so the median absolute difference of horizontal neighbours is √2 · 0.6745 σ.
  const differences = new Uint32Array(256);
  const { data, width, height } = sheet;
  for (let y = 0; y < height; y += 2) {
    for (let i = y * width + 1, end = (y + 1) * width; i < end; i += 2) differences[Math.abs(data[i]! - data[i - 1]!)]! += 1;
  }
  let total = 0;
  for (const count of differences) total += count;
  let seen = 0;
  let median = 0;
  while (median < 255 && seen + differences[median]! < total / 2) seen += differences[median++]!;
  const sigma = median / (Math.SQRT2 * 0.6745);
  return Math.min(MAX_MARK_CONTRAST, Math.max(MIN_MARK_CONTRAST, NOISE_DEVIATIONS * sigma));
}

interface Component {
  pixels: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Connected (8-neighbour) groups of dark pixels, found run by run so memory follows the ink, not the page. */
function darkComponents(sheet: GreyImage, threshold: number): Component[] {
  const { data, width, height } = sheet;
  const parent: number[] = [];
  const runs: Array<{ y: number; x0: number; x1: number }> = [];
  const find = (run: number): number => {
    let root = run;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[run] !== root) [run, parent[run]] = [parent[run]!, root];
    return root;
  };
  let previous: number[] = [];
  for (let y = 0; y < height; y++) {
    const current: number[] = [];
    const row = y * width;
    let next = 0;
    let x = 0;
    while (x < width) {
      if (data[row + x]! >= threshold) {
        x++;
        continue;
      }
      const x0 = x;
      while (x < width && data[row + x]! < threshold) x++;
      const id = runs.length;
      runs.push({ y, x0, x1: x });
      parent.push(id);
      current.push(id);
      // Runs of the row above that touch this one, diagonals included; both rows run left to right.
      while (next < previous.length && runs[previous[next]!]!.x1 < x0) next++;
      for (let k = next; k < previous.length && runs[previous[k]!]!.x0 <= x; k++) {
        const a = find(previous[k]!);
        const b = find(id);
        if (a !== b) parent[b] = a;
      }
    }
    previous = current;
  }
  const components = new Map<number, Component>();
  for (const [id, run] of runs.entries()) {
    const root = find(id);
    const component = components.get(root);
    if (!component) components.set(root, { pixels: run.x1 - run.x0, left: run.x0, top: run.y, right: run.x1, bottom: run.y + 1 });
    else {
      component.pixels += run.x1 - run.x0;
      component.left = Math.min(component.left, run.x0);
      component.right = Math.max(component.right, run.x1);
      component.bottom = run.y + 1;
    }
  }
  return [...components.values()];
}

function isPunchedHole(component: Component, sheet: GreyImage, pxPerMm: number): boolean {
  const w = component.right - component.left;
  const h = component.bottom - component.top;
  const size = Math.max(w, h) / pxPerMm;
  if (size < HOLE.minMm || size > HOLE.maxMm || Math.max(w, h) / Math.min(w, h) > HOLE.maxAspect) return false;
  const fill = component.pixels / (w * h);
  if (fill < HOLE.minFill || fill > HOLE.maxFill) return false;
  const cx = (component.left + component.right) / 2;
  const cy = (component.top + component.bottom) / 2;
  const fromEdge = Math.min(cx, cy, sheet.width - cx, sheet.height - cy) / pxPerMm;
  return fromEdge <= HOLE.maxCentreFromEdgeMm;
}

/**
 * A mark this large across both ways is a figure — a code, a stamp, a drawing — and the page is not
 * blank however little of it that covers: a lone small QR code is well under the share above.
 * Scanner dust stays under a millimetre, a hair or a crease is long but thin.
 */
const MIN_FIGURE_MM = 4;

export interface PageMarks {
  /** Share of the sheet covered by marks: dark groups that are not dust, noise, edge shadows or punched holes. */
  share: number;
  /** Whether one of them is a figure (see MIN_FIGURE_MM). */
  figure: boolean;
}

export function pageMarks(sheet: GreyImage): PageMarks {
  const threshold = paperWhite(sheet) - markContrast(sheet);
  const pxPerMm = Math.min(sheet.width, sheet.height) / A4_SHORT_SIDE_MM;
  const bandX = Math.ceil(sheet.width * EDGE_BAND);
  const bandY = Math.ceil(sheet.height * EDGE_BAND);
  const figureSide = MIN_FIGURE_MM * pxPerMm;
  let marked = 0;
  let figure = false;
  for (const component of darkComponents(sheet, threshold)) {
    if (component.pixels < MIN_MARK_PIXELS) continue;
    const touchesEdge =
      component.left < bandX || component.top < bandY || component.right > sheet.width - bandX || component.bottom > sheet.height - bandY;
    if (touchesEdge || isPunchedHole(component, sheet, pxPerMm)) continue;
    marked += component.pixels;
    if (Math.min(component.right - component.left, component.bottom - component.top) >= figureSide) figure = true;
  }
  return { share: marked / Math.max(1, sheet.width * sheet.height), figure };
}

/**
 * Flags, never drops: the caller keeps the page so the page count still equals the paper. Judged
 * on the sheet's own contrast, so a faint page (pencil, a pale code) is never called blank and so
 * never skipped by barcode reading.
 */
export function looksBlank(sheet: GreyImage): boolean {
  const marks = pageMarks(sheet);
  return marks.share < BLANK_MARK_SHARE && !marks.figure;
}

/** Ink pixels with at least two inked neighbours: strokes survive, isolated noise and dust do not. */
function connectedInk(mask: InkMask, x0: number, y0: number, x1: number, y1: number): number {
  const { width, data } = mask;
  let count = 0;
  for (let y = Math.max(1, y0); y < Math.min(mask.height - 1, y1); y++) {
    for (let x = Math.max(1, x0); x < Math.min(width - 1, x1); x++) {
      const i = y * width + x;
      if (!data[i]) continue;
      const neighbours =
        data[i - width - 1]! +
        data[i - width]! +
        data[i - width + 1]! +
        data[i - 1]! +
        data[i + 1]! +
        data[i + width - 1]! +
        data[i + width]! +
        data[i + width + 1]!;
      if (neighbours >= 2) count++;
    }
  }
  return count;
}

/** Outer margin left out of the ink share the sharpness score is divided by. */
const IGNORED_MARGIN = 0.04;

/** Share of the sheet in firm ink strokes (the quality score judges sharpness per unit of it). */
export function inkShare(mask: InkMask): number {
  const mx = Math.floor(mask.width * IGNORED_MARGIN);
  const my = Math.floor(mask.height * IGNORED_MARGIN);
  const area = (mask.width - 2 * mx) * (mask.height - 2 * my);
  return connectedInk(mask, mx, my, mask.width - mx, mask.height - my) / Math.max(1, area);
}
