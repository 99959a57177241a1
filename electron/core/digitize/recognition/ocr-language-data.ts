import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/ipc/result';

/** Vietnamese first: documents are Vietnamese; English catches the Latin-only words and codes. */
export const OCR_LANGUAGES = ['vie', 'eng'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/**
 * The models a page is read with. Vietnamese alone: its model knows every Latin letter and digit,
 * while with English as a second model Tesseract re-reads short low-confidence words (a name in a
 * table cell) with English and drops their tone marks ("Đỗ Văn Lan" read "Do Van Lan"; issue 11 §3).
 */
export const RECOGNITION_LANGUAGES: readonly OcrLanguage[] = ['vie'];

/** tesseract.js's LSTM-only integer models: a third the size of `4.0.0`, the same accuracy. */
const DATA_VARIANT = '4.0.0_best_int';

const fileName = (language: OcrLanguage): string => `${language}.traineddata.gz`;

/** Where electron-builder.yml ships both languages, one folder as tesseract.js's `langPath` wants. */
export function packagedOcrDataDir(resourcesDir: string): string {
  return path.join(resourcesDir, 'ocr', DATA_VARIANT);
}

/** The installed npm package's folder (development, tests, the CLI from a checkout). */
function packageDataDir(resourcesDir: string, language: OcrLanguage): string {
  return path.join(resourcesDir, 'node_modules', '@tesseract.js-data', language, DATA_VARIANT);
}

/** The local file of each language's model, packaged copy first; never a URL. */
export function ocrLanguageFiles(resourcesDir: string): Record<OcrLanguage, string> {
  const files = {} as Record<OcrLanguage, string>;
  for (const language of OCR_LANGUAGES) {
    const candidates = [packagedOcrDataDir(resourcesDir), packageDataDir(resourcesDir, language)].map((dir) =>
      path.join(dir, fileName(language)),
    );
    const found = candidates.find((candidate) => fs.existsSync(candidate));
    if (!found) throw new AppError('OCR_DATA_MISSING', { language, path: candidates[0]! });
    files[language] = found;
  }
  return files;
}

/**
 * One folder holding every language, for `langPath`. tesseract.js reads all languages from a single
 * folder, and in node_modules each language is its own package, so outside the packaged app the
 * files are copied once into `stagingDir`.
 */
export function ocrLangPath(resourcesDir: string, stagingDir: string): string {
  const files = ocrLanguageFiles(resourcesDir);
  const dirs = new Set(Object.values(files).map((file) => path.dirname(file)));
  if (dirs.size === 1) return [...dirs][0]!;
  fs.mkdirSync(stagingDir, { recursive: true });
  for (const language of OCR_LANGUAGES) {
    const target = path.join(stagingDir, fileName(language));
    if (!fs.existsSync(target) || fs.statSync(target).size !== fs.statSync(files[language]).size) {
      fs.copyFileSync(files[language], target);
    }
  }
  return stagingDir;
}
