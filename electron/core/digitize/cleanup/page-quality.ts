import type { PageQuality } from '../types';
import type { GreyImage } from './ink-mask';
import type { CropBox } from './paper-crop';

/** The legal floor for digitized components (docs/domain.md §6.1: at least 200 dpi). */
export const MIN_DPI = 200;
/** Mean darkness above this is a dark scan or coloured paper where text contrast suffers. */
const TOO_DARK = 0.4;
/** When even the darkest 1 % of a written page is lighter than this, the text is faint. */
const FAINT_INK_LEVEL = 140;
/**
 * Laplacian variance per unit of ink share. Sharp 200–300 dpi text scores in the thousands; a page
 * blurred by a moving sheet or a lifted lid falls below this.
 */
const MIN_SHARPNESS_PER_INK = 6000;
/**
 * Blur is judged only with at least this share of firm ink: a faint page (pencil, a code printed grey
 * on grey) has too little for the Laplacian to mean anything, and it is already marked too light.
 */
const MIN_INK_FOR_BLUR = 0.0005;

/** The blur measure's patch: the middle of the sheet, full resolution, where the text is. */
const LAPLACIAN_PATCH = 1024;
/** Added to the Laplacian and clamped to 0–255, as an 8-bit convolution stores it. */
const LAPLACIAN_OFFSET = 128;

/**
 * Variance of the 4-neighbour Laplacian over a central patch of the sheet: edges of sharp text make
 * it large, blur flattens it. Read from the full-resolution page, where a soft scan shows.
 */
export function laplacianVariance(grey: GreyImage, box: CropBox): number {
  const size = Math.min(LAPLACIAN_PATCH, box.width, box.height);
  const left = box.left + Math.floor((box.width - size) / 2);
  const top = box.top + Math.floor((box.height - size) / 2);
  const { data, width } = grey;
  let sum = 0;
  let squares = 0;
  let count = 0;
  // The patch's own border has no neighbours inside it; one pixel of a thousand changes nothing.
  for (let y = top + 1; y < top + size - 1; y++) {
    for (let i = y * width + left + 1, end = y * width + left + size - 1; i < end; i++) {
      const laplacian = data[i - width]! + data[i + width]! + data[i - 1]! + data[i + 1]! - 4 * data[i]! + LAPLACIAN_OFFSET;
      const value = laplacian < 0 ? 0 : laplacian > 255 ? 255 : laplacian;
      sum += value;
      squares += value * value;
      count++;
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  return squares / count - mean * mean;
}

const PENALTY = { 'low-resolution': 55, blurred: 55, 'too-dark': 30, 'too-light': 30 } as const;

export interface QualityInputs {
  effectiveDpi: number;
  grey: GreyImage;
  /** Variance of the Laplacian over a central patch of the full-resolution page. */
  laplacianVariance: number;
  /** Ink share of the page (see blank-page.ts); sharpness is judged per unit of ink. */
  inkShare: number;
  blank: boolean;
}

function histogramOf(grey: GreyImage): Uint32Array {
  const histogram = new Uint32Array(256);
  const { data } = grey;
  for (let i = 0; i < data.length; i++) histogram[data[i]!]! += 1;
  return histogram;
}

function darkestPercentile(histogram: Uint32Array, pixels: number, share: number): number {
  let seen = 0;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level]!;
    if (seen >= pixels * share) return level;
  }
  return 255;
}

/** 0–100 with the reasons; a blank page is never called blurred or faint, it has nothing to blur. */
export function scoreQuality(inputs: QualityInputs): PageQuality {
  // One pass over the sheet: darkness and the darkest percentile both come from its histogram.
  const histogram = histogramOf(inputs.grey);
  const pixels = inputs.grey.data.length;
  let inkSum = 0;
  for (let level = 0; level < 256; level++) inkSum += (255 - level) * histogram[level]!;
  const darkness = inkSum / (255 * Math.max(1, pixels));
  const sharpness = inputs.laplacianVariance;
  const problems: PageQuality['problems'] = [];
  if (inputs.effectiveDpi < MIN_DPI) problems.push('low-resolution');
  if (darkness > TOO_DARK) problems.push('too-dark');
  if (!inputs.blank) {
    if (darkestPercentile(histogram, pixels, 0.01) > FAINT_INK_LEVEL) problems.push('too-light');
    if (inputs.inkShare >= MIN_INK_FOR_BLUR && sharpness / inputs.inkShare < MIN_SHARPNESS_PER_INK) problems.push('blurred');
  }
  const score = Math.max(0, 100 - problems.reduce((sum, problem) => sum + PENALTY[problem], 0));
  return {
    score,
    effectiveDpi: Math.round(inputs.effectiveDpi),
    darkness: Math.round(darkness * 1000) / 1000,
    sharpness: Math.round(sharpness),
    problems,
  };
}
