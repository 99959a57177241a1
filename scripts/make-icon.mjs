// Draws build/icon.png (512×512) from shapes, so the icon is reproducible without image tools:
// a blue tile, a white dossier page with text lines, and a green "accepted" check badge.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { URL } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;

const roundedRect = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const segment = (x, y, ax, ay, bx, by, r) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) - r;
};

// Painter's order: later layers cover earlier ones; each is [signed distance, RGB].
const layers = (x, y) => [
  [roundedRect(x, y, 256, 256, 240, 240, 96), [36 - y / 40, 120 - y / 12, 224 - y / 10]],
  [roundedRect(x, y, 236, 250, 120, 156, 18), [255, 255, 255]],
  [segment(x, y, 166, 168, 306, 168, 11), [120, 144, 176]],
  [segment(x, y, 166, 218, 306, 218, 11), [120, 144, 176]],
  [segment(x, y, 166, 268, 260, 268, 11), [120, 144, 176]],
  [Math.hypot(x - 350, y - 360) - 86, [255, 255, 255]],
  [Math.hypot(x - 350, y - 360) - 72, [22, 163, 74]],
  [Math.min(segment(x, y, 312, 362, 340, 390, 11), segment(x, y, 340, 390, 392, 334, 11)), [255, 255, 255]],
];

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let s = 0; s < SAMPLES * SAMPLES; s++) {
      const x = px + ((s % SAMPLES) + 0.5) / SAMPLES;
      const y = py + (Math.floor(s / SAMPLES) + 0.5) / SAMPLES;
      let colour = null;
      for (const [distance, rgb] of layers(x, y)) if (distance <= 0) colour = rgb;
      if (colour) [r, g, b, a] = [r + colour[0], g + colour[1], b + colour[2], a + 1];
    }
    // Colour is averaged over the covered samples only and coverage becomes alpha, so the tile's
    // rounded edge fades out instead of darkening towards black.
    const n = SAMPLES * SAMPLES;
    row.set(a ? [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / n)] : [0, 0, 0, 0], 1 + px * 4);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
};

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8);

writeFileSync(
  new URL('../build/icon.png', import.meta.url),
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
