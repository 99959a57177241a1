/**
 * A broad generated corpus of Vietnamese A4 pages for the digitization quality benchmark and tests
 * (issue 11 §3): every page has its own text, drawn from a word list by a seeded generator, so
 * nothing is tuned to one sample. Classes are the documents a one-stop counter scans: letters in a
 * serif face at 12–16 pt, tables of people with 12-digit citizen ID numbers, yellowed paper sent as
 * a JPEG at quality 50, noisy and blurred scans, photocopies, pages with a red circular seal and a
 * blue signature, 200 dpi scans, and pages scanned turned a quarter, a half or three quarters.
 * Rendered with @napi-rs/canvas and the Debian fonts setup.sh installs (DejaVu, Noto); nothing is
 * committed, pages are made at run time.
 */
import fs from 'node:fs';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import sharp, { type Sharp } from 'sharp';
import { seededRandom } from '../../electron/core/demo/demo-people';

export const CORPUS_CLASSES = [
  'serif',
  'table',
  'yellow-jpeg',
  'noisy-blur',
  'photocopy',
  'stamp-signature',
  'dpi-200',
  'rotated-90',
  'rotated-180',
  'rotated-270',
] as const;
export type CorpusClass = (typeof CORPUS_CLASSES)[number];

export interface CorpusPage {
  name: string;
  pageClass: CorpusClass;
  bytes: Buffer;
  mediaType: 'image/png' | 'image/jpeg';
  resolutionDpi: number;
  /** The text an ideal OCR returns, line by line (seal and signature are not text). */
  truth: string;
  /** Clockwise quarter turn that puts the page upright. */
  uprightTurn: 0 | 90 | 180 | 270;
  /** Where the seal was drawn, in the upright page's pixels: its ink must stay red in the PDF. */
  stamp?: { cx: number; cy: number; radius: number };
  font: string;
  sizePt: number;
}

interface FontFace {
  family: string;
  regular: string;
  bold: string;
}

/** Serif faces as Vietnamese administrative documents use (Times-like); sans for the table pages too. */
const SERIF_FACES: FontFace[] = [
  { family: 'CorpusDejaVuSerif', regular: '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf' },
  { family: 'CorpusNotoSerif', regular: '/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf', bold: '/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf' },
];
const SANS_FACES: FontFace[] = [
  { family: 'CorpusDejaVuSans', regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { family: 'CorpusNotoSans', regular: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', bold: '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf' },
];

function ensureFonts(): void {
  for (const face of [...SERIF_FACES, ...SANS_FACES]) {
    if (GlobalFonts.has(face.family)) continue;
    for (const file of [face.regular, face.bold]) {
      if (!fs.existsSync(file)) throw new Error(`font ${file} missing: run scripts/setup.sh (fonts-dejavu-core, fonts-noto-core)`);
      GlobalFonts.registerFromPath(file, face.family);
    }
  }
}

/** Words of administrative Vietnamese, every tone and vowel mark among them. */
const WORDS = `ủy ban nhân dân phường xã thị trấn huyện tỉnh thành phố đề nghị cấp giấy chứng nhận quyền sử dụng đất
hộ khẩu thường trú tạm trú khai sinh kết hôn chứng thực bản sao hồ sơ thủ tục hành chính công dân cán bộ tiếp nhận
trả kết quả quyết định thông báo căn cứ luật nghị định thông tư hướng dẫn thực hiện theo quy định của pháp luật
người yêu cầu đại diện ủy quyền chữ ký xác nhận nội dung đúng sự thật chịu trách nhiệm trước về việc khai báo
nơi cư trú quê quán dân tộc tôn giáo quốc tịch nghề nghiệp trình độ học vấn giới tính ngày tháng năm sinh
điện thoại thư điện tử địa chỉ liên hệ số nhà đường phố tổ dân phố thôn ấp bản làng khu phố xóm
đơn vị cơ quan tổ chức doanh nghiệp hợp tác xã chi nhánh văn phòng đại diện trụ sở chính giám đốc
thẩm quyền giải quyết thời hạn lệ phí miễn giảm nộp bổ sung từ chối hướng dẫn lý do kèm theo bản chính
giấy tờ tùy thân căn cước chứng minh hộ chiếu sổ đỏ biên bản kiểm tra hiện trạng đo đạc trích lục bản đồ
thửa đất diện tích mục đích sử dụng lâu dài nguồn gốc thừa kế tặng cho chuyển nhượng thế chấp góp vốn
đồng ý chấp thuận phê duyệt ký ban hành có hiệu lực kể từ bãi bỏ sửa đổi điều khoản chương mục
trường hợp nếu thì khi được không chưa đã sẽ đang phải cần nên và hoặc nhưng với cho những các mọi mỗi
việc làm học tập lao động sản xuất kinh doanh buôn bán nông nghiệp thủy sản lâm nghiệp xây dựng giao thông
môi trường tài nguyên khoáng sản nước sạch vệ sinh an toàn thực phẩm y tế giáo dục văn hóa thể thao du lịch
quốc phòng an ninh trật tự phòng cháy chữa cháy cứu nạn cứu hộ bảo hiểm xã hội lương hưu trợ cấp ưu đãi
người có công thương binh liệt sĩ hộ nghèo cận nghèo khuyết tật cao tuổi trẻ em phụ nữ thanh niên
nhiệm vụ trách nhiệm phối hợp kiểm tra giám sát báo cáo định kỳ đột xuất tổng hợp đánh giá kết quả
ngưỡng dưới trên trong ngoài giữa bên cạnh phía trước sau đầu cuối mới cũ lớn nhỏ nhiều ít đầy đủ`
  .split(/\s+/)
  .filter(Boolean);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trịnh', 'Đinh', 'Lương', 'Tạ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thu', 'Thanh', 'Quang', 'Xuân', 'Hồng', 'Kim', 'Bảo', 'Thế'];
const GIVEN = ['Hương', 'Dũng', 'Hùng', 'Lan', 'Phượng', 'Tuấn', 'Hằng', 'Khoa', 'Nguyệt', 'Quỳnh', 'Thảo', 'Đạt', 'Vỹ', 'Yến', 'Trường', 'Ánh', 'Ngữ', 'Hiếu', 'Tú', 'Lộc', 'Sơn', 'Nghĩa'];
const PLACES = ['Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Thái Bình', 'Nghệ An', 'Quảng Ngãi', 'Đắk Lắk', 'Bà Rịa - Vũng Tàu', 'Thừa Thiên Huế', 'Kiên Giang', 'Lào Cai'];
const HEADINGS = ['ĐƠN ĐỀ NGHỊ', 'TỜ KHAI', 'BIÊN BẢN', 'GIẤY XÁC NHẬN', 'THÔNG BÁO', 'QUYẾT ĐỊNH', 'BÁO CÁO'];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, from: number, to: number) => from + Math.floor(random() * (to - from + 1));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function personName(random: Random): string {
  return `${pick(random, FAMILY)} ${pick(random, MIDDLE)} ${pick(random, GIVEN)}`;
}

/** A 12-digit citizen ID (CCCD): province code, century-and-sex digit, year of birth, serial. */
function citizenId(random: Random): string {
  return `0${pad(int(random, 1, 96), 2)}${int(random, 0, 3)}${pad(int(random, 40, 99), 2)}${pad(int(random, 0, 999_999), 6)}`;
}

function date(random: Random): string {
  return `${pad(int(random, 1, 28), 2)}/${pad(int(random, 1, 12), 2)}/${int(random, 1950, 2024)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** Words until the line would be wider than `maxWidth` at the context's current font. */
function fillLine(ctx: SKRSContext2D, random: Random, maxWidth: number, first: boolean): string {
  const words: string[] = [];
  for (;;) {
    const kind = random();
    const word = kind < 0.04 ? pick(random, PLACES) : kind < 0.07 ? String(int(random, 1, 2024)) : pick(random, WORDS);
    const candidate = [...words, words.length === 0 && first ? capitalise(word) : word].join(' ');
    if (ctx.measureText(candidate).width > maxWidth) return words.length > 0 ? words.join(' ') : candidate;
    words.push(words.length === 0 && first ? capitalise(word) : word);
  }
}

interface Layout {
  dpi: number;
  width: number;
  height: number;
  px: (points: number) => number;
}

function layoutFor(dpi: number): Layout {
  return { dpi, width: Math.round((210 / 25.4) * dpi), height: Math.round((297 / 25.4) * dpi), px: (points) => (points / 72) * dpi };
}

interface Drawn {
  lines: string[];
  /** Bottom of the last text line, px. */
  bottom: number;
}

/** A letter: the national motto, a heading, then body paragraphs of generated sentences. */
function drawLetter(ctx: SKRSContext2D, layout: Layout, random: Random, face: FontFace, sizePt: number, reserveBottomPt: number): Drawn {
  const { px } = layout;
  // Single spacing to one and a half: at single spacing the tone marks of a line touch the line above.
  const leading = 1.1 + random() * 0.45;
  const lines: string[] = [];
  const left = px(72);
  const maxWidth = layout.width - px(72) - px(56);
  let y = px(70);
  const centred = (text: string, size: number) => {
    ctx.font = `bold ${px(size)}px ${face.family}`;
    ctx.fillText(text, (layout.width - ctx.measureText(text).width) / 2, y);
    lines.push(text);
    y += px(size) * 1.7;
  };
  centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', Math.min(sizePt, 13));
  centred('Độc lập - Tự do - Hạnh phúc', Math.min(sizePt, 13));
  y += px(sizePt);
  centred(`${pick(random, HEADINGS)} ${pick(random, ['CẤP', 'XÁC NHẬN', 'ĐĂNG KÝ', 'ĐIỀU CHỈNH'])} ${pick(random, ['GIẤY PHÉP', 'HỘ TỊCH', 'ĐẤT ĐAI', 'CƯ TRÚ'])}`, sizePt + 1);
  y += px(sizePt) * 0.5;
  ctx.font = `${px(sizePt)}px ${face.family}`;
  const fields = [`Họ và tên: ${personName(random)}`, `Ngày sinh: ${date(random)}`, `Số định danh cá nhân: ${citizenId(random)}`, `Nơi cư trú: ${pick(random, PLACES)}`];
  for (const field of fields) {
    ctx.fillText(field, left, y);
    lines.push(field);
    y += px(sizePt) * leading;
  }
  const limit = layout.height - px(reserveBottomPt);
  let first = true;
  while (y < limit) {
    const line = fillLine(ctx, random, maxWidth, first);
    ctx.fillText(line, left, y);
    lines.push(line);
    first = random() < 0.15;
    y += px(sizePt) * leading;
  }
  return { lines, bottom: y };
}

/** A list of people: a ruled table with number, name, date of birth, citizen ID and commune. */
function drawTable(ctx: SKRSContext2D, layout: Layout, random: Random, face: FontFace, sizePt: number): Drawn {
  const { px } = layout;
  const lines: string[] = [];
  const title = `DANH SÁCH ${pick(random, ['CÔNG DÂN ĐĂNG KÝ', 'NGƯỜI NHẬN TRỢ CẤP', 'HỘ GIA ĐÌNH', 'CỬ TRI'])}`;
  ctx.font = `bold ${px(sizePt + 1)}px ${face.family}`;
  ctx.fillText(title, (layout.width - ctx.measureText(title).width) / 2, px(80));
  lines.push(title);
  const left = px(50);
  const columns = [0.07, 0.33, 0.17, 0.22, 0.21].map((share) => share * (layout.width - 2 * left));
  const rowHeight = px(sizePt) * 2;
  const top = px(110);
  const header = ['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Nơi cư trú'];
  const rows = [header];
  const count = Math.floor((layout.height - top - px(80)) / rowHeight) - 1;
  for (let i = 1; i <= count; i++) rows.push([String(i), personName(random), date(random), citizenId(random), pick(random, PLACES).split(' - ')[0]!]);
  ctx.lineWidth = Math.max(2, px(0.8));
  ctx.strokeStyle = '#000';
  rows.forEach((cells, r) => {
    const y = top + r * rowHeight;
    ctx.font = `${r === 0 ? 'bold ' : ''}${px(sizePt)}px ${face.family}`;
    let x = left;
    cells.forEach((cell, c) => {
      ctx.fillText(cell, x + px(4), y + rowHeight * 0.7);
      x += columns[c]!;
    });
    lines.push(cells.join(' '));
  });
  const bottom = top + rows.length * rowHeight;
  let x = left;
  for (const width of [0, ...columns]) {
    x += width;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
  }
  for (let r = 0; r <= rows.length; r++) {
    ctx.beginPath();
    ctx.moveTo(left, top + r * rowHeight);
    ctx.lineTo(x, top + r * rowHeight);
    ctx.stroke();
  }
  return { lines, bottom };
}

/** A red circular seal (two rings, a star, a name around the rim) and a blue signature stroke. */
function drawSealAndSignature(ctx: SKRSContext2D, layout: Layout, random: Random, top: number): CorpusPage['stamp'] {
  const { px } = layout;
  const radius = px(62);
  const cx = layout.width - px(170);
  const cy = top + radius + px(10);
  // Signature first, so the seal overlaps it as a real one does.
  ctx.strokeStyle = 'rgb(30, 50, 170)';
  ctx.lineWidth = px(1.6);
  ctx.beginPath();
  const x0 = cx - px(90);
  ctx.moveTo(x0, cy + px(10));
  for (let i = 1; i <= 40; i++) {
    const t = i / 40;
    ctx.lineTo(x0 + t * px(170), cy + px(10) + Math.sin(t * Math.PI * (3 + random() * 2)) * px(18) * (1 - t * 0.5));
  }
  ctx.stroke();
  ctx.strokeStyle = 'rgb(215, 25, 32)';
  ctx.fillStyle = 'rgb(215, 25, 32)';
  ctx.lineWidth = px(2.4);
  for (const r of [radius, radius * 0.72]) {
    ctx.beginPath();
    ctx.arc(cx, cy, r, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? radius * 0.3 : radius * 0.12;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  ctx.fill();
  const rim = `ỦY BAN NHÂN DÂN ${pick(random, PLACES).toLocaleUpperCase('vi')} *`;
  ctx.font = `bold ${px(9)}px CorpusDejaVuSans`;
  const step = (Math.PI * 1.8) / rim.length;
  [...rim].forEach((char, i) => {
    const a = -Math.PI * 1.4 + i * step;
    ctx.save();
    ctx.translate(cx + radius * 0.86 * Math.cos(a), cy + radius * 0.86 * Math.sin(a));
    ctx.rotate(a + Math.PI / 2);
    ctx.fillText(char, -px(3), px(3));
    ctx.restore();
  });
  ctx.fillStyle = '#000';
  return { cx, cy, radius };
}

interface Rendered {
  rgb: Buffer;
  layout: Layout;
  truth: string;
  stamp?: CorpusPage['stamp'];
  font: string;
  sizePt: number;
}

function render(pageClass: CorpusClass, random: Random): Rendered {
  ensureFonts();
  const layout = layoutFor(pageClass === 'dpi-200' ? 200 : 300);
  const canvas = createCanvas(layout.width, layout.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  const table = pageClass === 'table';
  const face = pick(random, table ? [...SERIF_FACES, ...SANS_FACES] : SERIF_FACES);
  const sizePt = table ? int(random, 11, 13) : int(random, 12, 16);
  const withSeal = pageClass === 'stamp-signature';
  const drawn = table ? drawTable(ctx, layout, random, face, sizePt) : drawLetter(ctx, layout, random, face, sizePt, withSeal ? 240 : 70);
  let stamp: CorpusPage['stamp'];
  if (withSeal) {
    const signer = personName(random);
    ctx.font = `bold ${layout.px(sizePt)}px ${face.family}`;
    const label = 'TM. ỦY BAN NHÂN DÂN';
    const x = layout.width - layout.px(170) - ctx.measureText(label).width / 2;
    ctx.fillText(label, x, drawn.bottom + layout.px(10));
    stamp = drawSealAndSignature(ctx, layout, random, drawn.bottom + layout.px(20));
    ctx.font = `bold ${layout.px(sizePt)}px ${face.family}`;
    const signerY = stamp!.cy + stamp!.radius + layout.px(30);
    ctx.fillText(signer, layout.width - layout.px(170) - ctx.measureText(signer).width / 2, signerY);
    drawn.lines.push(label, signer);
  }
  const rgba = canvas.data();
  const rgb = Buffer.alloc(layout.width * layout.height * 3);
  for (let i = 0, o = 0; o < rgb.length; i += 4) {
    rgb[o++] = rgba[i]!;
    rgb[o++] = rgba[i + 1]!;
    rgb[o++] = rgba[i + 2]!;
  }
  return { rgb, layout, truth: drawn.lines.join('\n'), stamp, font: face.family, sizePt };
}

const rawRgb = (rgb: Buffer, layout: Layout) => sharp(rgb, { raw: { width: layout.width, height: layout.height, channels: 3 } });

/** Gaussian-ish noise of `amplitude` on every sample, the same on the three bands (a grey sensor). */
function addNoise(rgb: Buffer, random: Random, amplitude: number): void {
  for (let i = 0; i < rgb.length; i += 3) {
    const noise = (random() + random() + random() - 1.5) * amplitude;
    for (let c = 0; c < 3; c++) rgb[i + c] = Math.max(0, Math.min(255, rgb[i + c]! + noise));
  }
}

/** Paper tint: white becomes `paper`, ink stays dark (multiply blend). */
function tint(rgb: Buffer, paper: [number, number, number]): void {
  for (let i = 0; i < rgb.length; i += 3) {
    for (let c = 0; c < 3; c++) rgb[i + c] = Math.round((rgb[i + c]! * paper[c]!) / 255);
  }
}

/**
 * A photocopy: greyish paper, toner a little weaker, speckles of toner dust and a darker band
 * along one edge where the lid did not close.
 */
function photocopy(rgb: Buffer, layout: Layout, random: Random): void {
  const edge = Math.round(layout.width * 0.03);
  for (let y = 0; y < layout.height; y++) {
    for (let x = 0; x < layout.width; x++) {
      const i = (y * layout.width + x) * 3;
      const v = rgb[i]!;
      let out = 40 + (v * 190) / 255;
      if (x < edge) out *= 0.55 + (0.45 * x) / edge;
      if (random() < 0.0015) out = 60;
      rgb[i] = rgb[i + 1] = rgb[i + 2] = Math.max(0, Math.min(255, out));
    }
  }
}

async function png(image: Sharp): Promise<Buffer> {
  return image.png({ compressionLevel: 1 }).toBuffer();
}

/** Grey page: the green band (the page carries no colour). */
const grey = (image: Sharp) => image.extractChannel(1);

/** Encodes the page the way its class arrives from a scanner or a file. */
async function encode(pageClass: CorpusClass, rendered: Rendered, random: Random): Promise<Pick<CorpusPage, 'bytes' | 'mediaType' | 'uprightTurn'>> {
  const { rgb, layout } = rendered;
  const image = () => rawRgb(rgb, layout);
  switch (pageClass) {
    case 'yellow-jpeg':
      tint(rgb, [246, 236, 196]);
      addNoise(rgb, random, 12);
      return { bytes: await image().jpeg({ quality: 50 }).toBuffer(), mediaType: 'image/jpeg', uprightTurn: 0 };
    case 'noisy-blur':
      addNoise(rgb, random, 60);
      return { bytes: await png(grey(image().blur(1.1))), mediaType: 'image/png', uprightTurn: 0 };
    case 'photocopy':
      photocopy(rgb, layout, random);
      return { bytes: await png(grey(image().blur(0.6))), mediaType: 'image/png', uprightTurn: 0 };
    case 'stamp-signature':
      addNoise(rgb, random, 10);
      return { bytes: await image().jpeg({ quality: 85 }).toBuffer(), mediaType: 'image/jpeg', uprightTurn: 0 };
    case 'rotated-90':
      // Scanned a quarter counter-clockwise: a clockwise quarter puts it upright.
      return { bytes: await png(grey(image()).rotate(270)), mediaType: 'image/png', uprightTurn: 90 };
    case 'rotated-180':
      return { bytes: await png(grey(image()).rotate(180)), mediaType: 'image/png', uprightTurn: 180 };
    case 'rotated-270':
      return { bytes: await png(grey(image()).rotate(90)), mediaType: 'image/png', uprightTurn: 270 };
    default:
      addNoise(rgb, random, 6);
      return { bytes: await png(grey(image())), mediaType: 'image/png', uprightTurn: 0 };
  }
}

/** One page of `pageClass`; `seed` decides its text, font, size and noise. */
export async function makeCorpusPage(pageClass: CorpusClass, seed: number): Promise<CorpusPage> {
  const random = seededRandom(seed * 7919 + CORPUS_CLASSES.indexOf(pageClass) + 1);
  const rendered = render(pageClass, random);
  const encoded = await encode(pageClass, rendered, random);
  return {
    name: `${pageClass}-${seed}`,
    pageClass,
    ...encoded,
    resolutionDpi: rendered.layout.dpi,
    truth: rendered.truth,
    stamp: rendered.stamp,
    font: rendered.font,
    sizePt: rendered.sizePt,
  };
}

/** `perClass` pages of each class, seeds from `firstSeed`. */
export async function makeCorpus(perClass: number, firstSeed = 1, classes: readonly CorpusClass[] = CORPUS_CLASSES): Promise<CorpusPage[]> {
  const pages: CorpusPage[] = [];
  for (let seed = firstSeed; seed < firstSeed + perClass; seed++) {
    for (const pageClass of classes) pages.push(await makeCorpusPage(pageClass, seed));
  }
  return pages;
}
