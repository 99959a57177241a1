import type { InkMask } from './ink-mask';
import { coarseSkew, inkPoints, lineContrast, refineSkew, rowProfile, turnPointsClockwise, type SkewEstimate } from './projection';

export type QuarterTurn = 0 | 90 | 180 | 270;

export interface OrientationEstimate {
  /** Clockwise quarter turn that makes the text upright. */
  turn: QuarterTurn;
  /** Slope of the text lines once turned (image coordinates), to be removed by deskew. */
  skew: SkewEstimate;
  /** Ink above the x-height band over ink below it, summed over lines; > 1 reads as upright. */
  ascenderRatio: number;
  /** Line contrast across the page turned a quarter over that of the page as scanned. */
  quarterEvidence: number;
}

/**
 * Turning a good scan the wrong way ruins it (the text layer becomes garbage), keeping a turned
 * one merely leaves it sideways: so a turn needs clear evidence, and when in doubt the page stays
 * as scanned. On the generated corpus (tests/fixtures-gen/vietnamese-corpus.ts) upright pages of
 * every class score at most 0.6 and pages scanned a quarter turned at least 2.1.
 */
const QUARTER_TURN_EVIDENCE = 1.5;
/** The turned page must show real text lines, not just less structure than the page as scanned. */
const MIN_LINE_CONTRAST = 1.4;
/** Upside down reads as an ascender ratio near 0.3, upright near 3 or more; between, nothing turns. */
const UPSIDE_DOWN_RATIO = 0.6;
/** Gaps up to this many rows (at the analysis scale) join a diacritic to its line. */
const DIACRITIC_GAP_ROWS = 2;

interface LineBand {
  start: number;
  end: number;
}

function lineBands(profile: Float64Array): LineBand[] {
  let peak = 0;
  for (const value of profile) peak = Math.max(peak, value);
  const floor = peak * 0.03;
  const bands: LineBand[] = [];
  let start = -1;
  for (let row = 0; row <= profile.length; row++) {
    const inked = row < profile.length && profile[row]! > floor;
    if (inked && start < 0) start = row;
    if (!inked && start >= 0) {
      const previous = bands.at(-1);
      if (previous && start - previous.end <= DIACRITIC_GAP_ROWS) previous.end = row - 1;
      else bands.push({ start, end: row - 1 });
      start = -1;
    }
  }
  return bands;
}

/**
 * Latin script, Vietnamese most of all, carries far more ink above the x-height band (ascenders,
 * capitals, stacked tone marks) than below it (descenders, the dot below). Upside down, the ratio
 * flips. The band is where a line's row profile is at least half its peak.
 */
export function ascenderRatio(profile: Float64Array): number {
  let above = 0;
  let below = 0;
  const bands = lineBands(profile);
  const heights = bands.map((band) => band.end - band.start + 1).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  // Only text-sized lines vote: a QR code, a photo or a stamp is a tall band whose ink says nothing
  // about which way is up.
  for (const band of bands.filter((candidate) => candidate.end - candidate.start + 1 <= typical * 2)) {
    let peak = 0;
    for (let row = band.start; row <= band.end; row++) peak = Math.max(peak, profile[row]!);
    let coreTop = band.start;
    while (profile[coreTop]! < peak / 2) coreTop++;
    let coreBottom = band.end;
    while (profile[coreBottom]! < peak / 2) coreBottom--;
    for (let row = band.start; row < coreTop; row++) above += profile[row]!;
    for (let row = coreBottom + 1; row <= band.end; row++) below += profile[row]!;
  }
  return (above + 1) / (below + 1);
}

/**
 * Text lines run along the rows when the page is at 0° or 180°, along the columns at 90°/270°: the
 * row profile alternates between lines and gaps, the column profile is even. Within the pair, the
 * ascender ratio tells upright from upside down. Each step turns only on clear evidence.
 */
export function estimateOrientation(mask: InkMask): OrientationEstimate {
  const scannedPoints = inkPoints(mask);
  // inkPoints' margins are a share of each side, so these are the turned mask's ink points (thinned
  // in another order, which the angle search does not notice).
  const turnedPoints = turnPointsClockwise(scannedPoints);
  const asScanned = coarseSkew(scannedPoints);
  const turned = coarseSkew(turnedPoints);
  const scannedContrast = lineContrast(rowProfile(scannedPoints, asScanned.angleDeg));
  const turnedContrast = lineContrast(rowProfile(turnedPoints, turned.angleDeg));
  const quarterEvidence = turnedContrast / scannedContrast;
  const quarter = quarterEvidence >= QUARTER_TURN_EVIDENCE && turnedContrast >= MIN_LINE_CONTRAST;
  const points = quarter ? turnedPoints : scannedPoints;
  const skew = refineSkew(points, quarter ? turned : asScanned);
  const ratio = ascenderRatio(rowProfile(points, skew.angleDeg));
  const upsideDown = ratio <= UPSIDE_DOWN_RATIO;
  const turn = ((quarter ? 90 : 0) + (upsideDown ? 180 : 0)) as QuarterTurn;
  return { turn, skew, ascenderRatio: ratio, quarterEvidence };
}
