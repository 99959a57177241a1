import zlib from 'node:zlib';
import sharp from 'sharp';
import { whitenPaper } from '../cleanup/paper-white';

/**
 * A page split the way OCRmyPDF's optimiser and scanners' "compact PDF" split it (issue 11 §3):
 * the black text as a one-bit layer at full resolution, sharp at any zoom and a few tens of KB,
 * over a small colour (or grey) image of everything else — paper, red seals, blue signatures,
 * photos — at a third to a half of the resolution, where their detail does not need more.
 */
export interface MixedRasterPage {
  /** Ink = 0, paper = 1, rows padded to whole bytes, deflated: a PDF stencil mask's samples. */
  mask: { data: Uint8Array; width: number; height: number };
  background: { jpeg: Uint8Array; width: number; height: number };
}

/** Darker than this, once the paper is white (0–255), is ink of the text layer. */
const INK_LEVEL = 140;
/** At least this (0–255, once whitened) is plain paper. */
const PAPER_LEVEL = 190;
/** Channels spreading by more than this are coloured ink (seal, pen): it stays in the colour layer. */
const COLOUR_INK_SPREAD = 80;
/** Background resolutions: colour keeps a seal's rim lettering legible; grey is only paper. */
const COLOUR_BACKGROUND_DPI = 100;
const GREY_BACKGROUND_DPI = 75;
/** A background is mostly flat paper: a low quality costs nothing visible there. */
const BACKGROUND_JPEG_QUALITY = 40;

interface Decoded {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

async function decode(image: Uint8Array): Promise<Decoded> {
  const { channels } = await sharp(image).metadata();
  // Asked for raw pixels, libvips widens one band to three unless told to keep it.
  const source = channels === 1 ? sharp(image).extractChannel(0) : sharp(image).removeAlpha().toColourspace('srgb');
  const { data, info } = await source.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 && info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    channels: info.channels,
  };
}

/** Each pixel's role: text ink, plain paper, or anything else (seal, pen, photo, a shadow). */
const enum Role {
  Other = 0,
  Ink = 1,
  Paper = 2,
}

/**
 * Text ink is dark once the paper is whitened, and not coloured; plain paper is within a few
 * levels of the local white. Paper is drawn flat in the background: its grain and the scanner's
 * noise would otherwise take most of the background's bytes.
 */
function rolesOf(page: Decoded): Uint8Array {
  const { data, width, height, channels } = page;
  const grey = new Uint8Array(width * height);
  const coloured = new Uint8Array(width * height);
  for (let j = 0, i = 0; j < grey.length; j++, i += channels) {
    if (channels === 1) {
      grey[j] = data[i]!;
      continue;
    }
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    grey[j] = (r * 77 + g * 150 + b * 29 + 128) >> 8;
    coloured[j] = Math.max(r, g, b) - Math.min(r, g, b) > COLOUR_INK_SPREAD ? 1 : 0;
  }
  whitenPaper({ data: grey, width, height });
  const roles = new Uint8Array(width * height);
  for (let j = 0; j < roles.length; j++) {
    if (coloured[j]) roles[j] = Role.Other;
    else if (grey[j]! < INK_LEVEL) roles[j] = Role.Ink;
    else if (grey[j]! >= PAPER_LEVEL) roles[j] = Role.Paper;
  }
  return roles;
}

/** The mean colour of the plain paper, drawn wherever the page is plain paper. */
function paperColour(page: Decoded, roles: Uint8Array): number[] {
  const sums = new Array<number>(page.channels).fill(0);
  let count = 0;
  for (let j = 0; j < roles.length; j += 7) {
    if (roles[j] !== Role.Paper) continue;
    count++;
    for (let c = 0; c < page.channels; c++) sums[c]! += page.data[j * page.channels + c]!;
  }
  return sums.map((sum) => (count > 0 ? Math.round(sum / count) : 255));
}

function packMask(roles: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const packed = new Uint8Array(rowBytes * height).fill(0xff);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (roles[y * width + x] === Role.Ink) packed[y * rowBytes + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
  }
  return zlib.deflateSync(packed, { level: 9 });
}

/**
 * Each `factor` × `factor` cell averages its pixels that are not text ink, so the text leaves no
 * grey smudge under the sharp layer; a cell that is all ink takes its left neighbour's colour.
 */
function backgroundOf(page: Decoded, roles: Uint8Array, factor: number): Decoded {
  const { data, width, height, channels } = page;
  const paper = paperColour(page, roles);
  const bw = Math.max(1, Math.floor(width / factor));
  const bh = Math.max(1, Math.floor(height / factor));
  const out = new Uint8Array(bw * bh * channels);
  const sums = new Float64Array(bw * channels);
  const counts = new Uint32Array(bw);
  for (let by = 0; by < bh; by++) {
    sums.fill(0);
    counts.fill(0);
    for (let y = by * factor; y < (by + 1) * factor; y++) {
      for (let x = 0; x < bw * factor; x++) {
        const j = y * width + x;
        const role = roles[j];
        if (role === Role.Ink) continue;
        const cell = (x / factor) | 0;
        counts[cell]! += 1;
        for (let c = 0; c < channels; c++) sums[cell * channels + c]! += role === Role.Paper ? paper[c]! : data[j * channels + c]!;
      }
    }
    for (let bx = 0; bx < bw; bx++) {
      const o = (by * bw + bx) * channels;
      for (let c = 0; c < channels; c++) {
        out[o + c] = counts[bx]! > 0 ? sums[bx * channels + c]! / counts[bx]! : bx > 0 ? out[o - channels + c]! : 255;
      }
    }
  }
  return { data: out, width: bw, height: bh, channels };
}

export async function mixedRasterPage(image: Uint8Array, resolutionDpi: number): Promise<MixedRasterPage> {
  const page = await decode(image);
  const roles = rolesOf(page);
  const targetDpi = page.channels === 3 ? COLOUR_BACKGROUND_DPI : GREY_BACKGROUND_DPI;
  const factor = Math.max(2, Math.round(resolutionDpi / targetDpi));
  const background = backgroundOf(page, roles, factor);
  const encoder = sharp(background.data, { raw: { width: background.width, height: background.height, channels: background.channels } });
  const jpeg = await (background.channels === 1 ? encoder.toColourspace('b-w') : encoder)
    .jpeg({ quality: BACKGROUND_JPEG_QUALITY, chromaSubsampling: '4:2:0' })
    .toBuffer();
  return {
    mask: { data: packMask(roles, page.width, page.height), width: page.width, height: page.height },
    background: { jpeg: new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.length), width: background.width, height: background.height },
  };
}
