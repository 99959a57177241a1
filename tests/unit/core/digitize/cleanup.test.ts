import zlib from 'node:zlib';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../../../electron/core/digitize/cleanup/clean-page';
import type { CleanedPage } from '../../../../electron/core/digitize/types';
import { AppError } from '../../../../shared/ipc/result';
import { makeStandardSet, makeTestPage, standardSpec, TESTSET_DPI, type TestPage } from '../../../fixtures-gen/digitize-testset';

const A4_300DPI = { width: 2480, height: 3508 };

/** A tiny grey thumbnail, to compare what two cleaned pages show regardless of their bytes. */
async function thumbnail(bytes: Uint8Array): Promise<Buffer> {
  return sharp(bytes).resize(124, 175, { fit: 'fill' }).greyscale().raw().toBuffer();
}

function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** A PNG whose header claims `width` × `height` but carries no pixels: enough to test the size guard. */
function pngHeaderClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(10))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('page cleanup on the generated quality test set', () => {
  const cleaned = new Map<string, { page: TestPage; result: CleanedPage }>();

  beforeAll(async () => {
    for (const page of await makeStandardSet()) {
      cleaned.set(page.name, {
        page,
        result: await cleanPage({ bytes: page.bytes, resolutionDpi: page.resolutionDpi, source: page.name }),
      });
    }
  }, 600_000);

  const textPages = () => [...cleaned.values()].filter(({ page }) => !page.blank);

  it('flags every blank page, the dusty and noisy ones included, and no page with text', () => {
    const flagged = [...cleaned.values()].filter(({ result }) => result.blank).map(({ page }) => page.name);
    expect(flagged.sort()).toEqual(['blank', 'blank-dusty', 'blank-noisy']);
  });

  it('keeps blank pages as pages: flagged, never dropped', () => {
    const blank = cleaned.get('blank-dusty')!.result;
    expect(blank.bytes.length).toBeGreaterThan(0);
    expect([blank.widthPx, blank.heightPx]).toEqual([A4_300DPI.width, A4_300DPI.height]);
  });

  it('corrects skews of 1–4° to within ±0.5°, measured again on the cleaned page', async () => {
    for (const { page, result } of textPages().filter(({ page }) => page.skewDeg !== 0)) {
      expect(Math.abs(page.skewDeg + result.skewCorrectedDeg), page.name).toBeLessThanOrEqual(0.5);
      const again = await cleanPage({ bytes: result.bytes, resolutionDpi: TESTSET_DPI, source: `${page.name} again` });
      expect(Math.abs(again.skewCorrectedDeg), page.name).toBeLessThanOrEqual(0.5);
    }
  }, 300_000);

  it('turns pages scanned at 90°, 180° and 270° upright, so they show the same as the clean page', async () => {
    const reference = await thumbnail(cleaned.get('clean')!.result.bytes);
    for (const name of ['rotated-90', 'rotated-270', 'rotated-180']) {
      const { page, result } = cleaned.get(name)!;
      expect(result.rotationApplied, name).toBe(page.uprightTurn);
      expect([result.widthPx, result.heightPx], name).toEqual([A4_300DPI.width, A4_300DPI.height]);
      expect(meanAbsoluteDifference(await thumbnail(result.bytes), reference), name).toBeLessThan(2);
    }
  });

  it('leaves upright pages unturned', () => {
    for (const { page, result } of textPages().filter(({ page }) => page.uprightTurn === 0))
      expect(result.rotationApplied, page.name).toBe(0);
  });

  it('crops a full-bed flatbed scan to the sheet', () => {
    const { result } = cleaned.get('scanner-bed')!;
    expect(Math.abs(result.widthPx - A4_300DPI.width)).toBeLessThan(A4_300DPI.width * 0.01);
    expect(Math.abs(result.heightPx - A4_300DPI.height)).toBeLessThan(A4_300DPI.height * 0.01);
  });

  it('scores good scans 100 and stores them as JPEG at their resolution, under 600 KB for a clean text page', async () => {
    for (const name of ['clean', 'skew-minus-2.5', 'jpeg-q35', 'rotated-90']) {
      const { result } = cleaned.get(name)!;
      expect(result.quality, name).toMatchObject({ score: 100, problems: [], effectiveDpi: 300 });
      expect(result.mediaType).toBe('image/jpeg');
      expect((await sharp(result.bytes).metadata()).density).toBe(300);
    }
    expect(cleaned.get('clean')!.result.bytes.length).toBeLessThan(600 * 1024);
  });
});

describe('single pages: quality problems, colour, codes', () => {
  let clean: TestPage;

  beforeAll(async () => {
    clean = await makeTestPage(standardSpec('clean'));
  }, 120_000);

  it('marks a blurred page for a rescan', async () => {
    const blurred = await sharp(clean.bytes).blur(2.5).png().toBuffer();
    const result = await cleanPage({ bytes: blurred, resolutionDpi: 300, source: 'blurred' });
    expect(result.quality.problems).toContain('blurred');
    expect(result.quality.score).toBeLessThan(50);
    expect(result.blank).toBe(false);
  }, 60_000);

  it('marks a page scanned under 200 dpi, and measures resolution from the sheet when the file has none', async () => {
    const small = await sharp(clean.bytes).resize({ width: 1240 }).png().toBuffer();
    const declared = await cleanPage({ bytes: small, resolutionDpi: 150, source: 'declared 150 dpi' });
    expect(declared.quality.problems).toContain('low-resolution');
    expect(declared.quality.score).toBeLessThan(50);
    const measured = await cleanPage({ bytes: small, source: 'no resolution in file' });
    expect(measured.resolutionDpi).toBe(150);
    expect(measured.quality.problems).toContain('low-resolution');
  }, 60_000);

  it('marks a dark scan and faint text', async () => {
    const dark = await sharp(clean.bytes).linear(0.45, 0).png().toBuffer();
    expect((await cleanPage({ bytes: dark, resolutionDpi: 300, source: 'dark' })).quality.problems).toContain('too-dark');
    const faint = await sharp(clean.bytes).linear(0.36, 160).png().toBuffer();
    const faintResult = await cleanPage({ bytes: faint, resolutionDpi: 300, source: 'faint' });
    expect(faintResult.quality.problems).toContain('too-light');
    expect(faintResult.blank).toBe(false);
  }, 60_000);

  it('is not turned over by a QR code on the page, whose ink says nothing about which way is up', async () => {
    const qr = await QRCode.toBuffer('H01.01-261125-0007', { width: 360, margin: 2 });
    const withQr = await sharp(clean.bytes)
      .composite([{ input: qr, left: 1900, top: 2900 }])
      .png()
      .toBuffer();
    expect((await cleanPage({ bytes: withQr, resolutionDpi: 300, source: 'qr' })).rotationApplied).toBe(0);
    const upsideDown = await sharp(withQr).rotate(180).png().toBuffer();
    expect((await cleanPage({ bytes: upsideDown, resolutionDpi: 300, source: 'qr upside down' })).rotationApplied).toBe(180);
  }, 60_000);

  it('keeps a red seal in colour and stores a plain text page in grey', async () => {
    const sealed = await sharp(clean.bytes)
      .toColourspace('srgb')
      .composite([
        {
          input: Buffer.from(
            '<svg width="400" height="400"><circle cx="200" cy="200" r="180" fill="none" stroke="#d00" stroke-width="24"/></svg>',
          ),
          left: 1700,
          top: 2600,
        },
      ])
      .png()
      .toBuffer();
    expect((await sharp((await cleanPage({ bytes: sealed, resolutionDpi: 300, source: 'sealed' })).bytes).metadata()).channels).toBe(3);
    const plainRgb = await sharp(clean.bytes).toColourspace('srgb').png().toBuffer();
    expect((await sharp((await cleanPage({ bytes: plainRgb, resolutionDpi: 300, source: 'plain' })).bytes).metadata()).channels).toBe(1);
  }, 60_000);
});

describe('bad page images', () => {
  it('refuses a corrupt and an empty image with a clear message naming the page', async () => {
    for (const bytes of [
      Buffer.from('not an image at all'),
      Buffer.alloc(0),
      (
        await sharp({ create: { width: 50, height: 50, channels: 3, background: '#fff' } })
          .jpeg()
          .toBuffer()
      ).subarray(0, 200),
    ]) {
      const failure = await cleanPage({ bytes, source: 'giay-to.jpg trang 3' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe('CLEANUP_IMAGE_UNREADABLE');
      expect((failure as AppError).message).toContain('giay-to.jpg trang 3');
    }
  });

  it('refuses a 20,000 × 20,000 image before decoding it', async () => {
    const failure = await cleanPage({ bytes: pngHeaderClaiming(20_000, 20_000), source: 'khong-lo.png' }).catch((error: unknown) => error);
    expect((failure as AppError).code).toBe('CLEANUP_IMAGE_TOO_LARGE');
  });
});
