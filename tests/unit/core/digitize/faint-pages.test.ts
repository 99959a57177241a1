import { beforeAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../../../electron/core/digitize/cleanup/clean-page';
import { processPages } from '../../../../electron/core/digitize/pipeline/process-pages';
import { decodeBarcodes } from '../../../../electron/core/digitize/recognition/decode-barcodes';
import { zxingWasmPath } from '../../../../electron/core/digitize/recognition/zxing-wasm-decoder';
import type { CapturedPage, CleanedPage } from '../../../../electron/core/digitize/types';
import { findRepoRoot } from '../../../../electron/core/host/repo-root';
import { faintPages, type FaintPage } from '../../../helpers/faint-pages';

const wasmFile = zxingWasmPath(findRepoRoot());

describe('blank pages are judged by the page’s own contrast (issue 11 §4)', () => {
  const cleaned = new Map<string, { page: FaintPage; result: CleanedPage }>();

  beforeAll(async () => {
    for await (const page of faintPages())
      cleaned.set(page.name, {
        page,
        result: await cleanPage({ bytes: page.bytes, resolutionDpi: page.resolutionDpi, source: page.name }),
      });
  }, 600_000);

  const named = (prefix: string) => [...cleaned.values()].filter(({ page }) => page.name.startsWith(prefix));

  it('never flags a faint page blank: pencil notes and light photocopies, whatever their text and contrast', () => {
    const faint = [...named('pencil'), ...named('light-photocopy')];
    expect(faint.length).toBeGreaterThanOrEqual(5);
    for (const { page, result } of faint) expect(result.blank, page.name).toBe(false);
  });

  it('never flags a page blank that carries only a code printed grey on grey (140/200, 160/205 and others)', () => {
    const codes = named('faint-qr');
    expect(codes.map(({ page }) => page.name)).toEqual(expect.arrayContaining(['faint-qr-140-200', 'faint-qr-160-205']));
    for (const { page, result } of codes) expect(result.blank, page.name).toBe(false);
  });

  it('still flags truly blank sheets: paper texture, scanner noise, punched holes, faint bleed-through', () => {
    const blanks = named('blank-');
    expect(blanks.length).toBeGreaterThanOrEqual(5);
    for (const { page, result } of blanks) expect(result.blank, page.name).toBe(true);
  });

  it('says a faint page is too light, so the officer can rescan it darker', () => {
    for (const { page, result } of [...named('pencil'), ...named('faint-qr')])
      expect(result.quality.problems, page.name).toContain('too-light');
    // Too little firm ink to judge sharpness by: a crisp pale code is not called blurred.
    for (const { page, result } of named('faint-qr')) expect(result.quality.problems, page.name).not.toContain('blurred');
  });

  it('reads the faint codes from the cleaned pages the capture pipeline stores', async () => {
    for (const { page, result } of named('faint-qr')) {
      const texts = (await decodeBarcodes(result.bytes, { wasmFile })).map((code) => code.text);
      expect(texts, page.name).toContain(page.code);
    }
  }, 120_000);
});

describe('the pipeline’s blank-page shortcut', () => {
  it('reads barcodes on a faint code page and skips them only on blank sheets', async () => {
    const pages: CapturedPage[] = [];
    for await (const page of faintPages(['faint-qr-160-205', 'blank-punched-holes'])) {
      pages.push({ index: pages.length, bytes: page.bytes, mediaType: 'image/png', resolutionDpi: 300, source: page.name });
    }
    const read: string[] = [];
    const processed = [];
    async function* arriving() {
      yield* pages;
    }
    for await (const page of processPages(arriving(), {
      cleaner: { clean: (page) => cleanPage({ bytes: page.bytes, resolutionDpi: page.resolutionDpi, source: page.source }) },
      barcodes: async (page) => {
        read.push(page.blank ? 'blank' : 'page');
        return decodeBarcodes(page.bytes, { wasmFile });
      },
    })) {
      processed.push(page);
    }
    expect(processed.map((page) => page.cleaned?.blank)).toEqual([false, true]);
    expect(read).toHaveLength(1);
    expect(processed[0]!.barcodes.map((code) => code.text)).toEqual(['000.00.06.H56-261125-0017']);
  }, 120_000);
});
