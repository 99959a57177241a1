import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../../../shared/ipc/result';
import type { CleanedPage } from '../types';
import { looksBlank, inkShare } from './blank-page';
import { inkMask, type GreyImage } from './ink-mask';
import { estimateOrientation } from './orientation';
import { findPaper, type CropBox } from './paper-crop';
import { laplacianVariance, scoreQuality } from './page-quality';
import { COLOUR_CHECK_WIDTH, hasColour, shrinkGrey, toGrey, withReusedBuffer, type Raster } from './raster';
import { straighten } from './straighten';

export interface CleanupInput {
  bytes: Uint8Array;
  /** From the device or the file; measured from the paper size when absent. */
  resolutionDpi?: number;
  /** Named in error messages: a file name and page number, or the scanner. */
  source: string;
}

/** Analysis copies are made at this resolution: enough for lines and tone marks, cheap to scan. */
const ANALYSIS_DPI = 150;
/** A4's short side; an image without a resolution is assumed to be an A4 sheet (the counter's paper). */
const A4_SHORT_SIDE_INCHES = 210 / 25.4;
/** 20,000 × 20,000 px would need 1.2 GB decoded; refuse it before decoding (A0 at 300 dpi is 140 MP). */
export const MAX_PAGE_PIXELS = 150_000_000;
/** Skews smaller than this are left alone: resampling would soften the text for no visible gain. */
const MIN_SKEW_DEG = 0.1;
const JPEG_QUALITY = 80;

interface Decoded extends Raster {
  densityDpi?: number;
}

async function decode(input: CleanupInput): Promise<Decoded> {
  try {
    const metadata = await sharp(input.bytes, { limitInputPixels: MAX_PAGE_PIXELS }).metadata();
    const open = () => {
      const image = sharp(input.bytes, { limitInputPixels: MAX_PAGE_PIXELS, failOn: 'error' });
      return metadata.hasAlpha ? image.flatten({ background: '#ffffff' }) : image;
    };
    const colourChannels = (metadata.channels ?? 3) - (metadata.hasAlpha ? 1 : 0);
    // Colour is judged on a small copy (a JPEG is decoded at an eighth for it), so that a grey page
    // in a colour file is decoded straight to one band: a third of the work of decoding all three.
    const colour = colourChannels !== 1 && hasColour(await rawOf(open().toColourspace('srgb').resize({ width: COLOUR_CHECK_WIDTH })));
    const page = open().autoOrient();
    // sharp widens one band to sRGB unless told; CMYK and the like become sRGB first. A page without
    // colour keeps its green band, which for grey ink on white paper is the grey.
    const bands = colour
      ? page.toColourspace('srgb')
      : colourChannels === 1
        ? page.toColourspace('b-w')
        : page.toColourspace('srgb').extractChannel(1);
    const raster = await rawOf(bands);
    if (raster.channels !== (colour ? 3 : 1)) throw new Error(`unexpected ${raster.channels} channels`);
    return { ...raster, densityDpi: metadata.density };
  } catch (error) {
    const details = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(details)) throw new AppError('CLEANUP_IMAGE_TOO_LARGE', { source: input.source, limit: MAX_PAGE_PIXELS / 1e6 });
    throw new AppError('CLEANUP_IMAGE_UNREADABLE', { source: input.source, details });
  }
}

/** 16-bit PNGs and TIFFs are read as 8 bits: what the detectors and the stored JPEG use. */
async function rawOf(image: Sharp): Promise<Raster> {
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 && info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    channels: info.channels,
  };
}

/**
 * The grey copy the detectors read, `factor` times smaller (never larger): a block average when the
 * factor is whole, as it is for 300 and 600 dpi scans.
 */
async function analysisCopy(grey: GreyImage, factor: number): Promise<GreyImage> {
  if (factor <= 1) return grey;
  if (Number.isInteger(factor)) return shrinkGrey(grey, factor);
  const width = Math.max(1, Math.round(grey.width / factor));
  const { data, info } = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .resize({ width, kernel: 'linear' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

function cropGrey(image: GreyImage, box: CropBox): GreyImage {
  const data = new Uint8Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    data.set(
      image.data.subarray((box.top + y) * image.width + box.left, (box.top + y) * image.width + box.left + box.width),
      y * box.width,
    );
  }
  return { width: box.width, height: box.height, data };
}

async function encodeJpeg(page: Raster, dpi: number): Promise<Buffer> {
  const image = sharp(page.data, { raw: { width: page.width, height: page.height, channels: page.channels } });
  return (
    (page.channels === 1 ? image.toColourspace('b-w') : image)
      // Huffman optimisation would cost ~300 ms a page in this libjpeg build for ~15 % smaller files.
      .jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:2:0', optimiseCoding: false })
      .withDensity(dpi)
      .toBuffer()
  );
}

/**
 * One page, upright, level, cropped to the sheet, scored and compressed. Blank pages are flagged and
 * returned like any other: dropping one would break "page count = paper count".
 */
export async function cleanPage(input: CleanupInput): Promise<CleanedPage> {
  const decoded = await decode(input);
  const declaredDpi = input.resolutionDpi ?? decoded.densityDpi;
  const grey = toGrey(decoded);
  const analysis = await analysisCopy(grey, (declaredDpi ?? ANALYSIS_DPI * 2) / ANALYSIS_DPI);
  const paper = findPaper(analysis);
  const toFull = decoded.width / analysis.width;
  const box: CropBox = paper
    ? {
        left: Math.floor(paper.left * toFull),
        top: Math.floor(paper.top * toFull),
        width: Math.min(decoded.width - Math.floor(paper.left * toFull), Math.round(paper.width * toFull)),
        height: Math.min(decoded.height - Math.floor(paper.top * toFull), Math.round(paper.height * toFull)),
      }
    : { left: 0, top: 0, width: decoded.width, height: decoded.height };
  const sheet = paper ? cropGrey(analysis, paper) : analysis;
  const mask = inkMask(sheet);
  const blank = looksBlank(sheet);
  const orientation = blank ? { turn: 0 as const, skew: { angleDeg: 0 } } : estimateOrientation(mask);
  const effectiveDpi = declaredDpi ?? Math.min(box.width, box.height) / A4_SHORT_SIDE_INCHES;
  const quality = scoreQuality({
    effectiveDpi,
    grey: sheet,
    laplacianVariance: laplacianVariance(grey, box),
    inkShare: inkShare(mask),
    blank,
  });
  const skewCorrectedDeg = Math.abs(orientation.skew.angleDeg) >= MIN_SKEW_DEG ? orientation.skew.angleDeg : 0;
  const [upright, bytes] = await withReusedBuffer(box.width * box.height * decoded.channels, async (buffer) => {
    const turned = straighten(decoded, box, orientation.turn, -skewCorrectedDeg, buffer);
    return [turned, await encodeJpeg(turned, effectiveDpi)] as const;
  });
  return {
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    mediaType: 'image/jpeg',
    widthPx: upright.width,
    heightPx: upright.height,
    resolutionDpi: Math.round(effectiveDpi),
    rotationApplied: orientation.turn,
    skewCorrectedDeg: Math.round(skewCorrectedDeg * 100) / 100,
    blank,
    quality,
  };
}
