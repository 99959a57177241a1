import { open, readFile } from 'node:fs/promises';
import { AppError } from '../../../../../shared/ipc/result';
import type { CapturedPage, ScanColorMode } from '../../types';
import { sniffMediaType } from '../media-type';
import { singleImagePage, tiffPages } from './image-pages';
import { pdfPages } from './pdf-pages-worker';

export interface FilePagesOptions {
  /** Resolution PDFs are rasterized at; images keep their own. */
  resolutionDpi: number;
  colorMode: ScanColorMode;
  maxPixels: number;
  firstIndex: number;
  /** The file's bytes, already read (the hot folder reads through readRegularFile); the path then only names it. */
  bytes?: Buffer;
}

function unreadable(file: string, error: unknown): AppError {
  return new AppError('IMPORT_FILE_UNREADABLE', { file, details: (error as NodeJS.ErrnoException).code ?? String(error) });
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Every page of one file, in order: PNG/JPEG/PNM as one page, TIFF and PDF page by page. The type
 * comes from the content. A failure names the file and is thrown after the pages already yielded.
 */
export async function* filePages(file: string, options: FilePagesOptions): AsyncGenerator<CapturedPage> {
  let head: Buffer;
  try {
    head = options.bytes ? options.bytes.subarray(0, 16) : await readHead(file);
  } catch (error) {
    throw unreadable(file, error);
  }
  if (head.length === 0) throw new AppError('IMPORT_FILE_EMPTY', { file });
  const type = sniffMediaType(head);
  if (type === null) throw new AppError('IMPORT_FORMAT_UNSUPPORTED', { file });
  if (type === 'image/tiff') {
    yield* tiffPages(file, options, options.bytes);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = options.bytes ?? (await readFile(file));
  } catch (error) {
    throw unreadable(file, error);
  }
  if (type === 'application/pdf') {
    yield* pdfPages(file, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
    return;
  }
  yield await singleImagePage(file, bytes, type, options);
}
