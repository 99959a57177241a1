import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Raster } from '../../../../electron/core/digitize/cleanup/raster';
import { straighten } from '../../../../electron/core/digitize/cleanup/straighten';

/** A grey test card: a gradient with a dark bar, so any misplaced pixel shows. */
function card(width: number, height: number): Raster {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data[y * width + x] = ((x * 7 + y * 13) % 200) + (y > height / 3 && y < height / 2 ? 0 : 40);
  }
  return { data, width, height, channels: 1 };
}

/** libvips' quarter turns, for comparison. */
async function sharpRotated(raster: Raster, angle: number): Promise<Raster> {
  const { data, info } = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: raster.channels } })
    .rotate(angle, { background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 1 };
}

const fullBox = (raster: Raster) => ({ left: 0, top: 0, width: raster.width, height: raster.height });
const pixel = (raster: Raster, x: number, y: number) => raster.data[y * raster.width + x]!;

describe('straighten: crop, quarter turn and deskew in one pass', () => {
  it('hands an upright, level, uncropped page back as it is', () => {
    const page = card(31, 17);
    expect(straighten(page, fullBox(page), 0, 0)).toBe(page);
  });

  it('turns by quarter turns exactly as libvips does, pixel for pixel', async () => {
    const page = card(31, 17);
    for (const turn of [90, 180, 270] as const) {
      const ours = straighten(page, fullBox(page), turn, 0);
      const theirs = await sharpRotated(page, turn);
      expect([ours.width, ours.height], `${turn}`).toEqual([theirs.width, theirs.height]);
      expect(Buffer.from(ours.data).equals(Buffer.from(theirs.data)), `${turn}`).toBe(true);
    }
  });

  it('crops to the box before turning', () => {
    const page = card(40, 30);
    const box = { left: 5, top: 3, width: 20, height: 10 };
    const cropped = straighten(page, box, 0, 0);
    expect([cropped.width, cropped.height]).toEqual([20, 10]);
    expect(pixel(cropped, 0, 0)).toBe(pixel(page, 5, 3));
    expect(pixel(cropped, 19, 9)).toBe(pixel(page, 24, 12));
    const turned = straighten(page, box, 90, 0);
    expect([turned.width, turned.height]).toEqual([10, 20]);
    // Clockwise: the box's bottom-left corner comes to the top-left.
    expect(pixel(turned, 0, 0)).toBe(pixel(page, 5, 12));
  });

  it('rotates a skew clockwise about the centre, keeps the page size and whitens the uncovered corners', () => {
    const width = 301;
    const height = 201;
    const page: Raster = { data: new Uint8Array(width * height).fill(255), width, height, channels: 1 };
    for (let x = 20; x < width - 20; x++) for (let y = 99; y <= 101; y++) page.data[y * width + x] = 0;
    const turned = straighten(page, fullBox(page), 0, 10);
    expect([turned.width, turned.height]).toEqual([width, height]);
    const along = (distance: number, sign: 1 | -1) =>
      pixel(turned, Math.round(150 + distance * Math.cos(Math.PI / 18)), Math.round(100 + sign * distance * Math.sin(Math.PI / 18)));
    // Clockwise on screen (y down): the line's right end goes down, its left end up.
    expect([along(100, 1), along(-100, 1), pixel(turned, 150, 100)]).toEqual([0, 0, 0]);
    expect(along(100, -1)).toBe(255);
    expect([pixel(turned, width - 1, 0), pixel(turned, 0, height - 1)]).toEqual([255, 255]);
  });

  it('undoes its own skew correction up to interpolation, with no shift', () => {
    const width = 300;
    const height = 200;
    const page: Raster = {
      data: Uint8Array.from({ length: width * height }, (_, i) => 60 + ((i % width) + Math.floor(i / width)) / 3),
      width,
      height,
      channels: 1,
    };
    const back = straighten(straighten(page, fullBox(page), 0, 3.7), fullBox(page), 0, -3.7);
    let difference = 0;
    let compared = 0;
    for (let y = 30; y < height - 30; y++) {
      for (let x = 30; x < width - 30; x++) {
        difference += Math.abs(pixel(back, x, y) - pixel(page, x, y));
        compared++;
      }
    }
    expect(difference / compared).toBeLessThan(1);
  });

  it('treats every band of a colour page as it treats a grey one', () => {
    const grey = card(120, 90);
    const colour: Raster = { data: new Uint8Array(grey.data.length * 3), width: grey.width, height: grey.height, channels: 3 };
    grey.data.forEach((value, i) => colour.data.set([value, value, value], i * 3));
    const box = { left: 4, top: 6, width: 100, height: 70 };
    for (const [turn, correction] of [
      [0, -2.5],
      [90, 1.2],
      [270, 0],
    ] as const) {
      const expected = straighten(grey, box, turn, correction);
      const actual = straighten(colour, box, turn, correction);
      expect(actual.channels).toBe(3);
      for (let i = 0; i < expected.data.length; i++) {
        if (actual.data[i * 3] !== expected.data[i] || actual.data[i * 3 + 2] !== expected.data[i])
          throw new Error(`pixel ${i} differs at ${turn}° ${correction}°`);
      }
    }
  });
});
