import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../../../electron/core/digitize/cleanup/clean-page';
import { ocrLangPath } from '../../../../electron/core/digitize/recognition/ocr-language-data';
import { OcrPool } from '../../../../electron/core/digitize/recognition/ocr-pool';
import { tesseractEngineFactory } from '../../../../electron/core/digitize/recognition/tesseract-engine';
import { characterErrorRate } from '../../../fixtures-gen/character-error-rate';
import { GROUND_TRUTH, makeTestPage, standardSpec } from '../../../fixtures-gen/digitize-testset';
import { repoRoot } from '../../../helpers/test-core';

describe('OCR quality on the generated test set', () => {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-ocr-quality-'));
  const ocr = new OcrPool({ createEngine: tesseractEngineFactory({ langPath: ocrLangPath(repoRoot, staging) }), workerCount: 1 });

  afterAll(async () => {
    await ocr.close();
    fs.rmSync(staging, { recursive: true, force: true });
  });

  // The clean page as generated is measured by tests/integration/ocr-recognition.test.ts; here the
  // page has been through cleanup first, so a residual skew or a wrong turn would show as errors.
  it('reads a deskewed and a turned-upright page with a character error rate of at most 2 %', async () => {
    for (const name of ['skew-minus-2.5', 'rotated-90']) {
      const page = await makeTestPage(standardSpec(name));
      const cleaned = await cleanPage({ bytes: page.bytes, resolutionDpi: page.resolutionDpi, source: name });
      const result = await ocr.recognize(name, cleaned.bytes, { resolutionDpi: cleaned.resolutionDpi });
      expect(characterErrorRate(result.text, GROUND_TRUTH), `${name}: ${result.text}`).toBeLessThanOrEqual(0.02);
    }
  }, 600_000);
});
