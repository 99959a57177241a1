import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import type { DigitizePipeline, PageScanner } from '../../electron/core/digitize/app/ports';
import type {
  CapturedPage,
  CleanedPage,
  ComponentPdfMetadata,
  DecodedBarcode,
  OcrResult,
  PdfPageInput,
  ScannerInfo,
} from '../../electron/core/digitize/types';

/**
 * Small in-process stand-ins for the scanner drivers, cleanup, recognition and PDF assembly, so
 * the app service is tested on its own: real PNG pages, real PDFs, scripted barcodes and OCR.
 */

/** A small "page": white with a black bar whose length tells pages apart; `blank` leaves it white. */
export async function pagePng(n: number, options: { blank?: boolean } = {}): Promise<Buffer> {
  const width = 248;
  const height = 351;
  const composites = options.blank
    ? []
    : [
        {
          input: { create: { width: 20 + ((n * 17) % 200), height: 12, channels: 3 as const, background: '#000000' } },
          top: 40 + (n % 20) * 12,
          left: 10,
        },
      ];
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(composites)
    .png()
    .toBuffer();
}

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface ScriptedPage {
  png: Buffer;
  /** Barcodes the fake reader "finds" on this page. */
  barcodes?: string[];
}

/** A scanner that feeds the given pages, then optionally fails the way a jammed feeder does. */
export class ScriptedScanner implements PageScanner {
  batches: ScriptedPage[][] = [];
  failure: Error | null = null;
  /** Pause between pages; lets a test act in the middle of a batch. */
  delayMs = 0;

  async list(): Promise<ScannerInfo[]> {
    return [{ kind: 'sane', id: 'test:0', name: 'Máy quét thử' }];
  }

  async *scan(
    _scanner: Pick<ScannerInfo, 'kind' | 'id'>,
    profile: { resolutionDpi: number },
    signal: AbortSignal,
  ): AsyncIterable<CapturedPage> {
    const batch = this.batches.shift() ?? [];
    let index = 0;
    for (const page of batch) {
      if (signal.aborted) return;
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      yield { index, bytes: page.png, mediaType: 'image/png', resolutionDpi: profile.resolutionDpi, source: `test:0 trang ${index + 1}` };
      index++;
    }
    if (this.failure) throw this.failure;
  }
}

/** Cleanup that keeps the image and measures blankness and darkness the simple way. */
export const passThroughCleaner = {
  cleanedCount: 0,
  async clean(page: CapturedPage): Promise<CleanedPage> {
    this.cleanedCount++;
    const stats = await sharp(page.bytes).greyscale().stats();
    const mean = stats.channels[0]!.mean;
    const meta = await sharp(page.bytes).metadata();
    const blank = stats.channels[0]!.min > 200;
    const score = page.resolutionDpi && page.resolutionDpi < 200 ? 30 : 90;
    return {
      bytes: page.bytes,
      mediaType: 'image/png',
      widthPx: meta.width,
      heightPx: meta.height,
      resolutionDpi: page.resolutionDpi ?? 300,
      rotationApplied: 0,
      skewCorrectedDeg: 0,
      blank,
      quality: {
        score,
        effectiveDpi: page.resolutionDpi ?? 300,
        darkness: 1 - mean / 255,
        sharpness: 100,
        problems: score < 50 ? ['low-resolution'] : [],
      },
    };
  },
};

/** Barcodes by page content: a test says which texts a page image carries. */
export class ScriptedBarcodes {
  private readonly byImage = new Map<string, string[]>();
  /** Images asked about, so a test can tell which pages were read at all. */
  readCount = 0;

  register(page: ScriptedPage): ScriptedPage {
    if (page.barcodes) this.byImage.set(hashOf(page.png), page.barcodes);
    return page;
  }

  async decode(image: Uint8Array): Promise<DecodedBarcode[]> {
    this.readCount++;
    return (this.byImage.get(hashOf(image)) ?? []).map((text) => ({ format: 'QRCode', text, decoder: 'zxing-wasm' as const }));
  }
}

/** OCR that "reads" a CCCD-like text on every page, with one word box per word. */
export const scriptedOcr = {
  text: 'CĂN CƯỚC CÔNG DÂN Số định danh: 038190012345 Họ và tên: NGUYỄN THỊ HỒNG NHUNG Ngày sinh: 14/05/1990',
  async recognize(): Promise<OcrResult> {
    const words = this.text.split(' ').map((text, i) => ({
      text,
      confidence: 90,
      box: { x0: 10 + (i % 6) * 38, y0: 20 + Math.floor(i / 6) * 14, x1: 44 + (i % 6) * 38, y1: 32 + Math.floor(i / 6) * 14 },
    }));
    return { text: this.text, meanConfidence: 90, words };
  },
};

export const simpleFields = {
  suggest(text: string) {
    const out: Array<{ field: 'idNumber' | 'fullName' | 'dateOfBirth'; value: string }> = [];
    const id = /\b(\d{12})\b/.exec(text);
    if (id) out.push({ field: 'idNumber', value: id[1]! });
    const name = /Họ và tên:\s*([^\d:]+?)\s+Ngày/u.exec(text);
    if (name) out.push({ field: 'fullName', value: name[1]! });
    const birth = /Ngày sinh:\s*(\d{2})\/(\d{2})\/(\d{4})/.exec(text);
    if (birth) out.push({ field: 'dateOfBirth', value: `${birth[3]}-${birth[2]}-${birth[1]}` });
    return out;
  },
};

/** A real, plain PDF of the page images with the metadata in the document info. */
export const imagePdf = {
  assembled: [] as Array<{ pages: PdfPageInput[]; metadata: ComponentPdfMetadata }>,
  async assemble(pages: PdfPageInput[], metadata: ComponentPdfMetadata): Promise<Uint8Array> {
    this.assembled.push({ pages, metadata });
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const page of pages) {
      const image = page.mediaType === 'image/png' ? await doc.embedPng(page.image) : await doc.embedJpg(page.image);
      const pdfPage = doc.addPage([(page.widthPx * 72) / page.resolutionDpi, (page.heightPx * 72) / page.resolutionDpi]);
      pdfPage.drawImage(image, { x: 0, y: 0, width: pdfPage.getWidth(), height: pdfPage.getHeight() });
      if (page.ocr)
        pdfPage.drawText(page.ocr.words.map((w) => w.text.normalize('NFD').replace(/[^\x20-\x7e]/g, '')).join(' '), {
          x: 2,
          y: 2,
          size: 4,
          font,
          opacity: 0,
        });
    }
    doc.setTitle(`${metadata.dossierCode} ${metadata.componentCode}`);
    doc.setSubject(metadata.componentName);
    doc.setAuthor(metadata.officer);
    doc.setKeywords([metadata.dossierCode, metadata.componentCode, metadata.ownerIdNumber ?? '']);
    doc.setCreator(`Quầy Một Cửa ${metadata.appVersion}`);
    return doc.save();
  },
};

export function fakePipeline(scanner: ScriptedScanner, barcodes: ScriptedBarcodes): DigitizePipeline {
  return { scanner, cleaner: passThroughCleaner, barcodes, ocr: scriptedOcr, fields: simpleFields, pdf: imagePdf };
}
