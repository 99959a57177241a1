import QRCode from 'qrcode';
import sharp, { type Sharp } from 'sharp';
import { seededRandom } from '../../electron/core/demo/demo-people';

/**
 * Pages the blank-page test must get right on both sides (issue 11 §4), generated at test time from
 * a seed: faint pages that carry something (pencil notes, light photocopies, a pale code printed grey
 * on grey) and truly blank sheets that only carry what paper and scanners add (texture, sensor noise,
 * punched holes, text bleeding through from the back). Each class comes in several variants — other
 * text, other contrast, other size and place — so a threshold that passes is not tuned to one sample.
 */

export interface FaintPage {
  name: string;
  /** True for a sheet with nothing written or printed on its face. */
  blank: boolean;
  /** The text of the code on the page, for pages that carry one. */
  code?: string;
  bytes: Buffer;
  resolutionDpi: 300;
}

const WIDTH = 2480;
const HEIGHT = 3508;
const MM = 300 / 25.4;

const NOTES = [
  ['Đã nhận đủ hồ sơ, hẹn trả ngày 12/12', 'Liên hệ chị Lan - 0912 345 678'],
  ['Bổ sung bản sao giấy chứng sinh', 'Kiểm tra lại số định danh cá nhân', 'Ký nhận: Trần Văn Bình'],
  ['Nộp lệ phí 8.000 đồng'],
  [
    'Ghi chú của cán bộ tiếp nhận:',
    'Người nộp đã được hướng dẫn bổ sung giấy tờ',
    'Số điện thoại liên hệ: 0243 825 1234',
    'Ngày 03 tháng 12 năm 2026',
  ],
];

const LETTER = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC',
  'Kính gửi: Ủy ban nhân dân xã Đông Hưng',
  'Họ và tên người yêu cầu: Phạm Thị Mai',
  'Số định danh cá nhân: 034190006789',
  'Nơi cư trú: thôn Đoài, xã Đông Hưng, tỉnh Thái Bình',
  'Đề nghị cấp bản sao trích lục khai sinh cho: Phạm Minh Khôi',
  'Số lượng bản sao: 02 bản',
  'Tôi cam đoan những nội dung trên đây là đúng sự thật.',
];

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function textSvg(
  lines: string[],
  options: { x: number; y: number; size: number; gap: number; ink: number; italic?: boolean; mirror?: boolean },
): Buffer {
  const fill = `rgb(${options.ink},${options.ink},${options.ink})`;
  const body = lines
    .map(
      (line, i) =>
        `<text x="${options.x}" y="${options.y + i * options.gap}" font-family="DejaVu Sans" font-size="${options.size}"${options.italic ? ' font-style="italic"' : ''} fill="${fill}">${escapeXml(line)}</text>`,
    )
    .join('');
  const group = options.mirror ? `<g transform="translate(${WIDTH},0) scale(-1,1)">${body}</g>` : body;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${group}</svg>`);
}

async function greyOf(image: Sharp): Promise<Buffer> {
  return image.flatten({ background: '#ffffff' }).greyscale().raw().toBuffer();
}

const rawImage = (grey: Buffer) => sharp(grey, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } });

/** Paper of one tone, or with the slow blotches of real paper (± `texture` levels) and a few fibres. */
async function paper(tone: number, texture: number, random: () => number): Promise<Buffer> {
  if (texture === 0) return Buffer.alloc(WIDTH * HEIGHT, tone);
  const small = Buffer.alloc(62 * 88);
  for (let i = 0; i < small.length; i++) small[i] = Math.round(128 + (random() * 2 - 1) * 127);
  const blotches = await sharp(small, { raw: { width: 62, height: 88, channels: 1 } })
    .resize(WIDTH, HEIGHT, { kernel: 'cubic' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const grey = Buffer.alloc(WIDTH * HEIGHT);
  for (let i = 0; i < grey.length; i++) grey[i] = Math.max(0, Math.min(255, Math.round(tone + ((blotches[i]! - 128) / 128) * texture)));
  // Fibres: short, thin, barely darker strokes scattered over the sheet.
  for (let n = 0; n < 300; n++) {
    const x0 = random() * WIDTH;
    const y0 = random() * HEIGHT;
    const angle = random() * Math.PI;
    const length = 20 + random() * 60;
    for (let t = 0; t < length; t++) {
      const x = Math.round(x0 + Math.cos(angle) * t);
      const y = Math.round(y0 + Math.sin(angle) * t);
      if (x >= 0 && y >= 0 && x < WIDTH && y < HEIGHT) grey[y * WIDTH + x] = Math.max(0, grey[y * WIDTH + x]! - texture * 1.5);
    }
  }
  return grey;
}

/** Ink drawn on white (255) laid onto the paper by multiplying, as ink absorbs light on any tone. */
function multiply(paperGrey: Buffer, inkGrey: Buffer): Buffer {
  const out = Buffer.alloc(paperGrey.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round((paperGrey[i]! * inkGrey[i]!) / 255);
  return out;
}

/** Gaussian-ish sensor noise (sum of three uniforms) of standard deviation `sigma`. */
function noisy(grey: Buffer, sigma: number, random: () => number): Buffer {
  const amplitude = sigma * 2;
  const out = Buffer.alloc(grey.length);
  for (let i = 0; i < out.length; i++)
    out[i] = Math.max(0, Math.min(255, Math.round(grey[i]! + (random() + random() + random() - 1.5) * amplitude)));
  return out;
}

/** Graphite leaves grain: a share of each stroke's pixels barely takes the pencil. */
function grainy(inkGrey: Buffer, dropout: number, random: () => number): Buffer {
  const out = Buffer.from(inkGrey);
  for (let i = 0; i < out.length; i++) if (out[i]! < 250 && random() < dropout) out[i] = Math.round(255 - (255 - out[i]!) * 0.4);
  return out;
}

/** Ink of level `ink` (0–255 on white) for `lines`, softened as a scan softens it. */
async function inkLayer(
  lines: string[],
  options: { x: number; y: number; size: number; gap: number; ink: number; italic?: boolean; mirror?: boolean; blur: number },
): Promise<Buffer> {
  const svg = sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#ffffff' } }).composite([
    { input: textSvg(lines, options) },
  ]);
  const grey = await greyOf(sharp(await svg.png({ compressionLevel: 1 }).toBuffer()));
  // sharp widens one raw band to sRGB on output unless the band is taken back out.
  return options.blur > 0 ? rawImage(grey).blur(options.blur).extractChannel(0).raw().toBuffer() : grey;
}

/** Punched holes: the scanner's dark backing seen through the sheet, with the hole's soft shadow. */
function punch(grey: Buffer, holes: Array<{ x: number; y: number }>, backing: number): Buffer {
  const out = Buffer.from(grey);
  const radius = 3 * MM;
  for (const hole of holes) {
    for (let y = Math.floor(hole.y - radius - 12); y <= hole.y + radius + 12; y++) {
      for (let x = Math.floor(hole.x - radius - 12); x <= hole.x + radius + 12; x++) {
        if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) continue;
        const d = Math.hypot(x - hole.x, y - hole.y);
        const i = y * WIDTH + x;
        if (d <= radius) out[i] = backing;
        else if (d <= radius + 12 && x > hole.x) out[i] = Math.round(out[i]! * (0.75 + 0.25 * ((d - radius) / 12)));
      }
    }
  }
  return out;
}

async function qrSymbol(text: string, scale: number, dark: number, light: number): Promise<Buffer> {
  const hex = (level: number) => `#${level.toString(16).padStart(2, '0').repeat(3)}ff`;
  return QRCode.toBuffer([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    margin: 4,
    scale,
    color: { dark: hex(dark), light: hex(light) },
  });
}

const png = (grey: Buffer) => rawImage(grey).png({ compressionLevel: 1 }).toBuffer();
const jpeg = (grey: Buffer, quality: number) => rawImage(grey).jpeg({ quality }).toBuffer();

interface PageRecipe {
  name: string;
  blank: boolean;
  code?: string;
  make: (random: () => number) => Promise<Buffer>;
}

/** A page-sized code printed pale on pale paper, alone on the sheet (the case of issue 11 §4). */
const faintCodePage = (
  name: string,
  text: string,
  dark: number,
  light: number,
  scale: number,
  left: number,
  top: number,
  noise: number,
): PageRecipe => ({
  name,
  blank: false,
  code: text,
  make: async (random) => {
    const symbol = await qrSymbol(text, scale, dark, light);
    const page = await greyOf(
      sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: { r: light, g: light, b: light } } }).composite([
        { input: symbol, left, top },
      ]),
    );
    return noise > 0 ? jpeg(noisy(page, noise, random), 75) : png(page);
  },
});

export const FAINT_PAGE_RECIPES: PageRecipe[] = [
  faintCodePage('faint-qr-140-200', 'QMC-TACH:TP-KS-01', 140, 200, 8, 900, 1300, 0),
  faintCodePage('faint-qr-160-205', '000.00.06.H56-261125-0017', 160, 205, 6, 300, 2500, 0),
  faintCodePage('faint-qr-175-220-noisy', 'QMC-TACH:GIAY-CHUNG-SINH', 175, 220, 10, 1500, 400, 3),
  faintCodePage('faint-qr-120-180-small', '000.21.31.H29-260102-9999', 120, 180, 4, 2000, 3100, 2),
  faintCodePage('faint-qr-150-210-corner', 'QMC-TACH:TP-KS-01', 150, 210, 4, 2100, 130, 2),
  {
    name: 'pencil-note',
    blank: false,
    make: async (random) => {
      const ink = grainy(await inkLayer(NOTES[0]!, { x: 300, y: 600, size: 52, gap: 110, ink: 120, italic: true, blur: 0.8 }), 0.3, random);
      return png(noisy(multiply(await paper(242, 4, random), ink), 2, random));
    },
  },
  {
    name: 'pencil-very-light',
    blank: false,
    make: async (random) => {
      const ink = grainy(await inkLayer(NOTES[1]!, { x: 400, y: 1500, size: 46, gap: 100, ink: 175, italic: true, blur: 1 }), 0.35, random);
      return png(noisy(multiply(await paper(245, 3, random), ink), 2, random));
    },
  },
  {
    name: 'pencil-one-line-cream',
    blank: false,
    make: async (random) => {
      const ink = grainy(
        await inkLayer(NOTES[2]!, { x: 1200, y: 3000, size: 48, gap: 100, ink: 150, italic: true, blur: 0.8 }),
        0.3,
        random,
      );
      return jpeg(multiply(await paper(232, 5, random), ink), 70);
    },
  },
  {
    name: 'light-photocopy',
    blank: false,
    make: async (random) => {
      const ink = await inkLayer(LETTER, { x: 250, y: 350, size: 44, gap: 120, ink: 165, blur: 0.6 });
      return jpeg(noisy(multiply(await paper(228, 3, random), ink), 5, random), 60);
    },
  },
  {
    name: 'light-photocopy-half-page',
    blank: false,
    make: async (random) => {
      const ink = await inkLayer(NOTES[3]!, { x: 300, y: 2200, size: 40, gap: 95, ink: 190, blur: 0.7 });
      return png(noisy(multiply(await paper(236, 2, random), ink), 4, random));
    },
  },
  { name: 'blank-paper-texture', blank: true, make: async (random) => png(await paper(238, 7, random)) },
  { name: 'blank-scanner-noise', blank: true, make: async (random) => png(noisy(Buffer.alloc(WIDTH * HEIGHT, 248), 14, random)) },
  {
    name: 'blank-punched-holes',
    blank: true,
    make: async (random) =>
      png(
        noisy(
          punch(
            await paper(244, 3, random),
            [
              { x: 12 * MM, y: HEIGHT / 2 - 40 * MM },
              { x: 12 * MM, y: HEIGHT / 2 + 40 * MM },
            ],
            35,
          ),
          3,
          random,
        ),
      ),
  },
  {
    name: 'blank-four-holes-grey-backing',
    blank: true,
    make: async (random) => {
      const holes = [-120, -40, 40, 120].map((offset) => ({ x: WIDTH / 2 + offset * MM, y: 12 * MM }));
      return jpeg(punch(await paper(240, 4, random), holes, 110), 70);
    },
  },
  {
    name: 'blank-bleed-through',
    blank: true,
    make: async (random) => {
      // The letter on the back, mirrored and diffused by the paper, about 20 levels deep.
      const through = await inkLayer(LETTER, { x: 250, y: 350, size: 44, gap: 120, ink: 232, mirror: true, blur: 3 });
      return png(noisy(multiply(await paper(246, 2, random), through), 3, random));
    },
  },
  {
    name: 'blank-bleed-through-holes-jpeg',
    blank: true,
    make: async (random) => {
      const through = await inkLayer(NOTES[3]!, { x: 300, y: 1200, size: 60, gap: 130, ink: 225, mirror: true, blur: 4 });
      const sheet = punch(
        multiply(await paper(240, 5, random), through),
        [
          { x: 12 * MM, y: 900 },
          { x: 12 * MM, y: 1900 },
        ],
        50,
      );
      return jpeg(noisy(sheet, 5, random), 60);
    },
  },
];

/** One page per recipe, made on demand so a test holds one A4 page at a time. */
export async function* faintPages(names?: string[]): AsyncGenerator<FaintPage> {
  for (const [index, recipe] of FAINT_PAGE_RECIPES.entries()) {
    if (names && !names.includes(recipe.name)) continue;
    const bytes = await recipe.make(seededRandom(1000 + index));
    yield { name: recipe.name, blank: recipe.blank, ...(recipe.code ? { code: recipe.code } : {}), bytes, resolutionDpi: 300 };
  }
}
