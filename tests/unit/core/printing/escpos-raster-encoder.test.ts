import { describe, expect, it } from 'vitest';
import type { MonoBitmap } from '../../../../electron/core/printing/dither';
import { EscPosRasterEncoder, isNativeQrSafe } from '../../../../electron/core/printing/escpos-raster-encoder';

function bitmap(bytesPerRow: number, height: number): MonoBitmap {
  const data = new Uint8Array(bytesPerRow * height);
  for (let i = 0; i < data.length; i++) data[i] = i % 251;
  return { width: bytesPerRow * 8, height, bytesPerRow, data };
}

const hex = (bytes: ArrayLike<number>) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
const PROLOGUE = '1b 40 1c 2e 1b 61 00';

describe('EscPosRasterEncoder', () => {
  it('frames one band with an exact GS v 0 header, then feeds and cuts', () => {
    const image = bitmap(72, 10);
    const out = new EscPosRasterEncoder({ bandHeight: 128, feedLines: 3, cut: 'partial' }).encode([{ kind: 'raster', bitmap: image }]);
    expect(hex(out.subarray(0, 7))).toBe(PROLOGUE);
    // GS v 0, m = 0, xL xH = 72 bytes, yL yH = 10 rows.
    expect(hex(out.subarray(7, 15))).toBe('1d 76 30 00 48 00 0a 00');
    expect(out.subarray(15, 15 + 720)).toEqual(image.data);
    expect(hex(out.subarray(15 + 720))).toBe('1b 64 03 1d 56 01');
    expect(out.length).toBe(7 + 8 + 720 + 6);
  });

  it('splits a tall image into bands of the configured height, the last one shorter', () => {
    const image = bitmap(48, 300);
    const out = new EscPosRasterEncoder({ bandHeight: 128, cut: 'none', feedLines: 0 }).encode([{ kind: 'raster', bitmap: image }]);
    const headers: string[] = [];
    let offset = 7;
    const rows: Uint8Array[] = [];
    while (out[offset] === 0x1d && out[offset + 1] === 0x76) {
      const x = out[offset + 4]! + 256 * out[offset + 5]!;
      const y = out[offset + 6]! + 256 * out[offset + 7]!;
      headers.push(hex(out.subarray(offset, offset + 8)));
      rows.push(out.subarray(offset + 8, offset + 8 + x * y));
      offset += 8 + x * y;
    }
    expect(headers).toEqual(['1d 76 30 00 30 00 80 00', '1d 76 30 00 30 00 80 00', '1d 76 30 00 30 00 2c 00']);
    expect(Buffer.concat(rows)).toEqual(Buffer.from(image.data));
    expect(hex(out.subarray(offset))).toBe('1b 64 00');
  });

  it('writes a native QR as GS ( k model 2, size, error level, store and print, centred with a quiet line', () => {
    const url = 'https://dvc.example.vn/tra-cuu?ma=000.00.31.H56-250301-0001';
    const out = new EscPosRasterEncoder({ qrErrorLevel: 'M', cut: 'full', feedLines: 4 }).encode([
      { kind: 'qr', text: url, moduleSize: 6 },
    ]);
    const store = url.length + 3;
    const expected = [
      PROLOGUE,
      '1b 61 01 0a',
      '1d 28 6b 04 00 31 41 32 00',
      '1d 28 6b 03 00 31 43 06',
      '1d 28 6b 03 00 31 45 31',
      `1d 28 6b ${hex([store & 0xff, store >> 8])} 31 50 30 ${hex(Buffer.from(url, 'ascii'))}`,
      '1d 28 6b 03 00 31 51 30',
      '0a 1b 61 00',
      '1b 64 04 1d 56 00',
    ].join(' ');
    expect(hex(out)).toBe(expected);
  });

  it('keeps parts in order: image, QR, image', () => {
    const out = new EscPosRasterEncoder({ bandHeight: 24 }).encode([
      { kind: 'raster', bitmap: bitmap(2, 1) },
      { kind: 'qr', text: 'A', moduleSize: 4 },
      { kind: 'raster', bitmap: bitmap(2, 1) },
    ]);
    const s = hex(out);
    expect(s.indexOf('1d 76 30')).toBeLessThan(s.indexOf('1d 28 6b'));
    expect(s.lastIndexOf('1d 76 30')).toBeGreaterThan(s.lastIndexOf('1d 28 6b'));
  });

  it('refuses what a printer would misprint: non-ASCII native QR, bad band heights and module sizes', () => {
    expect(isNativeQrSafe('HS-0001')).toBe(true);
    expect(isNativeQrSafe('Hà Nội')).toBe(false);
    const encoder = new EscPosRasterEncoder();
    expect(() => encoder.encode([{ kind: 'qr', text: 'Hà Nội', moduleSize: 6 }])).toThrow(RangeError);
    expect(() => encoder.encode([{ kind: 'qr', text: 'A', moduleSize: 17 }])).toThrow(RangeError);
    expect(() => new EscPosRasterEncoder({ bandHeight: 23 })).toThrow(RangeError);
    expect(() => new EscPosRasterEncoder({ bandHeight: 256 })).toThrow(RangeError);
  });
});
