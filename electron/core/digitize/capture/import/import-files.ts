import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppErrorData } from '../../../../../shared/ipc/result';
import { AppError } from '../../../../../shared/ipc/result';
import type { CapturedPage, ScanColorMode } from '../../types';
import { filePages } from './file-pages';
import { DEFAULT_MAX_PIXELS } from './pixel-limit';

export type ImportEvent =
  | { kind: 'page'; page: CapturedPage }
  /** The file's pages yielded before the failure stay in the batch; `pagesKept` says how many. */
  | { kind: 'file-failed'; file: string; error: AppErrorData; pagesKept: number };

export interface ImportOptions {
  resolutionDpi: number;
  colorMode: ScanColorMode;
  maxPixels?: number;
}

const byName = new Intl.Collator('vi', { numeric: true }).compare;

/** Files named directly, plus the files inside named folders (one level, natural name order). */
export async function expandImportInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(input, { withFileTypes: true });
      const names = entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => entry.name);
      files.push(...names.sort(byName).map((name) => path.join(input, name)));
    } else {
      files.push(input);
    }
  }
  return files;
}

/**
 * A batch import: pages of every file in order, numbered across the batch. A bad file becomes a
 * `file-failed` event with its Vietnamese message and the batch goes on with the next file;
 * nothing already yielded is taken back.
 */
export async function* importFiles(files: readonly string[], options: ImportOptions, signal?: AbortSignal): AsyncGenerator<ImportEvent> {
  let index = 0;
  for (const file of files) {
    if (signal?.aborted) throw new AppError('SCANNER_CANCELLED', { pages: index });
    let pagesKept = 0;
    try {
      const pages = filePages(file, {
        resolutionDpi: options.resolutionDpi,
        colorMode: options.colorMode,
        maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
        firstIndex: index,
      });
      for await (const page of pages) {
        index++;
        pagesKept++;
        yield { kind: 'page', page };
        if (signal?.aborted) throw new AppError('SCANNER_CANCELLED', { pages: index });
      }
    } catch (error) {
      if (error instanceof AppError && error.code === 'SCANNER_CANCELLED') throw error;
      const data =
        error instanceof AppError ? error.toData() : new AppError('IMPORT_FILE_UNREADABLE', { file, details: String(error) }).toData();
      yield { kind: 'file-failed', file, error: data, pagesKept };
    }
  }
}
