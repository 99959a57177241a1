import sharp from 'sharp';
import { whitenPaper, type GreyPixels } from '../cleanup/paper-white';

/**
 * The image tesseract reads, made from the stored page (issue 11 §3). Tesseract's LSTM reads the
 * page's own grey pixels, not only its thresholded copy, so whatever is on the page and is not
 * text becomes text-like garbage: a red seal, a blue signature, yellowed or grey paper, the dark
 * band a photocopier leaves along an edge, the rules of a table (which also break a table into
 * column-by-column reading). Each is taken out here; the stored page keeps all of it.
 */
export interface OcrImage {
  /** Grey PNG, lossless: a second JPEG pass would blur the strokes again. */
  bytes: Uint8Array;
  /** Ruled lines were found in both directions: read it row by row (a single block of text). */
  ruledTable: boolean;
}

/** Samples whose channels spread by more than this are coloured ink (seals, pen), not text. */
const COLOUR_INK_SPREAD = 80;
/** Darker than this (0–255, after the paper is made white) counts as ink for rules and edges. */
const INK_LEVEL = 150;
/** A rule is a straight run of ink at least this share of the page's width; no glyph is that long. */
const RULE_SHARE = 0.08;
/** Pixels each side of a rule that belong to its soft edge. */
const RULE_FRINGE = 3;
/** A table has at least this many rules each way. */
const TABLE_RULES = 3;

type Grey = GreyPixels;

async function decodeGrey(image: Uint8Array): Promise<Grey> {
  const { data, info } = await sharp(image).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const grey = new Uint8Array(width * height);
  if (channels === 1) {
    grey.set(data);
  } else {
    for (let j = 0, i = 0; j < grey.length; j++, i += channels) {
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      const spread = Math.max(r, g, b) - Math.min(r, g, b);
      grey[j] = spread > COLOUR_INK_SPREAD ? 255 : (r * 77 + g * 150 + b * 29 + 128) >> 8;
    }
  }
  return { data: grey, width, height };
}

/** Ink connected to the page's edge (scanner-bed shadow, a photocopier's dark band) becomes paper. */
function clearEdges(image: Grey): void {
  const { data, width, height } = image;
  const stack: number[] = [];
  const push = (i: number) => {
    if (data[i]! < INK_LEVEL) {
      data[i] = 255;
      stack.push(i);
    }
  };
  for (let x = 0; x < width; x++) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    push(y * width);
    push(y * width + width - 1);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % width;
    if (x > 0) push(i - 1);
    if (x < width - 1) push(i + 1);
    if (i >= width) push(i - width);
    if (i < data.length - width) push(i + width);
  }
}

/**
 * Erases straight runs of ink longer than any glyph, across and down, and counts the rules (runs
 * on neighbouring rows count once).
 */
function eraseRules(image: Grey): { across: number; down: number } {
  const { data, width, height } = image;
  const minRun = Math.max(60, Math.round(width * RULE_SHARE));
  const erase: number[] = [];
  let across = 0;
  let lastRow = -2;
  for (let y = 0; y < height; y++) {
    let run = 0;
    let found = false;
    for (let x = 0; x <= width; x++) {
      if (x < width && data[y * width + x]! < INK_LEVEL) {
        run++;
        continue;
      }
      if (run >= minRun) {
        found = true;
        for (let k = x - run; k < x; k++) erase.push(y * width + k);
      }
      run = 0;
    }
    if (found && y - lastRow > 1) across++;
    if (found) lastRow = y;
  }
  let down = 0;
  let lastColumn = -2;
  for (let x = 0; x < width; x++) {
    let run = 0;
    let found = false;
    for (let y = 0; y <= height; y++) {
      if (y < height && data[y * width + x]! < INK_LEVEL) {
        run++;
        continue;
      }
      if (run >= minRun) {
        found = true;
        for (let k = y - run; k < y; k++) erase.push(k * width + x);
      }
      run = 0;
    }
    if (found && x - lastColumn > 1) down++;
    if (found) lastColumn = x;
  }
  // A rule's anti-aliased fringe is lighter than ink but still reads as a row of dots.
  const fringe = (i: number) => {
    if (i >= 0 && i < data.length && data[i]! >= INK_LEVEL) data[i] = 255;
  };
  for (const i of erase) {
    for (let d = 1; d <= RULE_FRINGE; d++) {
      fringe(i - d);
      fringe(i + d);
      fringe(i - d * width);
      fringe(i + d * width);
    }
  }
  for (const i of erase) data[i] = 255;
  return { across, down };
}

export async function prepareOcrImage(image: Uint8Array): Promise<OcrImage> {
  const grey = await decodeGrey(image);
  whitenPaper(grey);
  clearEdges(grey);
  const rules = eraseRules(grey);
  const bytes = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .toColourspace('b-w')
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer();
  return {
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    ruledTable: rules.across >= TABLE_RULES && rules.down >= TABLE_RULES,
  };
}
