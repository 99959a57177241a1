import bwipjs from 'bwip-js/node';
import QRCode from 'qrcode';
import sharp, { type Sharp } from 'sharp';
import { seededRandom } from '../../electron/core/demo/demo-people';
import { formatDossierCode } from '../../shared/domain/dossier-code';
import { separatorPayload } from '../../shared/digitize/separator-code';

/**
 * The barcode corpus of issue 3 §8, generated at test/bench time and never committed: the codes a
 * counter meets on paper (dossier-code QRs on receipts, CCCD QRs with Vietnamese UTF-8, separator
 * sheets, Code 128 receipt codes) under the distortions of a real scan. A seeded PRNG keeps every
 * run identical, so rates are comparable and a threshold test cannot flake.
 */

export type PayloadKind = 'dossier-qr' | 'cccd-qr' | 'separator-qr' | 'receipt-code128' | 'label-datamatrix';

export interface CorpusPayload {
  kind: PayloadKind;
  symbology: 'qr' | 'code128' | 'datamatrix';
  text: string;
}

export interface CorpusImage {
  name: string;
  kind: PayloadKind;
  distortion: string;
  expectedText: string;
  /** PNG, or JPEG for the JPEG'd distortions. */
  image: Buffer;
}

export const CORPUS_PAYLOADS: CorpusPayload[] = [
  { kind: 'dossier-qr', symbology: 'qr', text: formatDossierCode({ agencyCode: '000.00.06.H56', date: '2026-11-25', sequence: 17 }) },
  { kind: 'dossier-qr', symbology: 'qr', text: formatDossierCode({ agencyCode: '000.21.31.H29', date: '2026-01-02', sequence: 9999 }) },
  {
    kind: 'cccd-qr',
    symbology: 'qr',
    text: '001199012345|123456789|Nguyễn Thị Hồng Nhung|01011999|Nữ|Số 12 ngõ 34, Phường Điện Biên, Quận Ba Đình, Hà Nội|15082021',
  },
  {
    kind: 'cccd-qr',
    symbology: 'qr',
    // Cards issued since 01/07/2024 append four empty fields (docs/domain.md §7.2).
    text: '079204001122||Trần Văn Đức|20022004|Nam|Ấp Phước Lợi, Xã Phước Kiển, Huyện Nhà Bè, Thành phố Hồ Chí Minh|01072024||||',
  },
  { kind: 'separator-qr', symbology: 'qr', text: separatorPayload('TP-KS-01') },
  { kind: 'separator-qr', symbology: 'qr', text: separatorPayload('GIAY-CHUNG-SINH') },
  {
    kind: 'receipt-code128',
    symbology: 'code128',
    text: formatDossierCode({ agencyCode: '000.00.06.H56', date: '2026-11-25', sequence: 42 }),
  },
  { kind: 'receipt-code128', symbology: 'code128', text: 'BN-2026-000731' },
  // Labels from other systems (archive boxes, postal receipts) carry Data Matrix.
  {
    kind: 'label-datamatrix',
    symbology: 'datamatrix',
    text: formatDossierCode({ agencyCode: '000.00.06.H56', date: '2026-11-25', sequence: 108 }),
  },
  { kind: 'label-datamatrix', symbology: 'datamatrix', text: 'LT-2026-HN-0004512' },
];

/** The symbol at `scale` px per module (QR) or per narrow bar (Code 128), with its quiet zone. */
async function symbolPng(payload: CorpusPayload, scale: number): Promise<Buffer> {
  if (payload.symbology === 'qr') {
    // Byte mode of the UTF-8 bytes, as the receipts and separator sheets are printed (docs/devices.md §2.1).
    return QRCode.toBuffer([{ data: Buffer.from(payload.text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M', margin: 4, scale });
  }
  if (payload.symbology === 'datamatrix') {
    return bwipjs.toBuffer({ bcid: 'datamatrix', text: payload.text, scale, paddingwidth: 4, paddingheight: 4, backgroundcolor: 'FFFFFF' });
  }
  return bwipjs.toBuffer({
    bcid: 'code128',
    text: payload.text,
    scale,
    height: 10,
    paddingwidth: 12,
    paddingheight: 4,
    backgroundcolor: 'FFFFFF',
  });
}

/** Intermediate images stay raw greyscale: encoding a noisy A4 page to PNG between steps costs seconds. */
interface Gray {
  data: Buffer;
  width: number;
  height: number;
}

const rawOf = (gray: Gray) => sharp(gray.data, { raw: { width: gray.width, height: gray.height, channels: 1 } });

async function toGray(pipeline: Sharp): Promise<Gray> {
  const { data, info } = await pipeline.flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const decoded = (png: Buffer): Promise<Gray> => toGray(sharp(png));
const png = (gray: Gray): Promise<Buffer> => rawOf(gray).png({ compressionLevel: 1 }).toBuffer();
const jpeg = (gray: Gray, quality: number): Promise<Buffer> => rawOf(gray).jpeg({ quality }).toBuffer();
const rotated = (gray: Gray, degrees: number): Promise<Gray> => toGray(rawOf(gray).rotate(degrees, { background: '#ffffff' }));

/** Gaussian sensor noise. Samples come from a seeded table: Box–Muller per pixel of an A4 page takes seconds. */
function withNoise(gray: Gray, sigma: number, seed: number): Gray {
  const random = seededRandom(seed);
  const table = Float64Array.from({ length: 4096 }, () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random()));
  const data = Buffer.alloc(gray.data.length);
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.max(0, Math.min(255, Math.round(gray.data[i]! + table[(random() * 4096) | 0]! * sigma)));
  }
  return { ...gray, data };
}

const A4_300DPI = { width: 2480, height: 3508 };

const PAGE_LINES = [
  'UỶ BAN NHÂN DÂN PHƯỜNG ĐIỆN BIÊN',
  'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
  'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  'Tiếp nhận hồ sơ của: Bà Nguyễn Thị Hồng Nhung',
  'Địa chỉ: Số 12 ngõ 34, Phường Điện Biên, Quận Ba Đình, Hà Nội',
  'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
  'Thành phần hồ sơ: Tờ khai đăng ký khai sinh; Giấy chứng sinh',
  'Thời gian giải quyết theo quy định: 01 ngày làm việc',
  'Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 25 tháng 11 năm 2026',
  'Người nộp hồ sơ (ký và ghi rõ họ tên)      Người tiếp nhận hồ sơ',
];

let textPage: Promise<Buffer> | null = null;

/** The printed text of the A4 page, rendered once per run. */
function a4TextPage(): Promise<Buffer> {
  const lines = PAGE_LINES.map(
    (line, index) => `<text x="200" y="${250 + index * 95}" font-family="DejaVu Sans" font-size="42">${line}</text>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${A4_300DPI.width}" height="${A4_300DPI.height}"><rect width="100%" height="100%" fill="#ffffff"/>${lines}</svg>`;
  textPage ??= sharp(Buffer.from(svg)).png({ compressionLevel: 1 }).toBuffer();
  return textPage;
}

/** A printed A4 page at 300 dpi with text and the symbol somewhere below the text. */
async function onA4Page(symbol: Buffer, seed: number): Promise<Gray> {
  const random = seededRandom(seed);
  const meta = await sharp(symbol).metadata();
  const left = Math.round(150 + random() * (A4_300DPI.width - 300 - meta.width!));
  const top = Math.round(1300 + random() * (A4_300DPI.height - 1450 - meta.height!));
  return toGray(sharp(await a4TextPage()).composite([{ input: symbol, left, top }]));
}

interface Distortion {
  name: string;
  /** Module size the symbol is drawn at before the distortion. */
  scale: number;
  /** The symbol's PNG in, the image as a scanner or file would deliver it out. */
  apply: (symbol: Buffer, seed: number) => Promise<Buffer>;
}

const asIs = async (symbol: Buffer): Promise<Buffer> => symbol;

/**
 * Dark and light levels of codes printed pale: toner running out, grey-on-grey forms, colour
 * stock. Issue 11 §4 met 140/200 and 160/205; the others spread around them, down to 40 levels apart.
 */
export const LOW_CONTRAST_PAIRS: ReadonlyArray<readonly [dark: number, light: number]> = [
  [140, 200],
  [160, 205],
  [100, 170],
  [120, 180],
  [175, 225],
  [150, 190],
  [80, 140],
  [185, 230],
  [130, 215],
];

const pairFor = (seed: number) => LOW_CONTRAST_PAIRS[seed % LOW_CONTRAST_PAIRS.length]!;

/** Black maps to `dark`, white to `light`. */
function recoloured(gray: Gray, dark: number, light: number): Gray {
  const data = Buffer.alloc(gray.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(dark + (gray.data[i]! / 255) * (light - dark));
  return { ...gray, data };
}

/** Graphite or a worn ribbon: some pixels of each dark module barely take the ink, edges soften. */
function pencilled(gray: Gray, light: number, seed: number): Gray {
  const random = seededRandom(seed);
  const data = Buffer.from(gray.data);
  for (let i = 0; i < data.length; i++)
    if (data[i]! < light - 10 && random() < 0.3) data[i] = Math.round(light - (light - data[i]!) * 0.45);
  return { ...gray, data };
}

/** A printed A4 page in the code's own pale ink and paper, with the code somewhere on it. */
async function onPaleA4Page(symbol: Buffer, seed: number, dark: number, light: number): Promise<Gray> {
  return recoloured(await onA4Page(symbol, seed), dark, light);
}
const turned = (degrees: number) => async (symbol: Buffer) => png(await rotated(await decoded(symbol), degrees));

export const DISTORTIONS: Distortion[] = [
  { name: 'clean', scale: 4, apply: asIs },
  { name: 'large-modules', scale: 10, apply: asIs },
  { name: 'small-modules', scale: 2, apply: asIs },
  { name: 'rotate-90', scale: 4, apply: turned(90) },
  { name: 'rotate-180', scale: 4, apply: turned(180) },
  { name: 'rotate-7', scale: 4, apply: turned(7) },
  { name: 'rotate-23', scale: 4, apply: turned(23) },
  { name: 'rotate-45', scale: 5, apply: turned(45) },
  { name: 'rotate-137', scale: 5, apply: turned(137) },
  { name: 'noise', scale: 4, apply: async (symbol, seed) => png(withNoise(await decoded(symbol), 40, seed)) },
  { name: 'blur', scale: 5, apply: async (symbol) => png(await toGray(sharp(symbol).flatten({ background: '#ffffff' }).blur(1.5))) },
  { name: 'jpeg-q15', scale: 4, apply: async (symbol) => jpeg(await decoded(symbol), 15) },
  {
    name: 'low-contrast',
    scale: 4,
    apply: async (symbol) => png(await toGray(sharp(symbol).flatten({ background: '#ffffff' }).linear(0.3, 165))),
  },
  // The low-contrast class (issue 11 §4): several contrast pairs, module sizes, angles and places.
  { name: 'low-contrast-pairs', scale: 4, apply: async (symbol, seed) => png(recoloured(await decoded(symbol), ...pairFor(seed))) },
  { name: 'low-contrast-small', scale: 3, apply: async (symbol, seed) => png(recoloured(await decoded(symbol), ...pairFor(seed + 3))) },
  {
    name: 'low-contrast-turned',
    scale: 5,
    apply: async (symbol, seed) => {
      const [dark, light] = pairFor(seed + 5);
      return png(recoloured(await rotated(await decoded(symbol), 11 + ((seed * 37) % 150)), dark, light));
    },
  },
  {
    name: 'low-contrast-a4',
    scale: 6,
    apply: async (symbol, seed) => jpeg(withNoise(await onPaleA4Page(symbol, seed, ...pairFor(seed + 1)), 3, seed + 1), 75),
  },
  {
    name: 'faint-pencil',
    scale: 5,
    // Traced or printed faint, grainy and a little soft, at a small angle, scanned with some noise.
    apply: async (symbol, seed) => {
      const dark = 150 + (seed % 4) * 10;
      const light = 236 + (seed % 3) * 4;
      const grainy = pencilled(recoloured(await decoded(symbol), dark, light), light, seed);
      const soft = await toGray(rawOf(grainy).blur(0.7).extractChannel(0));
      return png(withNoise(await rotated(soft, ((seed * 13) % 17) - 8), 4, seed + 2));
    },
  },
  { name: 'a4-page', scale: 6, apply: async (symbol, seed) => png(await onA4Page(symbol, seed)) },
  // A code printed sideways in a page's margin: cleanup turns the page upright, not the code.
  { name: 'a4-page-sideways', scale: 6, apply: async (symbol, seed) => png(await onA4Page(await turned(90)(symbol), seed)) },
  {
    name: 'a4-scan',
    scale: 6,
    // What a flatbed or ADF hands over: the page a little skewed, sensor noise, JPEG at the driver's default.
    apply: async (symbol, seed) => jpeg(withNoise(await rotated(await onA4Page(symbol, seed), 2.5), 12, seed + 1), 60),
  },
];

/** All corpus images, one at a time so a bench never holds dozens of A4 pages in memory. */
export async function* barcodeCorpus(): AsyncGenerator<CorpusImage> {
  let seed = 1;
  for (const distortion of DISTORTIONS) {
    for (const [index, payload] of CORPUS_PAYLOADS.entries()) {
      const symbol = await symbolPng(payload, distortion.scale);
      yield {
        name: `${distortion.name}/${payload.kind}-${index}`,
        kind: payload.kind,
        distortion: distortion.name,
        expectedText: payload.text,
        image: await distortion.apply(symbol, seed++),
      };
    }
  }
}
