import type { InkMask } from './ink-mask';

/** Ink pixels as coordinate lists, thinned to a fixed budget so the angle search stays cheap. */
export interface InkPoints {
  xs: Int32Array;
  ys: Int32Array;
  width: number;
  height: number;
}

/** Enough ink to find a 0.05° slope on an A4 page; more only costs time. */
const MAX_POINTS = 60_000;

/** `ignoreMargin` keeps edge shadows and punch holes out of the line statistics. */
export function inkPoints(mask: InkMask, ignoreMargin = 0.03): InkPoints {
  const mx = Math.floor(mask.width * ignoreMargin);
  const my = Math.floor(mask.height * ignoreMargin);
  let count = 0;
  for (let y = my; y < mask.height - my; y++) {
    for (let x = mx; x < mask.width - mx; x++) count += mask.data[y * mask.width + x]!;
  }
  const stride = Math.max(1, Math.ceil(count / MAX_POINTS));
  const size = Math.ceil(count / stride);
  const xs = new Int32Array(size);
  const ys = new Int32Array(size);
  let seen = 0;
  let kept = 0;
  for (let y = my; y < mask.height - my; y++) {
    for (let x = mx; x < mask.width - mx; x++) {
      if (mask.data[y * mask.width + x] && seen++ % stride === 0 && kept < size) {
        xs[kept] = x;
        ys[kept] = y;
        kept++;
      }
    }
  }
  return { xs: xs.subarray(0, kept), ys: ys.subarray(0, kept), width: mask.width, height: mask.height };
}

/**
 * The same points as seen on the page turned a quarter clockwise (as sharp's rotate(90) turns it):
 * (x, y) ↦ (height − 1 − y, x). Turning the few thousand points instead of the whole mask saves a
 * pass over every pixel, twice.
 */
export function turnPointsClockwise(points: InkPoints): InkPoints {
  const xs = new Int32Array(points.xs.length);
  for (let i = 0; i < xs.length; i++) xs[i] = points.height - 1 - points.ys[i]!;
  return { xs, ys: points.xs, width: points.height, height: points.width };
}

/**
 * Ink per row after shearing the points by `angleDeg` (image coordinates, y down): text lines at
 * that slope fall into single rows. Row = y·cosθ − x·sinθ, offset so every index is positive.
 */
export function rowProfile(points: InkPoints, angleDeg: number): Float64Array {
  const theta = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const offset = Math.ceil(points.width * Math.abs(sin)) + 1;
  const profile = new Float64Array(Math.ceil(points.height * cos + points.width * Math.abs(sin)) + 2 * offset);
  for (let i = 0; i < points.xs.length; i++) {
    const row = Math.round(points.ys[i]! * cos - points.xs[i]! * sin) + offset;
    profile[row]! += 1;
  }
  return profile;
}

/** Sum of squares: highest when the ink is packed into few rows, i.e. lines run along the rows. */
export function profileSharpness(profile: Float64Array): number {
  let sum = 0;
  for (const value of profile) sum += value * value;
  return sum;
}

/**
 * How strongly a profile alternates between lines and gaps: the mean square over the squared mean,
 * within the inked span. 1 for ink spread evenly (text seen across its lines), about 2 or more
 * for text lines seen along their length, even at single spacing where tone marks bridge the gaps.
 * Unlike the raw sum of squares it does not depend on how many rows the span has, so a portrait
 * page's short side gets no advantage over its long side.
 */
export function lineContrast(profile: Float64Array): number {
  let peak = 0;
  for (const value of profile) peak = Math.max(peak, value);
  const floor = peak * 0.02;
  let start = 0;
  while (start < profile.length && profile[start]! <= floor) start++;
  let end = profile.length - 1;
  while (end > start && profile[end]! <= floor) end--;
  let sum = 0;
  let squares = 0;
  for (let row = start; row <= end; row++) {
    sum += profile[row]!;
    squares += profile[row]! * profile[row]!;
  }
  const rows = end - start + 1;
  return sum > 0 ? (squares * rows) / (sum * sum) : 1;
}

export interface SkewEstimate {
  /** Slope of the text lines in image coordinates (y down); the page is level at 0. */
  angleDeg: number;
  /** Sharpness of the row profile at that angle; compared across orientations. */
  sharpness: number;
}

/** The sharpest row profile among the angles from `fromDeg` to `toDeg` in steps of `stepDeg`. */
export function searchSkew(points: InkPoints, fromDeg: number, toDeg: number, stepDeg: number): SkewEstimate {
  let best: SkewEstimate = { angleDeg: 0, sharpness: -1 };
  for (let angle = fromDeg; angle <= toDeg + 1e-9; angle += stepDeg) {
    const rounded = Math.round(angle * 1000) / 1000;
    const sharpness = profileSharpness(rowProfile(points, rounded));
    if (sharpness > best.sharpness) best = { angleDeg: rounded, sharpness };
  }
  return best;
}

/** Coarse pass over ±`rangeDeg`; enough to tell lines from columns. */
export function coarseSkew(points: InkPoints, rangeDeg = 5): SkewEstimate {
  return searchSkew(points, -rangeDeg, rangeDeg, 0.5);
}

/** Refines a coarse estimate to 0.05°, ten times finer than the ±0.5° the archive needs. */
export function refineSkew(points: InkPoints, coarse: SkewEstimate): SkewEstimate {
  return searchSkew(points, coarse.angleDeg - 0.5, coarse.angleDeg + 0.5, 0.05);
}
