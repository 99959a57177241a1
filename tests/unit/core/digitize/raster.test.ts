import { describe, expect, it } from 'vitest';
import { laplacianVariance } from '../../../../electron/core/digitize/cleanup/page-quality';
import { hasColour, shrinkGrey, toGrey, withReusedBuffer, type Raster } from '../../../../electron/core/digitize/cleanup/raster';

const rgb = (width: number, height: number, paint: (x: number, y: number) => [number, number, number]): Raster => {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 3);
  return { data, width, height, channels: 3 };
};

describe('page rasters', () => {
  it('keeps grey pixels of a colour file exactly, and weighs colours as JPEG luminance does', () => {
    const grey = toGrey(rgb(3, 1, (x) => (x === 0 ? [0, 0, 0] : x === 1 ? [137, 137, 137] : [255, 0, 0])));
    expect([...grey.data]).toEqual([0, 137, 77]);
  });

  it('averages whole blocks when shrinking, by two and by any whole factor', () => {
    const image = { width: 4, height: 3, data: Uint8Array.from([0, 10, 20, 30, 40, 50, 60, 70, 99, 99, 99, 99]) };
    expect(shrinkGrey(image, 2)).toEqual({ width: 2, height: 1, data: Uint8Array.from([25, 45]) });
    expect(shrinkGrey(image, 3)).toEqual({
      width: 1,
      height: 1,
      data: Uint8Array.from([Math.round((0 + 10 + 20 + 40 + 50 + 60 + 99 * 3) / 9)]),
    });
    expect(shrinkGrey(image, 1)).toBe(image);
  });

  it('calls a page coloured for a seal-sized red mark, not for a grey page or a few coloured specks', () => {
    const page = (coloured: number) => rgb(100, 100, (x, y) => (y * 100 + x < coloured ? [200, 30, 30] : [128, 128, 128]));
    expect(hasColour(page(0))).toBe(false);
    expect(hasColour(page(15))).toBe(false);
    expect(hasColour(page(300))).toBe(true);
    expect(hasColour({ data: new Uint8Array(10), width: 10, height: 1, channels: 1 })).toBe(false);
  });

  it('measures sharpness as the Laplacian variance: nothing on flat paper, much on a fine pattern', () => {
    const size = 64;
    const flat = { width: size, height: size, data: new Uint8Array(size * size).fill(250) };
    const checker = {
      width: size,
      height: size,
      data: Uint8Array.from({ length: size * size }, (_, i) => (((i % size) + Math.floor(i / size)) % 2 ? 0 : 255)),
    };
    const box = { left: 0, top: 0, width: size, height: size };
    expect(laplacianVariance(flat, box)).toBe(0);
    expect(laplacianVariance(checker, box)).toBeGreaterThan(10_000);
  });

  it('hands the next page the buffer the last one used, and a page arriving meanwhile its own', async () => {
    const first = await withReusedBuffer(1000, async (buffer) => buffer);
    const [again, during] = await withReusedBuffer(1000, async (held) => [held, await withReusedBuffer(1000, async (other) => other)]);
    expect(again).toBe(first);
    expect(during).not.toBe(first);
    expect((await withReusedBuffer(5000, async (buffer) => buffer)).length).toBeGreaterThanOrEqual(5000);
  });
});
