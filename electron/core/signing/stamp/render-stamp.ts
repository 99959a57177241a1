import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Canvas from '@napi-rs/canvas';
import type { StampAppearance } from '../pdf/signature-placeholder';

/** Size of the stamp on the page, in PDF points, and how many pixels per point the PNG has. */
const STAMP = { width: 230, height: 62, margin: 36, scale: 3 } as const;
const FAMILY = 'QuaySignStamp';

// Skia is a large native library: required with the first visible stamp, not with the core.
const requireModule = createRequire(import.meta.url);
let skia: typeof Canvas | null = null;
const registered = new Set<string>();

/**
 * Draws the stamp's lines as a PNG in the shipped DejaVu font, so every Vietnamese letter looks the
 * same in every viewer, and places it at the bottom right of a page of `pageWidth` points.
 */
export function renderStamp(lines: string[], fontDir: string, pageWidth: number): StampAppearance {
  skia ??= requireModule('@napi-rs/canvas') as typeof Canvas;
  if (!registered.has(fontDir)) {
    skia.GlobalFonts.registerFromPath(path.join(fontDir, 'DejaVuSans.ttf'), FAMILY);
    registered.add(fontDir);
  }
  const canvas = skia.createCanvas(STAMP.width * STAMP.scale, STAMP.height * STAMP.scale);
  const ctx = canvas.getContext('2d');
  ctx.scale(STAMP.scale, STAMP.scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, STAMP.width, STAMP.height);
  ctx.strokeStyle = '#c0001a';
  ctx.lineWidth = 1.2;
  ctx.strokeRect(1, 1, STAMP.width - 2, STAMP.height - 2);
  ctx.fillStyle = '#c0001a';
  const lineHeight = (STAMP.height - 8) / Math.max(lines.length, 3);
  ctx.font = `${Math.round(lineHeight * 0.62)}px ${FAMILY}`;
  lines.forEach((line, index) => ctx.fillText(line, 6, 4 + lineHeight * (index + 0.75), STAMP.width - 12));
  return {
    rect: { x: pageWidth - STAMP.width - STAMP.margin, y: STAMP.margin, width: STAMP.width, height: STAMP.height },
    png: new Uint8Array(canvas.toBuffer('image/png')),
  };
}
