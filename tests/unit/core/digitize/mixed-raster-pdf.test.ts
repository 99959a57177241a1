import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../../../electron/core/digitize/cleanup/clean-page';
import { assembleComponentPdf } from '../../../../electron/core/digitize/pdf/assemble-component-pdf';
import type { CleanedPage } from '../../../../electron/core/digitize/types';
import { makeCorpusPage, type CorpusPage } from '../../../fixtures-gen/vietnamese-corpus';

const metadata = {
  dossierCode: 'H01',
  componentCode: 'TP01',
  componentName: 'Quyết định',
  ownerIdNumber: null,
  officer: 'Cán bộ',
  digitizedAt: new Date('2026-12-07T02:00:00Z'),
  appVersion: '0.1.0',
};
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-mrc-'));
const RENDER_DPI = 100;

async function pdfOf(cleaned: CleanedPage): Promise<Uint8Array> {
  const { bytes, mediaType, widthPx, heightPx, resolutionDpi } = cleaned;
  return assembleComponentPdf([{ image: bytes, mediaType, widthPx, heightPx, resolutionDpi }], metadata);
}

/** The PDF's first page as pdftoppm draws it, RGB. */
async function render(pdf: Uint8Array, name: string) {
  const file = path.join(temp, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', String(RENDER_DPI), '-png', '-singlefile', file, path.join(temp, name)]);
  const { data, info } = await sharp(path.join(temp, `${name}.png`))
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Issue 11 §3: a median ≤ 150 KB per A4 text page at 300 dpi, seals and signatures still in colour. */
describe('component PDF pages as a text layer over a small background', () => {
  let sealed: CorpusPage;
  let sealedClean: CleanedPage;
  let pdf: Uint8Array;

  beforeAll(async () => {
    sealed = await makeCorpusPage('stamp-signature', 3);
    sealedClean = await cleanPage({ bytes: sealed.bytes, resolutionDpi: sealed.resolutionDpi, source: sealed.name });
    pdf = await pdfOf(sealedClean);
  }, 120_000);

  afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('keeps a red seal red and the text black when the page is drawn', async () => {
    expect(sealedClean.rotationApplied).toBe(0);
    const page = await render(pdf, 'sealed');
    const scale = RENDER_DPI / sealed.resolutionDpi;
    const { cx, cy, radius } = sealed.stamp!;
    let red = 0;
    let blue = 0;
    let black = 0;
    let inked = 0;
    for (let y = Math.round((cy - radius) * scale); y < (cy + radius) * scale; y++) {
      for (let x = Math.round((cx - radius) * scale); x < (cx + radius) * scale; x++) {
        const i = (y * page.width + x) * 3;
        const [r, g, b] = [page.data[i]!, page.data[i + 1]!, page.data[i + 2]!];
        if (Math.min(r, g, b) >= 150) continue;
        inked++;
        if (r > 150 && g < 110 && b < 110) red++;
        if (b > 110 && r < 110 && g < 120) blue++;
        if (Math.max(r, g, b) < 80) black++;
      }
    }
    // The seal's rings and star cover a good part of its square, and what is drawn there is the
    // seal's red and the signature's blue (the rest is their soft edges), never the text layer's black.
    const counts = `red ${red}, blue ${blue}, black ${black}, inked ${inked}`;
    expect(red / (2 * radius * scale) ** 2, counts).toBeGreaterThan(0.05);
    expect((red + blue) / inked, counts).toBeGreaterThan(0.5);
    expect(black / inked, counts).toBeLessThan(0.02);
    // The heading's text is black, not grey or tinted: it is the one-bit layer.
    let heading = 0;
    for (let y = Math.round(60 * scale * 3); y < 110 * scale * 3; y++) {
      for (let x = 0; x < page.width; x++) {
        const i = (y * page.width + x) * 3;
        if (page.data[i]! < 30 && page.data[i + 1]! < 30 && page.data[i + 2]! < 30) heading++;
      }
    }
    expect(heading).toBeGreaterThan(500);
  }, 60_000);

  it('stores an A4 page at 300 dpi in at most 150 KB, text pages of several kinds', async () => {
    const sizes = [pdf.length];
    for (const [pageClass, seed] of [
      ['serif', 8],
      ['noisy-blur', 8],
      ['photocopy', 8],
    ] as const) {
      const page = await makeCorpusPage(pageClass, seed);
      sizes.push((await pdfOf(await cleanPage({ bytes: page.bytes, resolutionDpi: page.resolutionDpi, source: page.name }))).length);
    }
    sizes.sort((a, b) => a - b);
    const median = (sizes[1]! + sizes[2]!) / 2;
    expect(median / 1024, `sizes ${sizes.map((size) => Math.round(size / 1024)).join(', ')} KB`).toBeLessThanOrEqual(150);
  }, 240_000);
});
