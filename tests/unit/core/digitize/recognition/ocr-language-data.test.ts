import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ocrLangPath, ocrLanguageFiles, packagedOcrDataDir } from '../../../../../electron/core/digitize/recognition/ocr-language-data';
import { findRepoRoot } from '../../../../../electron/core/host/repo-root';

const root = findRepoRoot();
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-ocr-data-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A resources folder laid out as electron-builder.yml ships it. */
function packagedResources(): string {
  const resources = path.join(temp, 'packaged');
  fs.mkdirSync(packagedOcrDataDir(resources), { recursive: true });
  for (const [language, file] of Object.entries(ocrLanguageFiles(root))) {
    fs.copyFileSync(file, path.join(packagedOcrDataDir(resources), `${language}.traineddata.gz`));
  }
  return resources;
}

describe('OCR language data', () => {
  it('comes from the installed @tesseract.js-data packages in a checkout', () => {
    expect(ocrLanguageFiles(root)).toEqual({
      vie: path.join(root, 'node_modules/@tesseract.js-data/vie/4.0.0_best_int/vie.traineddata.gz'),
      eng: path.join(root, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'),
    });
  });

  it('stages both languages into one folder for langPath, since the packages keep them apart', () => {
    const staging = path.join(temp, 'staging');
    const langPath = ocrLangPath(root, staging);
    expect(langPath).toBe(staging);
    for (const [language, file] of Object.entries(ocrLanguageFiles(root))) {
      expect(fs.readFileSync(path.join(langPath, `${language}.traineddata.gz`)).equals(fs.readFileSync(file))).toBe(true);
    }
    // Starting again reuses the staged copies.
    const before = fs.statSync(path.join(staging, 'vie.traineddata.gz')).mtimeMs;
    expect(ocrLangPath(root, staging)).toBe(staging);
    expect(fs.statSync(path.join(staging, 'vie.traineddata.gz')).mtimeMs).toBe(before);
  });

  it('uses resources/ocr/4.0.0_best_int of the packaged app directly, copying nothing', () => {
    const resources = packagedResources();
    const staging = path.join(temp, 'unused-staging');
    expect(ocrLangPath(resources, staging)).toBe(path.join(resources, 'ocr', '4.0.0_best_int'));
    expect(fs.existsSync(staging)).toBe(false);
  });

  it('is a local folder, never a URL tesseract.js would fetch', () => {
    const langPath = ocrLangPath(root, path.join(temp, 'staging-local'));
    expect(path.isAbsolute(langPath)).toBe(true);
    expect(langPath).not.toMatch(/^[a-z]+:\/\//i);
  });

  it('names the missing language with a stable code when the data is not installed', () => {
    const empty = path.join(temp, 'empty');
    fs.mkdirSync(empty);
    expect(() => ocrLanguageFiles(empty)).toThrow(
      expect.objectContaining({ code: 'OCR_DATA_MISSING', params: expect.objectContaining({ language: 'vie' }) }),
    );
  });
});
