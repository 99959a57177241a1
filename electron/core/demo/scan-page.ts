import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

export interface ScanPageText {
  title: string;
  lines: string[];
  /** "Trang 2/3", bottom right. */
  footer: string;
}

/** A family name no system font has, so Skia draws Vietnamese with the shipped DejaVu files. */
const FAMILY = 'QuayDemoScan';
const registered = new Set<string>();

function registerFont(fontDir: string): void {
  if (registered.has(fontDir)) return;
  GlobalFonts.registerFromPath(path.join(fontDir, 'DejaVuSans.ttf'), FAMILY);
  registered.add(fontDir);
}

function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A greyscale JPEG that looks like a scanned A4 page of a paper form: off-white paper, a slight
 * skew, the national motto, the component's title and the applicant's details, dotted lines below.
 * Demo data only; `widthPx` 620 is A4 at 75 dpi, some 30–50 KB.
 */
export function renderScanPage(
  text: ScanPageText,
  options: { fontDir: string; widthPx?: number; skewDegrees?: number; quality?: number },
): Buffer {
  registerFont(options.fontDir);
  const width = options.widthPx ?? 620;
  const height = Math.round(width * Math.SQRT2);
  const unit = width / 620;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f3f1ea';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate(((options.skewDegrees ?? 0) * Math.PI) / 180);
  ctx.translate(-width / 2, -height / 2);
  ctx.fillStyle = '#1e1e1e';
  ctx.textAlign = 'center';
  ctx.font = `bold ${Math.round(13 * unit)}px ${FAMILY}`;
  ctx.fillText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', width / 2, 48 * unit);
  ctx.font = `${Math.round(12 * unit)}px ${FAMILY}`;
  ctx.fillText('Độc lập - Tự do - Hạnh phúc', width / 2, 66 * unit);
  let y = 112 * unit;
  ctx.font = `bold ${Math.round(15 * unit)}px ${FAMILY}`;
  for (const line of wrap(text.title.toUpperCase(), 52)) {
    ctx.fillText(line, width / 2, y);
    y += 22 * unit;
  }
  ctx.textAlign = 'left';
  ctx.font = `${Math.round(12 * unit)}px ${FAMILY}`;
  y += 14 * unit;
  for (const line of text.lines.flatMap((l) => wrap(l, 78))) {
    ctx.fillText(line, 48 * unit, y);
    y += 22 * unit;
  }
  ctx.fillStyle = '#6b6b6b';
  const dots = '.'.repeat(Math.floor((width - 96 * unit) / ctx.measureText('.').width));
  while (y < height - 90 * unit) {
    ctx.fillText(dots, 48 * unit, y);
    y += 22 * unit;
  }
  ctx.textAlign = 'right';
  ctx.fillText(text.footer, width - 48 * unit, height - 40 * unit);
  return canvas.toBuffer('image/jpeg', options.quality ?? 70);
}
