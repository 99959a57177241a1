import type { MonoBitmap } from './dither';

/** What a slip is made of once rendered: raster images, and QR codes the printer draws itself. */
export type EscPosPart = { kind: 'raster'; bitmap: MonoBitmap } | { kind: 'qr'; text: string; moduleSize: number };

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export type CutMode = 'full' | 'partial' | 'none';

export interface EscPosEncoderOptions {
  /**
   * Rows per `GS v 0` command. Cheap printers have small receive buffers and drop or garble an
   * image sent in one piece; 24–255 rows keeps each band a few KB (docs/devices.md §2.1: 128 worked).
   */
  bandHeight?: number;
  qrErrorLevel?: QrErrorLevel;
  /** Lines fed after the last part so the end of the slip clears the cutter. */
  feedLines?: number;
  cut?: CutMode;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

export const MIN_BAND_HEIGHT = 24;
export const MAX_BAND_HEIGHT = 255;
/** `GS ( k` store data: pL + 256·pH = length + 3, and Epson-class printers hold up to 7,089 bytes. */
const MAX_NATIVE_QR_BYTES = 7089;

const QR_LEVEL: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/** Text the printer's own QR encoder handles the same on every firmware (docs/devices.md §2.1). */
export function isNativeQrSafe(text: string): boolean {
  return /^[\x20-\x7e]+$/.test(text) && text.length <= MAX_NATIVE_QR_BYTES;
}

function qrFunction(fn: number, params: number[]): number[] {
  const length = params.length + 2;
  return [GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn, ...params];
}

/**
 * ESC/POS for a slip printed as images: initialise, raster bands (`GS v 0`), native QR (`GS ( k`)
 * where asked, feed and cut. No text mode and no code pages, so nothing depends on the printer's
 * fonts (docs/devices.md §2.2).
 */
export class EscPosRasterEncoder {
  private readonly bandHeight: number;
  private readonly qrErrorLevel: QrErrorLevel;
  private readonly feedLines: number;
  private readonly cut: CutMode;

  constructor(options: EscPosEncoderOptions = {}) {
    this.bandHeight = options.bandHeight ?? 128;
    if (!Number.isInteger(this.bandHeight) || this.bandHeight < MIN_BAND_HEIGHT || this.bandHeight > MAX_BAND_HEIGHT) {
      throw new RangeError(`band height must be an integer in ${MIN_BAND_HEIGHT}–${MAX_BAND_HEIGHT}, got ${this.bandHeight}`);
    }
    this.qrErrorLevel = options.qrErrorLevel ?? 'M';
    this.feedLines = options.feedLines ?? 4;
    if (!Number.isInteger(this.feedLines) || this.feedLines < 0 || this.feedLines > 255)
      throw new RangeError(`feed lines out of range: ${this.feedLines}`);
    this.cut = options.cut ?? 'partial';
  }

  encode(parts: readonly EscPosPart[]): Uint8Array {
    const chunks: Uint8Array[] = [
      // ESC @ resets modes and the stored QR symbol; FS . leaves the Kanji mode some clones start in.
      Uint8Array.of(ESC, 0x40, FS, 0x2e, ESC, 0x61, 0x00),
    ];
    for (const part of parts) {
      if (part.kind === 'raster') chunks.push(...this.raster(part.bitmap));
      else chunks.push(this.nativeQr(part.text, part.moduleSize));
    }
    const tail: number[] = [ESC, 0x64, this.feedLines];
    if (this.cut !== 'none') tail.push(GS, 0x56, this.cut === 'full' ? 0x00 : 0x01);
    chunks.push(Uint8Array.from(tail));
    return concat(chunks);
  }

  private raster(bitmap: MonoBitmap): Uint8Array[] {
    const { bytesPerRow, height, data } = bitmap;
    if (bytesPerRow < 1 || bytesPerRow > 0xffff || data.length !== bytesPerRow * height) {
      throw new RangeError(`raster of ${bytesPerRow} bytes × ${height} rows does not match ${data.length} bytes`);
    }
    const bands: Uint8Array[] = [];
    for (let top = 0; top < height; top += this.bandHeight) {
      const rows = Math.min(this.bandHeight, height - top);
      const band = new Uint8Array(8 + bytesPerRow * rows);
      band.set([GS, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8]);
      band.set(data.subarray(top * bytesPerRow, (top + rows) * bytesPerRow), 8);
      bands.push(band);
    }
    return bands;
  }

  private nativeQr(text: string, moduleSize: number): Uint8Array {
    if (!isNativeQrSafe(text)) throw new RangeError('native QR takes printable ASCII only; render it as raster instead');
    if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16)
      throw new RangeError(`QR module size must be 1–16 dots, got ${moduleSize}`);
    const payload = Array.from(text, (c) => c.charCodeAt(0));
    return Uint8Array.from([
      ESC,
      0x61,
      0x01,
      // The printer draws no quiet zone above the symbol; without this line decoders miss it.
      LF,
      ...qrFunction(0x41, [0x32, 0x00]),
      ...qrFunction(0x43, [moduleSize]),
      ...qrFunction(0x45, [QR_LEVEL[this.qrErrorLevel]]),
      ...qrFunction(0x50, [0x30, ...payload]),
      ...qrFunction(0x51, [0x30]),
      LF,
      ESC,
      0x61,
      0x00,
    ]);
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
