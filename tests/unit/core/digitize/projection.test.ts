import { describe, expect, it } from 'vitest';
import type { InkMask } from '../../../../electron/core/digitize/cleanup/ink-mask';
import { inkPoints, turnPointsClockwise } from '../../../../electron/core/digitize/cleanup/projection';

/** A mask with ink at the given points, everything else paper. */
function mask(width: number, height: number, ink: Array<[number, number]>): InkMask {
  const data = new Uint8Array(width * height);
  for (const [x, y] of ink) data[y * width + x] = 1;
  return { width, height, data };
}

const pairs = (points: { xs: Int32Array; ys: Int32Array }) => Array.from(points.xs, (x, i) => `${x},${points.ys[i]}`).sort();

describe('ink points for the angle search', () => {
  it('turns the points a quarter clockwise exactly as the turned page would give them, margins included', () => {
    const width = 100;
    const height = 140;
    const ink: Array<[number, number]> = [
      [3, 4],
      [10, 20],
      [50, 70],
      [96, 135],
      [97, 10],
      [2, 139],
      [60, 5],
    ];
    const turnedInk = ink.map(([x, y]): [number, number] => [height - 1 - y, x]);
    const turned = turnPointsClockwise(inkPoints(mask(width, height, ink)));
    expect([turned.width, turned.height]).toEqual([height, width]);
    expect(pairs(turned)).toEqual(pairs(inkPoints(mask(height, width, turnedInk))));
    // The margin (3 % of each side) drops the same two pixels either way, and keeps both inner edges.
    expect(turned.xs.length).toBe(5);
  });
});
