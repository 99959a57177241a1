import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../../electron/core/printing/dither';
import { SlipRenderer, type RenderedPart } from '../../../../electron/core/printing/slip-renderer';
import { receivedSlip, type SlipBlock } from '../../../../shared/printing/slip-layout';
import { BarcodeFormat, decodePng } from '../../../helpers/decode-code';
import { dossier, site } from '../../../helpers/form-fixtures';
import { repoRoot } from '../../../helpers/test-core';

const renderer = new SlipRenderer(path.join(repoRoot, 'build', 'fonts'));
const images = (parts: RenderedPart[]) => parts.flatMap((p) => (p.kind === 'image' ? [p.image] : []));

function pngOf(image: GrayImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  image.pixels.forEach((v, i) => png.data.set([v, v, v, 255], i * 4));
  return PNG.sync.write(png);
}

const line = (text: string, maxLines = 3): SlipBlock => ({
  kind: 'text',
  runs: [{ text, bold: false }],
  size: 'normal',
  align: 'left',
  maxLines,
});

describe('SlipRenderer', () => {
  it('renders at 384 dots on 58 mm and 576 on 80 mm, each as one image when the QR is raster', () => {
    const d = dossier({
      procedure: { ...dossier().procedure, name: 'Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi' },
    });
    const narrow = images(renderer.render(receivedSlip(site, d, '58mm'), { paper: '58mm', qr: 'raster', qrErrorLevel: 'M' }));
    const wide = images(renderer.render(receivedSlip(site, d, '80mm'), { paper: '80mm', qr: 'raster', qrErrorLevel: 'M' }));
    expect(narrow).toHaveLength(1);
    expect(wide).toHaveLength(1);
    expect(narrow[0]!.width).toBe(384);
    expect(wide[0]!.width).toBe(576);
    expect(wide[0]!.pixels.some((v) => v < 128)).toBe(true);
  });

  it('draws the tone marks: the shipped font has every Vietnamese letter', () => {
    const draw = (text: string) => images(renderer.render([line(text)], { paper: '80mm', qr: 'raster', qrErrorLevel: 'M' }))[0]!.pixels;
    const plain = draw('Nguyen Thi Hong');
    const marked = draw('Nguyễn Thị Hồng');
    const ink = (pixels: Uint8Array) => pixels.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
    expect(ink(marked)).toBeGreaterThan(ink(plain));
    expect(ink(draw('ĐđƠơƯưĂăÂâÊêÔô'))).toBeGreaterThan(ink(draw('DdOoUuAaAaEeOo')));
  });

  it('draws a raster QR that decodes to the lookup URL', () => {
    const [image] = images(
      renderer.render([{ kind: 'qr', text: 'https://dvc.example.vn/tra-cuu?ma=000.00.06.H56-260423-0012', moduleDots: 6 }], {
        paper: '80mm',
        qr: 'raster',
        qrErrorLevel: 'M',
      }),
    );
    expect(decodePng(pngOf(image!), BarcodeFormat.QR_CODE)).toBe('https://dvc.example.vn/tra-cuu?ma=000.00.06.H56-260423-0012');
  });

  it('leaves an ASCII QR to the printer in native mode, splitting the image around it', () => {
    const parts = renderer.render([line('trên'), { kind: 'qr', text: 'HS-0001', moduleDots: 6 }, line('dưới')], {
      paper: '80mm',
      qr: 'native',
      qrErrorLevel: 'M',
    });
    expect(parts.map((p) => p.kind)).toEqual(['image', 'qr', 'image']);
    expect(parts[1]).toEqual({ kind: 'qr', text: 'HS-0001', moduleSize: 6 });
  });

  it('draws a non-ASCII QR into the image even in native mode', () => {
    const parts = renderer.render([{ kind: 'qr', text: 'Hồ sơ 0001', moduleDots: 5 }], { paper: '58mm', qr: 'native', qrErrorLevel: 'M' });
    expect(parts.map((p) => p.kind)).toEqual(['image']);
    expect(decodePng(pngOf(images(parts)[0]!), BarcodeFormat.QR_CODE)).toBe('Hồ sơ 0001');
  });

  it('wraps long text and cuts it at maxLines', () => {
    const long = 'Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi '.repeat(3);
    const height = (maxLines: number) =>
      images(renderer.render([line(long, maxLines)], { paper: '58mm', qr: 'raster', qrErrorLevel: 'M' }))[0]!.height;
    expect(height(2)).toBe(2 * height(1));
    expect(height(20)).toBeGreaterThan(height(4));
    // A word longer than the line (a URL) is broken between letters rather than overflowing.
    const url = images(
      renderer.render([line('https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.06.H56-260423-0012', 5)], {
        paper: '58mm',
        qr: 'raster',
        qrErrorLevel: 'M',
      }),
    )[0]!;
    expect(url.height).toBeGreaterThan(height(1));
  });

  it('fails in Vietnamese when the shipped font is missing', () => {
    expect(() => new SlipRenderer(path.join(os.tmpdir(), 'no-fonts-here'))).toThrow(/Không dựng được hình phiếu in nhiệt/);
  });
});
