import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrLangPath } from '../../electron/core/digitize/recognition/ocr-language-data';
import { OcrPool, type OcrProgress } from '../../electron/core/digitize/recognition/ocr-pool';
import type { OcrResult } from '../../electron/core/digitize/types';
import { tesseractEngineFactory } from '../../electron/core/digitize/recognition/tesseract-engine';
import { findRepoRoot } from '../../electron/core/host/repo-root';
import { suggestFields } from '../../shared/digitize/field-suggestions';
import { characterErrorRate } from '../fixtures-gen/character-error-rate';
import { GROUND_TRUTH, makeTestPage, standardSpec } from '../fixtures-gen/digitize-testset';

const root = findRepoRoot();
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-ocr-'));
/** tesseract.js's worker with fetch and http(s) made to throw. */
const offlineWorker = path.join(root, 'tests/fixtures/ocr/offline-worker.cjs');
const events: OcrProgress[] = [];
let pool: OcrPool;
let cleanPage: Buffer;
/** One A4 page read once; the tests look at it from each side the app uses it. */
let clean: OcrResult;

beforeAll(async () => {
  const langPath = ocrLangPath(root, path.join(temp, 'lang'));
  pool = new OcrPool({
    createEngine: tesseractEngineFactory({ langPath, workerPath: offlineWorker }),
    workerCount: 1,
    onProgress: (event) => events.push(event),
  });
  cleanPage = (await makeTestPage(standardSpec('clean'))).bytes;
  clean = await pool.recognize('clean', cleanPage, { resolutionDpi: 300 });
}, 300_000);

afterAll(async () => {
  await pool.close();
  fs.rmSync(temp, { recursive: true, force: true });
});

describe('OCR with tesseract.js and the bundled Vietnamese + English data', () => {
  it('reads a clean generated Vietnamese A4 page at 300 dpi with a character error rate of at most 2 %', () => {
    const cer = characterErrorRate(clean.text, GROUND_TRUTH);
    expect(cer, `CER ${(cer * 100).toFixed(2)} %\n${clean.text}`).toBeLessThanOrEqual(0.02);
    expect(clean.meanConfidence).toBeGreaterThan(80);
  });

  it('gives every word a box inside the page and a confidence, for the PDF text layer', async () => {
    const { width, height } = await sharp(cleanPage).metadata();
    expect(clean.words.length).toBeGreaterThan(150);
    for (const word of clean.words) {
      expect(word.text.trim()).not.toBe('');
      expect(word.box.x0).toBeGreaterThanOrEqual(0);
      expect(word.box.x1).toBeLessThanOrEqual(width!);
      expect(word.box.y1).toBeLessThanOrEqual(height!);
      expect(word.box.x1).toBeGreaterThan(word.box.x0);
      expect(word.box.y1).toBeGreaterThan(word.box.y0);
    }
    const title = clean.words.find((word) => word.text === 'KHAI');
    expect(title?.confidence).toBeGreaterThan(80);
  });

  it('reported the page queued, running with progress, and done', () => {
    const states = events.filter((event) => event.pageId === 'clean');
    expect(states[0]).toEqual({ pageId: 'clean', state: 'queued', progress: 0 });
    expect(states.some((event) => event.state === 'running' && event.progress > 0 && event.progress < 1)).toBe(true);
    expect(states.at(-1)).toEqual({ pageId: 'clean', state: 'done', progress: 1 });
  });

  it('feeds the field suggestions the officer confirms', () => {
    const suggestions = suggestFields(clean.text).map((suggestion) => [suggestion.field, suggestion.value]);
    expect(suggestions).toEqual(
      expect.arrayContaining([
        ['fullName', 'Nguyễn Thị Hương'],
        ['idNumber', '001188012345'],
        ['dateOfBirth', '1988-03-14'],
        ['date', '2026-11-25'],
      ]),
    );
  });

  it('ran with the network blocked and left no cached model in the working directory', () => {
    expect(fs.readFileSync(offlineWorker, 'utf8')).toContain('globalThis.fetch = blocked');
    expect(fs.readdirSync(process.cwd()).filter((name) => name.endsWith('.traineddata'))).toEqual([]);
  });

  it('fails a corrupt image with OCR_FAILED, keeps working for the next page', async () => {
    const error = await pool.recognize('corrupt', cleanPage.subarray(0, 200)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'OCR_FAILED' });
    const small = await sharp({
      create: { width: 900, height: 160, channels: 3, background: '#ffffff' },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="160"><text x="20" y="100" font-family="DejaVu Sans" font-size="48">Số: 123/2024/QĐ-UBND</text></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    const after = await pool.recognize('after-corrupt', small);
    expect(suggestFields(after.text)).toEqual([expect.objectContaining({ field: 'documentNumber', value: '123/2024/QĐ-UBND' })]);
  }, 300_000);
});
