import { createWorker, OEM, PSM, type Page } from 'tesseract.js';
import type { OcrResult, OcrWord } from '../types';
import { prepareOcrImage } from './ocr-image';
import { RECOGNITION_LANGUAGES } from './ocr-language-data';

/** One OCR worker thread: a single-threaded wasm Tesseract with the Vietnamese model loaded. */
export interface OcrEngine {
  recognize(image: Uint8Array, resolutionDpi: number | undefined, onProgress: (progress: number) => void): Promise<OcrResult>;
  terminate(): Promise<void>;
}

export type OcrEngineFactory = () => Promise<OcrEngine>;

/** Words in reading order with their pixel boxes: the PDF text layer places each one. */
export function ocrResultOf(page: Page): OcrResult {
  const words: OcrWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          if (word.text.trim() === '') continue;
          const { x0, y0, x1, y1 } = word.bbox;
          words.push({ text: word.text.normalize('NFC'), confidence: word.confidence, box: { x0, y0, x1, y1 } });
        }
      }
    }
  }
  return { text: page.text.normalize('NFC'), meanConfidence: page.confidence, words };
}

export interface TesseractEngineOptions {
  /** Local folder with every language's `.traineddata.gz` (ocrLangPath). */
  langPath: string;
  /**
   * The worker thread's script, when tesseract.js's own cannot be loaded from where it lies (a
   * packaged app that unpacks it from the asar); tesseract.js's default otherwise.
   */
  workerPath?: string;
}

/**
 * A tesseract.js worker reading its models from `langPath`, a local folder. `cacheMethod: 'none'`
 * keeps it from looking for or writing a cached copy in the working directory; with a local
 * `langPath` tesseract.js reads the file and never fetches.
 */
export function tesseractEngineFactory({ langPath, workerPath }: TesseractEngineOptions): OcrEngineFactory {
  return async () => {
    let report: (progress: number) => void = () => {};
    const worker = await createWorker([...RECOGNITION_LANGUAGES], OEM.LSTM_ONLY, {
      ...(workerPath ? { workerPath } : {}),
      langPath,
      gzip: true,
      cacheMethod: 'none',
      logger: (message) => {
        if (message.status === 'recognizing text') report(message.progress);
      },
      // Failures reach the caller through the rejected promise; this only stops the default console dump.
      errorHandler: () => {},
    });
    return {
      async recognize(image, resolutionDpi, onProgress) {
        report = onProgress;
        try {
          const prepared = await prepareOcrImage(image);
          await worker.setParameters({
            // Tesseract sizes its text model by the image's dpi; many scanners write none or a wrong one.
            user_defined_dpi: resolutionDpi ? String(Math.round(resolutionDpi)) : '0',
            // Automatic layout reads a ruled table column by column, parting each name from its ID
            // number; a table is read as one block, row by row.
            tessedit_pageseg_mode: prepared.ruledTable ? PSM.SINGLE_BLOCK : PSM.AUTO,
          });
          const { data } = await worker.recognize(
            Buffer.from(prepared.bytes.buffer, prepared.bytes.byteOffset, prepared.bytes.byteLength),
            {},
            { text: true, blocks: true },
          );
          return ocrResultOf(data);
        } finally {
          report = () => {};
        }
      },
      terminate: async () => {
        await worker.terminate();
      },
    };
  };
}
