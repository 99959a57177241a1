import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import bwipjs from 'bwip-js/node';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanPage } from '../../../../../electron/core/digitize/cleanup/clean-page';
import { grayImageOf, MAX_DECODE_PIXELS, type GrayImage } from '../../../../../electron/core/digitize/recognition/barcode-image';
import { decodeBarcodes } from '../../../../../electron/core/digitize/recognition/decode-barcodes';
import { zxingWasmPath } from '../../../../../electron/core/digitize/recognition/zxing-wasm-decoder';
import { routeDecodedText } from '../../../../../shared/digitize/barcode-route';
import { AppError } from '../../../../../shared/ipc/result';
import { makeTestPage, standardSpec } from '../../../../fixtures-gen/digitize-testset';
import { barcodeCorpus } from '../../../../helpers/barcode-corpus';
import { findRepoRoot } from '../../../../../electron/core/host/repo-root';

const root = findRepoRoot();
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-barcodes-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe('the zxing-wasm reader file', () => {
  it('comes from node_modules in a checkout and from resources/barcode in the packaged app', () => {
    expect(zxingWasmPath(root)).toBe(path.join(root, 'node_modules', 'zxing-wasm', 'dist', 'reader', 'zxing_reader.wasm'));
    const packaged = path.join(temp, 'resources');
    fs.mkdirSync(path.join(packaged, 'barcode'), { recursive: true });
    fs.copyFileSync(zxingWasmPath(root), path.join(packaged, 'barcode', 'zxing_reader.wasm'));
    expect(zxingWasmPath(packaged)).toBe(path.join(packaged, 'barcode', 'zxing_reader.wasm'));
  });

  it('is reported missing with a stable code rather than fetched', () => {
    expect(() => zxingWasmPath(path.join(temp, 'nowhere'))).toThrow(expect.objectContaining({ code: 'BARCODE_DECODER_MISSING' }));
  });

  it('loads from the local file with the network unavailable (zxing-wasm would otherwise fetch it from a CDN)', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('offline'));
    try {
      const png = await QRCode.toBuffer('000.00.06.H56-261125-0017', { scale: 4 });
      const found = await decodeBarcodes(png, { wasmFile: zxingWasmPath(root) });
      expect(found).toEqual([{ format: 'QRCode', text: '000.00.06.H56-261125-0017', decoder: 'zxing-wasm' }]);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });
});

describe('decoding barcodes on page images', () => {
  const wasmFile = zxingWasmPath(root);

  it('reads at least 97 % of the generated corpus (rotations, noise, blur, JPEG, small modules, A4 pages) and every low-contrast code', async () => {
    const misses: string[] = [];
    let total = 0;
    let lowContrast = 0;
    for await (const image of barcodeCorpus()) {
      total++;
      if (image.distortion.startsWith('low-contrast')) lowContrast++;
      const texts = (await decodeBarcodes(image.image, { wasmFile })).map((code) => code.text);
      if (!texts.includes(image.expectedText)) misses.push(image.name);
    }
    expect(total).toBeGreaterThanOrEqual(200);
    expect(lowContrast).toBeGreaterThanOrEqual(50);
    expect((total - misses.length) / total, `missed: ${misses.join(', ')}`).toBeGreaterThanOrEqual(0.97);
    expect(misses.filter((name) => name.startsWith('low-contrast'))).toEqual([]);
  }, 900_000);

  describe('the @zxing/library fallback', () => {
    let textPage: Uint8Array;

    beforeAll(async () => {
      const page = await makeTestPage(standardSpec('clean'));
      textPage = (await cleanPage({ bytes: page.bytes, resolutionDpi: 300, source: 'text page' })).bytes;
    }, 120_000);

    it('is not run on a plain text page, where zxing-cpp saw no code', async () => {
      const fallback = vi.fn(async (_image: GrayImage) => []);
      expect(await decodeBarcodes(textPage, { wasmFile, fallback })).toEqual([]);
      expect(fallback).not.toHaveBeenCalled();
    });

    it('is run only on the region where zxing-cpp saw a code it could not read, and its reading is kept', async () => {
      // A QR whose data between the finder patterns is blanked out: found, but beyond error correction.
      const scale = 8;
      const qr = await QRCode.toBuffer('000.00.06.H56-261125-0017', { scale, margin: 4, errorCorrectionLevel: 'L' });
      const modules = (await sharp(qr).metadata()).width! / scale - 8;
      const blankBand = await sharp({
        create: { width: (modules - 16) * scale, height: (modules - 16) * scale, channels: 3, background: '#ffffff' },
      })
        .png()
        .toBuffer();
      const damaged = await sharp(qr)
        .composite([{ input: blankBand, left: 12 * scale, top: 12 * scale }])
        .png()
        .toBuffer();
      const page = await sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#ffffff' } })
        .composite([{ input: damaged, left: 900, top: 1500 }])
        .greyscale()
        .jpeg({ quality: 80 })
        .toBuffer();
      const seen: GrayImage[] = [];
      const fallback = vi.fn(async (image: GrayImage) => {
        seen.push(image);
        return [{ format: 'QRCode', text: 'read by the fallback', decoder: 'zxing-library' as const }];
      });
      expect(await decodeBarcodes(page, { wasmFile, fallback })).toEqual([
        { format: 'QRCode', text: 'read by the fallback', decoder: 'zxing-library' },
      ]);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.width * seen[0]!.height).toBeLessThan(2480 * 3508 * 0.05);
      expect(seen[0]!.width).toBeGreaterThanOrEqual(modules * scale);
    });
  });

  it('keeps the Vietnamese UTF-8 of a CCCD QR exactly, so it routes to the applicant', async () => {
    const payload =
      '001199012345|123456789|Nguyễn Thị Hồng Nhung|01011999|Nữ|Số 12 ngõ 34, Phường Điện Biên, Quận Ba Đình, Hà Nội|15082021';
    const png = await QRCode.toBuffer([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], { scale: 3 });
    const [code] = await decodeBarcodes(await sharp(png).jpeg({ quality: 70 }).toBuffer(), { wasmFile });
    expect(code!.text).toBe(payload);
    const route = routeDecodedText(code!.text);
    expect(route.kind === 'cccd' && route.card.sure.address).toBe('Số 12 ngõ 34, Phường Điện Biên, Quận Ba Đình, Hà Nội');
  });

  it('finds a QR and a Code 128 on the same page', async () => {
    const qr = await QRCode.toBuffer('QMC-TACH:TP-KS-01', { scale: 5 });
    const bar = await bwipjs.toBuffer({
      bcid: 'code128',
      text: 'BN-2026-000731',
      scale: 3,
      height: 12,
      paddingwidth: 12,
      backgroundcolor: 'FFFFFF',
    });
    const page = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } })
      .composite([
        { input: qr, left: 100, top: 100 },
        { input: bar, left: 300, top: 1200 },
      ])
      .png()
      .toBuffer();
    const found = await decodeBarcodes(page, { wasmFile });
    expect(found.map((code) => [code.format, code.text]).sort()).toEqual([
      ['Code128', 'BN-2026-000731'],
      ['QRCode', 'QMC-TACH:TP-KS-01'],
    ]);
  });

  it('returns nothing for a page without codes', async () => {
    const page = await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#f4f4f4' } })
      .png()
      .toBuffer();
    expect(await decodeBarcodes(page, { wasmFile })).toEqual([]);
  });

  it('scales a very large scan down before decoding, keeping its proportions', async () => {
    const scan = await sharp({ create: { width: 4960, height: 7016, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const gray = await grayImageOf(scan);
    expect(gray.width * gray.height).toBeLessThanOrEqual(MAX_DECODE_PIXELS);
    expect(gray.width * gray.height).toBeGreaterThan(MAX_DECODE_PIXELS * 0.99);
    expect(gray.height / gray.width).toBeCloseTo(7016 / 4960, 2);
  });

  it('refuses a 20,000 × 20,000 image unread, with the same code', async () => {
    // A real PNG header claiming the size, so the test needs no 400-megapixel buffer.
    const png = Buffer.from(await QRCode.toBuffer('x', { scale: 4 }));
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29);
    await expect(decodeBarcodes(png, { wasmFile })).rejects.toMatchObject({ code: 'BARCODE_IMAGE_UNREADABLE' });
  });

  it('refuses a corrupt or empty image with a Vietnamese message and a stable code', async () => {
    const png = await QRCode.toBuffer('x', { scale: 4 });
    for (const bytes of [png.subarray(0, 60), new Uint8Array(0), Buffer.from('not an image')]) {
      const error = await decodeBarcodes(bytes, { wasmFile }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'BARCODE_IMAGE_UNREADABLE' });
      expect((error as AppError).message).toMatch(/^Không đọc được ảnh trang/);
    }
  });
});
