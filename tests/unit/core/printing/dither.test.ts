import { describe, expect, it } from 'vitest';
import { toMonochrome, type DitherMethod, type GrayImage, type MonoBitmap } from '../../../../electron/core/printing/dither';

function flat(width: number, height: number, level: number): GrayImage {
  return { width, height, pixels: new Uint8Array(width * height).fill(level) };
}

function blackDots(bitmap: MonoBitmap): number {
  let n = 0;
  for (const byte of bitmap.data) for (let b = byte; b; b &= b - 1) n++;
  return n;
}

const methods: DitherMethod[] = ['threshold', 'floyd-steinberg', 'atkinson'];

describe('toMonochrome', () => {
  it.each(methods)('prints nothing for an all-white image (%s)', (method) => {
    const bitmap = toMonochrome(flat(64, 16, 255), { method });
    expect(bitmap.data.every((b) => b === 0)).toBe(true);
  });

  it.each(methods)('prints every dot of an all-black image (%s)', (method) => {
    const bitmap = toMonochrome(flat(64, 16, 0), { method });
    expect(bitmap.data.every((b) => b === 0xff)).toBe(true);
  });

  it.each(['floyd-steinberg', 'atkinson'] as const)('renders 50%% grey at about half density (%s)', (method) => {
    const bitmap = toMonochrome(flat(128, 128, 128), { method });
    const density = blackDots(bitmap) / (128 * 128);
    // Atkinson drops a quarter of the error, so it drifts further from the exact half than Floyd–Steinberg.
    expect(density).toBeGreaterThan(method === 'atkinson' ? 0.4 : 0.47);
    expect(density).toBeLessThan(method === 'atkinson' ? 0.6 : 0.53);
  });

  it('thresholds at the given level', () => {
    expect(blackDots(toMonochrome(flat(8, 8, 150), { method: 'threshold', threshold: 160 }))).toBe(64);
    expect(blackDots(toMonochrome(flat(8, 8, 150), { method: 'threshold', threshold: 140 }))).toBe(0);
  });

  it('pads each row with white to whole bytes, leftmost dot in the most significant bit', () => {
    const bitmap = toMonochrome(flat(10, 2, 0), { method: 'threshold' });
    expect(bitmap).toMatchObject({ width: 16, height: 2, bytesPerRow: 2 });
    expect([...bitmap.data]).toEqual([0xff, 0xc0, 0xff, 0xc0]);

    const pixels = new Uint8Array(9).fill(255);
    pixels[0] = 0;
    pixels[8] = 0;
    expect([...toMonochrome({ width: 9, height: 1, pixels }, { method: 'threshold' }).data]).toEqual([0x80, 0x80]);
  });

  it('refuses a pixel buffer of the wrong size', () => {
    expect(() => toMonochrome({ width: 4, height: 4, pixels: new Uint8Array(15) }, { method: 'threshold' })).toThrow(RangeError);
  });
});
