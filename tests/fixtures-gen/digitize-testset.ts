/**
 * The digitization quality test set (issue 3): an A4 Vietnamese administrative letter rendered at
 * 300 dpi with DejaVu Sans, then degraded the ways real scans are — skewed, turned, noisy, JPEG'd,
 * lying on a dark scanner bed — plus blank sheets, clean and dusty. Every page comes from a seeded
 * generator, so a failing test reproduces byte for byte; nothing is committed, pages are made at
 * test time.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import sharp, { type Sharp } from 'sharp';
import { seededRandom } from '../../electron/core/demo/demo-people';

export const TESTSET_DPI = 300;
const A4_WIDTH_PX = Math.round((210 / 25.4) * TESTSET_DPI);
const A4_HEIGHT_PX = Math.round((297 / 25.4) * TESTSET_DPI);
const FONT_FAMILY = 'TestsetDejaVu';
const fontsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'build', 'fonts');

/** The letter's lines; `GROUND_TRUTH` is what an ideal OCR returns for a clean page. */
export const LETTER_LINES: ReadonlyArray<{ text: string; size: number; bold?: boolean; center?: boolean }> = [
  { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 13, bold: true, center: true },
  { text: 'Độc lập - Tự do - Hạnh phúc', size: 13, bold: true, center: true },
  { text: 'TỜ KHAI ĐĂNG KÝ KHAI SINH', size: 15, bold: true, center: true },
  { text: 'Kính gửi: Ủy ban nhân dân phường Hoàn Kiếm, thành phố Hà Nội', size: 12 },
  { text: 'Họ và tên: Nguyễn Thị Hương', size: 12 },
  { text: 'Ngày, tháng, năm sinh: 14/03/1988', size: 12 },
  { text: 'Số định danh cá nhân: 001188012345', size: 12 },
  { text: 'Nơi cư trú: số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội', size: 12 },
  { text: 'Quan hệ với người được khai sinh: Mẹ', size: 12 },
  { text: 'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:', size: 12 },
  { text: 'Họ, chữ đệm, tên: Trần Minh Đức', size: 12 },
  { text: 'Ngày, tháng, năm sinh: 02/11/2026', size: 12 },
  { text: 'Giới tính: Nam    Dân tộc: Kinh    Quốc tịch: Việt Nam', size: 12 },
  { text: 'Nơi sinh: Bệnh viện Phụ sản Hà Nội', size: 12 },
  { text: 'Quê quán: xã Đông Hưng, tỉnh Thái Bình', size: 12 },
  { text: 'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật,', size: 12 },
  { text: 'được sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.', size: 12 },
  { text: 'Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.', size: 12 },
  { text: 'Làm tại: Hà Nội, ngày 25 tháng 11 năm 2026', size: 12 },
  { text: 'Người yêu cầu (ký, ghi rõ họ tên)', size: 12, bold: true },
  { text: 'Nguyễn Thị Hương', size: 12 },
];

export const GROUND_TRUTH = LETTER_LINES.map((line) => line.text).join('\n');

export type TestPageKind =
  | 'clean'
  | 'skewed'
  | 'rotated-90'
  | 'rotated-270'
  | 'rotated-180'
  | 'noisy'
  | 'jpeg'
  | 'on-scanner-bed'
  | 'blank'
  | 'blank-dusty';

export interface TestPage {
  name: string;
  kind: TestPageKind;
  /** Encoded page as a scanner or file would deliver it. */
  bytes: Buffer;
  mediaType: 'image/png' | 'image/jpeg';
  resolutionDpi: number;
  blank: boolean;
  /** Counter-clockwise skew applied, in degrees (0 when none). */
  skewDeg: number;
  /** Clockwise quarter turn that makes the page upright again. */
  uprightTurn: 0 | 90 | 180 | 270;
}

function ensureFont(): void {
  if (GlobalFonts.has(FONT_FAMILY)) return;
  GlobalFonts.registerFromPath(path.join(fontsDir, 'DejaVuSans.ttf'), FONT_FAMILY);
  GlobalFonts.registerFromPath(path.join(fontsDir, 'DejaVuSans-Bold.ttf'), FONT_FAMILY);
}

const pt = (points: number): number => (points / 72) * TESTSET_DPI;

function drawLetter(ctx: SKRSContext2D): void {
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  const left = pt(72);
  let y = pt(90);
  for (const line of LETTER_LINES) {
    ctx.font = `${line.bold ? 'bold ' : ''}${pt(line.size)}px ${FONT_FAMILY}`;
    const x = line.center ? (A4_WIDTH_PX - ctx.measureText(line.text).width) / 2 : left;
    ctx.fillText(line.text, x, y);
    y += pt(line.size) * (line.center ? 1.9 : 2.1);
  }
  // A form's dotted fill lines and a stamp-like box: what a real administrative page also carries.
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 3;
  ctx.strokeRect(A4_WIDTH_PX - pt(220), y + pt(10), pt(150), pt(80));
}

/** Grey raw pixels of the page, drawn with a counter-clockwise skew of `skewDeg`. */
function renderPage(options: { text: boolean; skewDeg: number }): Buffer {
  ensureFont();
  const canvas = createCanvas(A4_WIDTH_PX, A4_HEIGHT_PX);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, A4_WIDTH_PX, A4_HEIGHT_PX);
  if (options.text) {
    ctx.translate(A4_WIDTH_PX / 2, A4_HEIGHT_PX / 2);
    ctx.rotate((-options.skewDeg * Math.PI) / 180);
    ctx.translate(-A4_WIDTH_PX / 2, -A4_HEIGHT_PX / 2);
    drawLetter(ctx);
  }
  const rgba = canvas.data();
  const grey = Buffer.alloc(A4_WIDTH_PX * A4_HEIGHT_PX);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4 + 1]!;
  return grey;
}

function addNoise(grey: Buffer, seed: number, amplitude: number): void {
  const random = seededRandom(seed);
  for (let i = 0; i < grey.length; i++) {
    const noise = (random() + random() + random() - 1.5) * amplitude;
    grey[i] = Math.max(0, Math.min(255, grey[i]! + noise));
  }
}

/** Scanner dust: a few dozen specks of 1–4 px and one short hair. */
function addDust(grey: Buffer, seed: number): void {
  const random = seededRandom(seed);
  for (let n = 0; n < 40; n++) {
    const cx = Math.floor(random() * A4_WIDTH_PX);
    const cy = Math.floor(random() * A4_HEIGHT_PX);
    const r = 1 + Math.floor(random() * 3);
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x >= 0 && y >= 0 && x < A4_WIDTH_PX && y < A4_HEIGHT_PX && dx * dx + dy * dy <= r * r) grey[y * A4_WIDTH_PX + x] = 60;
      }
    }
  }
  const hx = Math.floor(A4_WIDTH_PX * 0.6);
  const hy = Math.floor(A4_HEIGHT_PX * 0.3);
  for (let i = 0; i < 120; i++) grey[(hy + Math.floor(i / 4)) * A4_WIDTH_PX + hx + i] = 90;
}

const raw = (grey: Buffer, width = A4_WIDTH_PX, height = A4_HEIGHT_PX) => sharp(grey, { raw: { width, height, channels: 1 } });

async function png(image: Sharp): Promise<Buffer> {
  return image.png({ compressionLevel: 1 }).toBuffer();
}

/** The page lying on a dark grey scanner bed, 4 % margin each side, as flatbeds scan full-bed. */
async function onScannerBed(grey: Buffer): Promise<Buffer> {
  const margin = Math.round(A4_WIDTH_PX * 0.04);
  return png(raw(grey).extend({ top: margin, bottom: margin, left: margin, right: margin, background: { r: 40, g: 40, b: 40 } }));
}

interface PageSpec {
  name: string;
  kind: TestPageKind;
  skewDeg?: number;
  seed?: number;
}

/** The standard set: 4 skews in 1–4°, both quarter turns, noise, JPEG, scanner bed, 3 blanks. */
export const STANDARD_SET: PageSpec[] = [
  { name: 'clean', kind: 'clean' },
  { name: 'skew-plus-1.2', kind: 'skewed', skewDeg: 1.2 },
  { name: 'skew-minus-2.5', kind: 'skewed', skewDeg: -2.5 },
  { name: 'skew-plus-3.7', kind: 'skewed', skewDeg: 3.7 },
  { name: 'skew-minus-4', kind: 'skewed', skewDeg: -4 },
  { name: 'rotated-90', kind: 'rotated-90' },
  { name: 'rotated-270', kind: 'rotated-270' },
  { name: 'rotated-180', kind: 'rotated-180' },
  { name: 'noisy', kind: 'noisy', seed: 7 },
  { name: 'jpeg-q35', kind: 'jpeg' },
  { name: 'scanner-bed', kind: 'on-scanner-bed', skewDeg: 1.5 },
  { name: 'blank', kind: 'blank' },
  { name: 'blank-noisy', kind: 'blank', seed: 11 },
  { name: 'blank-dusty', kind: 'blank-dusty', seed: 13 },
];

export async function makeTestPage(spec: PageSpec): Promise<TestPage> {
  const skewDeg = spec.skewDeg ?? 0;
  const blank = spec.kind === 'blank' || spec.kind === 'blank-dusty';
  const grey = renderPage({ text: !blank, skewDeg });
  if (spec.seed !== undefined) addNoise(grey, spec.seed, spec.kind === 'noisy' ? 70 : 30);
  if (spec.kind === 'blank-dusty') addDust(grey, spec.seed ?? 1);
  const base = { name: spec.name, kind: spec.kind, resolutionDpi: TESTSET_DPI, blank, skewDeg } as const;
  switch (spec.kind) {
    case 'rotated-90':
      // Scanned turned a quarter counter-clockwise: a clockwise quarter turn puts it upright.
      return { ...base, bytes: await png(raw(grey).rotate(270)), mediaType: 'image/png', uprightTurn: 90 };
    case 'rotated-270':
      return { ...base, bytes: await png(raw(grey).rotate(90)), mediaType: 'image/png', uprightTurn: 270 };
    case 'rotated-180':
      return { ...base, bytes: await png(raw(grey).rotate(180)), mediaType: 'image/png', uprightTurn: 180 };
    case 'jpeg':
      return { ...base, bytes: await raw(grey).jpeg({ quality: 35 }).toBuffer(), mediaType: 'image/jpeg', uprightTurn: 0 };
    case 'on-scanner-bed':
      return { ...base, bytes: await onScannerBed(grey), mediaType: 'image/png', uprightTurn: 0 };
    default:
      return { ...base, bytes: await png(raw(grey)), mediaType: 'image/png', uprightTurn: 0 };
  }
}

export async function makeStandardSet(): Promise<TestPage[]> {
  const pages: TestPage[] = [];
  for (const spec of STANDARD_SET) pages.push(await makeTestPage(spec));
  return pages;
}

/** One spec by name from the standard set, for tests that need a single page. */
export function standardSpec(name: string): PageSpec {
  const spec = STANDARD_SET.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`no test page named ${name}`);
  return spec;
}
