import { createRequire } from 'node:module';
import path from 'node:path';
import { loadSharp } from '../../../platform/load-sharp';
import { AppError } from '../../../../../shared/ipc/result';
import type { CapturedPage, ScanColorMode } from '../../types';
import { assertWithinPixelLimit } from './pixel-limit';

type PdfJs = typeof import('pdfjs-dist');
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}
interface CanvasAndContext {
  canvas: RenderParameters['canvas'];
  context: NodeCanvasContext;
}
/** The @napi-rs/canvas 2D context pdfjs creates in Node, as far as this module uses it. */
interface NodeCanvasContext {
  fillStyle: string;
  fillRect(x: number, y: number, width: number, height: number): void;
  getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
}
type RenderParameters = Parameters<Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>['render']>[0];

export interface PdfPagesOptions {
  resolutionDpi: number;
  colorMode: ScanColorMode;
  maxPixels: number;
  firstIndex: number;
}

let pdfjs: Promise<PdfJs> | null = null;

/** The legacy build is the one that runs in Node; loaded on first use so start-up does not pay for it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<PdfJs>;
  return pdfjs;
}

/** Fonts the PDF names but does not embed come from pdfjs's own folder, never from the network. */
function standardFontDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;
}

function openError(file: string, error: unknown): AppError {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'PasswordException') return new AppError('IMPORT_PDF_ENCRYPTED', { file });
  return new AppError('IMPORT_PDF_BROKEN', { file, details: error instanceof Error ? error.message : String(error) });
}

/**
 * The largest image a PDF page may embed: A4 scanned at 600 dpi is 35 MP. pdfjs decodes an embedded image whole, 4
 * bytes a pixel, whatever the page's size, so a 63 KB PDF holding an 8000 × 8000 image took 1.2 GB (issue 17
 * finding 5); above this it drops the image and says so in a warning, which refuses the page here.
 */
export const PDF_MAX_IMAGE_PIXELS = 40_000_000;

const IMAGE_REMOVED_WARNING = 'Image exceeded maximum allowed size';

/**
 * Rasterizes a PDF (a back-digitized archive or a citizen's e-copy) one page at a time at the
 * profile's resolution: each page is rendered, encoded and handed over before the next is parsed,
 * and released afterwards, so a 300-page PDF costs the memory of one page. Runs inside the PDF worker
 * (pdf-pages-worker.ts), which owns its thread's console: pdfjs reports a dropped image only as a warning.
 */
export async function* pdfPagesInThisThread(file: string, data: Uint8Array, options: PdfPagesOptions): AsyncGenerator<CapturedPage> {
  const { getDocument } = await loadPdfJs();
  const droppedImages = watchDroppedImages();
  const task = getDocument({
    data,
    isEvalSupported: false,
    verbosity: 1,
    standardFontDataUrl: standardFontDir(),
    maxImageSize: Math.min(options.maxPixels, PDF_MAX_IMAGE_PIXELS),
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    throw openError(file, error);
  }
  try {
    if (document.numPages === 0) throw new AppError('IMPORT_PDF_BROKEN', { file, details: 'không có trang nào' });
    const scale = options.resolutionDpi / 72;
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
      const source = `${file} (trang ${pageNumber})`;
      droppedImages.count = 0;
      const bytes = await renderPage(document, pageNumber, scale, file, options);
      if (droppedImages.count > 0)
        throw new AppError('IMPORT_PDF_IMAGE_TOO_LARGE', {
          file,
          page: pageNumber,
          maxMegapixels: Math.floor(Math.min(options.maxPixels, PDF_MAX_IMAGE_PIXELS) / 1_000_000),
        });
      yield { index: options.firstIndex + pageNumber - 1, bytes, mediaType: 'image/png', resolutionDpi: options.resolutionDpi, source };
    }
  } finally {
    await document.destroy();
  }
}

/** pdfjs's warnings go to console.warn: counted when an image was dropped for its size, otherwise kept quiet. */
function watchDroppedImages(): { count: number } {
  const seen = { count: 0 };
  console.warn = (...args: unknown[]) => {
    if (args.some((arg) => typeof arg === 'string' && arg.includes(IMAGE_REMOVED_WARNING))) seen.count++;
  };
  return seen;
}

async function renderPage(
  document: Awaited<ReturnType<PdfJs['getDocument']>['promise']>,
  pageNumber: number,
  scale: number,
  file: string,
  options: PdfPagesOptions,
): Promise<Buffer> {
  let page: Awaited<ReturnType<typeof document.getPage>>;
  try {
    page = await document.getPage(pageNumber);
  } catch (error) {
    throw pageError(file, pageNumber, error);
  }
  try {
    const viewport = page.getViewport({ scale });
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    assertWithinPixelLimit(`${file} (trang ${pageNumber})`, width, height, options.maxPixels);
    // pdfjs's own factory: its canvas and Path2D come from the same @napi-rs/canvas instance.
    const factory = document.canvasFactory as CanvasFactory;
    const drawing = factory.create(width, height);
    const { canvas, context } = drawing;
    // PDF pages without a background are transparent; paper is white.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    await page.render({
      canvas,
      canvasContext: context as unknown as RenderParameters['canvasContext'],
      viewport,
    }).promise;
    const rgba = context.getImageData(0, 0, width, height).data;
    factory.destroy(drawing);
    const sharp = await loadSharp();
    const image = sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), { raw: { width, height, channels: 4 } }).removeAlpha();
    return await (options.colorMode === 'color' ? image : image.toColourspace('b-w')).png({ compressionLevel: 3 }).toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw pageError(file, pageNumber, error);
  } finally {
    page.cleanup();
  }
}

function pageError(file: string, page: number, error: unknown): AppError {
  return new AppError('IMPORT_PDF_PAGE_FAILED', { file, page, details: error instanceof Error ? error.message : String(error) });
}
