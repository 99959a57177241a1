import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Canvas from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import type * as QRCode from 'qrcode';
import { AppError } from '../../../shared/ipc/result';
import {
  PAPER_DOTS,
  type PaperWidth,
  type SlipBlock,
  type TextAlign,
  type TextRun,
  type TextSize,
} from '../../../shared/printing/slip-layout';
import type { GrayImage } from './dither';
import { isNativeQrSafe, type QrErrorLevel } from './escpos-raster-encoder';

/** The slip as printed: greyscale images, and QR codes left to the printer's firmware. */
export type RenderedPart = { kind: 'image'; image: GrayImage } | { kind: 'qr'; text: string; moduleSize: number };

export interface SlipRenderOptions {
  paper: PaperWidth;
  /** `native` leaves an ASCII QR to the printer (`GS ( k`); anything else is drawn into the image. */
  qr: 'native' | 'raster';
  qrErrorLevel: QrErrorLevel;
}

/** Shipped with the app (build/fonts), so every Vietnamese letter prints the same on every printer. */
export const SLIP_FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
/** A family name no system font has, so Skia can only pick the shipped files. */
const FAMILY = 'QuaySlipSans';

const MARGIN_DOTS = 8;
const QR_QUIET_MODULES = 4;
const FONT_DOTS: Record<PaperWidth, Record<TextSize, number>> = {
  '58mm': { small: 18, normal: 21, large: 26 },
  '80mm': { small: 20, normal: 24, large: 30 },
};
/** Stacked marks on capitals (Ấ, Ệ) reach well above the cap height; 1.4 em keeps lines from touching. */
const LINE_HEIGHT_EM = 1.4;
const BASELINE_EM = 1.1;

// Skia (@napi-rs/canvas) is a large native library and rendering is synchronous, so both packages are
// required on the first slip rather than imported with the core (npm run bench:startup).
const requireModule = createRequire(import.meta.url);
let canvasModule: typeof Canvas | null = null;
let qrcodeModule: typeof QRCode | null = null;
const skia = (): typeof Canvas => (canvasModule ??= requireModule('@napi-rs/canvas') as typeof Canvas);
const qrcode = (): typeof QRCode => (qrcodeModule ??= requireModule('qrcode') as typeof QRCode);

const registeredDirs = new Set<string>();

function fontFiles(fontDir: string): string[] {
  return Object.values(SLIP_FONT_FILES).map((file) => path.join(path.resolve(fontDir), file));
}

function fontError(file: string): AppError {
  return new AppError('SLIP_RENDER_FAILED', { details: `font ${file} missing or unreadable` });
}

function registerFonts(fontDir: string): void {
  const dir = path.resolve(fontDir);
  if (registeredDirs.has(dir)) return;
  for (const full of fontFiles(dir)) {
    // registerFromPath answers null for a file it cannot read; say which one instead.
    if (!skia().GlobalFonts.registerFromPath(full, FAMILY)) throw fontError(full);
  }
  registeredDirs.add(dir);
}

interface Segment {
  text: string;
  bold: boolean;
}

type Op =
  | { kind: 'text'; lines: Segment[][]; fontSize: number; align: TextAlign }
  | { kind: 'rule'; style: 'solid' | 'dashed' }
  | { kind: 'space'; dots: number }
  | {
      kind: 'qr';
      text: string;
      moduleSize: number;
      modules: { size: number; get(row: number, col: number): number | boolean };
      native: boolean;
    };

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/**
 * Renders layout blocks to greyscale at the paper's dot width with the shipped font (Skia through
 * @napi-rs/canvas). Black on white only, so the red channel is the grey level.
 */
export class SlipRenderer {
  private measureContext: SKRSContext2D | null = null;

  /** A missing font file is refused here; Skia loads and registers the fonts with the first slip. */
  constructor(private readonly fontDir: string) {
    const missing = fontFiles(fontDir).find((file) => !fs.existsSync(file));
    if (missing) throw fontError(missing);
  }

  private get measure(): SKRSContext2D {
    if (!this.measureContext) {
      registerFonts(this.fontDir);
      this.measureContext = skia().createCanvas(1, 1).getContext('2d');
    }
    return this.measureContext;
  }

  render(blocks: readonly SlipBlock[], options: SlipRenderOptions): RenderedPart[] {
    const width = PAPER_DOTS[options.paper];
    const ops = blocks.map((block) => this.plan(block, width, options));
    const parts: RenderedPart[] = [];
    let run: Op[] = [];
    const flush = () => {
      if (run.length > 0) parts.push({ kind: 'image', image: this.draw(run, width) });
      run = [];
    };
    for (const op of ops) {
      if (op.kind === 'qr' && op.native) {
        flush();
        parts.push({ kind: 'qr', text: op.text, moduleSize: op.moduleSize });
      } else {
        run.push(op);
      }
    }
    flush();
    return parts;
  }

  private font(size: number, bold: boolean): string {
    return `${bold ? 'bold ' : ''}${size}px ${FAMILY}`;
  }

  private width(text: string, size: number, bold: boolean): number {
    this.measure.font = this.font(size, bold);
    return this.measure.measureText(text).width;
  }

  private plan(block: SlipBlock, width: number, options: SlipRenderOptions): Op {
    switch (block.kind) {
      case 'rule':
      case 'space':
        return block;
      case 'text': {
        const fontSize = FONT_DOTS[options.paper][block.size];
        return {
          kind: 'text',
          lines: this.wrap(block.runs, fontSize, width - 2 * MARGIN_DOTS, block.maxLines),
          fontSize,
          align: block.align,
        };
      }
      case 'qr': {
        let symbol: QRCode.QRCode;
        try {
          symbol = qrcode().create(block.text, { errorCorrectionLevel: options.qrErrorLevel });
        } catch (error) {
          throw new AppError('FORM_BARCODE_FAILED', { value: block.text, details: error instanceof Error ? error.message : String(error) });
        }
        const fit = Math.floor(width / (symbol.modules.size + 2 * QR_QUIET_MODULES));
        const moduleSize = Math.min(block.moduleDots, fit, 16);
        if (moduleSize < 2)
          throw new AppError('FORM_BARCODE_FAILED', {
            value: block.text,
            details: `QR of ${symbol.modules.size} modules does not fit ${width} dots`,
          });
        const native = options.qr === 'native' && isNativeQrSafe(block.text);
        return { kind: 'qr', text: block.text, moduleSize, modules: symbol.modules, native };
      }
    }
  }

  /** Greedy word wrap over bold/regular runs; a word wider than the line breaks between letters. */
  private wrap(runs: readonly TextRun[], size: number, maxWidth: number, maxLines: number): Segment[][] {
    const words: Segment[] = [];
    for (const run of runs) {
      for (const word of run.text.split(/\s+/).filter(Boolean)) words.push({ text: word, bold: run.bold });
    }
    const lines: Segment[][] = [];
    let line: Segment[] = [];
    let lineWidth = 0;
    const push = (segment: Segment, segmentWidth: number) => {
      const last = line.at(-1);
      const gap = line.length > 0 ? ' ' : '';
      if (last && last.bold === segment.bold) last.text += gap + segment.text;
      else line.push({ text: gap + segment.text, bold: segment.bold });
      lineWidth += segmentWidth;
    };
    for (const word of words) {
      const wordWidth = this.width(word.text, size, word.bold);
      const spaceWidth = line.length > 0 ? this.width(' ', size, word.bold) : 0;
      if (lineWidth + spaceWidth + wordWidth <= maxWidth) {
        push(word, spaceWidth + wordWidth);
        continue;
      }
      if (line.length > 0) lines.push(line);
      line = [];
      lineWidth = 0;
      if (wordWidth <= maxWidth) {
        push(word, wordWidth);
        continue;
      }
      let piece = '';
      for (const { segment } of graphemes.segment(word.text)) {
        if (piece && this.width(piece + segment, size, word.bold) > maxWidth) {
          lines.push([{ text: piece, bold: word.bold }]);
          piece = '';
        }
        piece += segment;
      }
      push({ text: piece, bold: word.bold }, this.width(piece, size, word.bold));
    }
    if (line.length > 0) lines.push(line);
    if (lines.length <= maxLines) return lines;
    const kept = lines.slice(0, maxLines);
    const last = kept[maxLines - 1]!;
    const tail = last.at(-1)!;
    const full = () => last.reduce((w, s) => w + this.width(s.text, size, s.bold), 0) + this.width('…', size, tail.bold);
    while (tail.text.length > 1 && full() > maxWidth)
      tail.text = Array.from(graphemes.segment(tail.text), (g) => g.segment)
        .slice(0, -1)
        .join('');
    tail.text = `${tail.text.trimEnd()}…`;
    return kept;
  }

  private height(op: Op): number {
    switch (op.kind) {
      case 'text':
        return op.lines.length * Math.round(op.fontSize * LINE_HEIGHT_EM);
      case 'rule':
        return 16;
      case 'space':
        return op.dots;
      case 'qr':
        return (op.modules.size + 2 * QR_QUIET_MODULES) * op.moduleSize;
    }
  }

  private draw(ops: readonly Op[], width: number): GrayImage {
    const height = ops.reduce((h, op) => h + this.height(op), 0);
    registerFonts(this.fontDir);
    const canvas = skia().createCanvas(width, Math.max(1, height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, Math.max(1, height));
    ctx.fillStyle = '#000000';
    ctx.textBaseline = 'alphabetic';
    let top = 0;
    for (const op of ops) {
      if (op.kind === 'text') this.drawText(ctx, op, top, width);
      else if (op.kind === 'rule') this.drawRule(ctx, op.style, top + 7, width);
      else if (op.kind === 'qr') this.drawQr(ctx, op, top, width);
      top += this.height(op);
    }
    const rgba = ctx.getImageData(0, 0, width, Math.max(1, height)).data;
    const pixels = new Uint8Array(width * height);
    for (let i = 0; i < pixels.length; i++) pixels[i] = rgba[i * 4]!;
    return { width, height, pixels };
  }

  private drawText(ctx: SKRSContext2D, op: Extract<Op, { kind: 'text' }>, top: number, width: number): void {
    const lineHeight = Math.round(op.fontSize * LINE_HEIGHT_EM);
    op.lines.forEach((line, index) => {
      const widths = line.map((s) => this.width(s.text, op.fontSize, s.bold));
      const total = widths.reduce((a, b) => a + b, 0);
      let x = op.align === 'left' ? MARGIN_DOTS : op.align === 'right' ? width - MARGIN_DOTS - total : Math.round((width - total) / 2);
      const baseline = top + index * lineHeight + Math.round(op.fontSize * BASELINE_EM);
      line.forEach((segment, i) => {
        ctx.font = this.font(op.fontSize, segment.bold);
        ctx.fillText(segment.text, x, baseline);
        x += widths[i]!;
      });
    });
  }

  private drawRule(ctx: SKRSContext2D, style: 'solid' | 'dashed', y: number, width: number): void {
    if (style === 'solid') {
      ctx.fillRect(MARGIN_DOTS, y, width - 2 * MARGIN_DOTS, 2);
      return;
    }
    for (let x = MARGIN_DOTS; x < width - MARGIN_DOTS; x += 14) ctx.fillRect(x, y, Math.min(8, width - MARGIN_DOTS - x), 2);
  }

  private drawQr(ctx: SKRSContext2D, op: Extract<Op, { kind: 'qr' }>, top: number, width: number): void {
    const { size } = op.modules;
    const m = op.moduleSize;
    const left = Math.floor((width - size * m) / 2);
    const y0 = top + QR_QUIET_MODULES * m;
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        if (op.modules.get(row, col)) ctx.fillRect(left + col * m, y0 + row * m, m, m);
      }
    }
  }
}
