import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { expandImportInputs, importFiles } from '../../digitize/capture/import/import-files';
import { DigitizePool } from '../../digitize/pipeline/cleanup-pool';
import { pageReport, type PageReport } from '../../digitize/pipeline/page-report';
import { processPages, type PageProcessors } from '../../digitize/pipeline/process-pages';
import { OCR_LANGUAGES, ocrLangPath } from '../../digitize/recognition/ocr-language-data';
import { OcrPool } from '../../digitize/recognition/ocr-pool';
import { tesseractEngineFactory } from '../../digitize/recognition/tesseract-engine';
import { zxingWasmPath } from '../../digitize/recognition/zxing-wasm-decoder';
import type { CapturedPage, ComponentPdfMetadata, PdfPageInput } from '../../digitize/types';
import type { CliCommand, CliCommandContext } from '../cli-command';

interface DigitizeOptions {
  inputs: string[];
  out: string;
  ocr: boolean;
  report: string | undefined;
  dpi: number;
  metadata: Omit<ComponentPdfMetadata, 'componentName' | 'digitizedAt'>;
}

interface OutputDocument {
  file: string;
  componentName: string;
  /** Files whose pages go into this PDF, in order. */
  sources: string[];
}

function parseOptions(args: string[], appVersion: string): DigitizeOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      ocr: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'vie' },
      report: { type: 'string' },
      dpi: { type: 'string', default: '300' },
      dossier: { type: 'string', default: '' },
      component: { type: 'string', default: '' },
      owner: { type: 'string' },
      officer: { type: 'string', default: os.userInfo().username },
    },
  });
  if (positionals.length === 0 || !values.out)
    throw new AppError('CLI_USAGE', { details: 'digitize <tệp hoặc thư mục…> --out <tệp.pdf | thư mục>' });
  // The bundled OCR engine always loads Vietnamese with English (recognition/ocr-language-data.ts).
  if (!values.lang.split('+').every((language) => (OCR_LANGUAGES as readonly string[]).includes(language))) {
    throw new AppError('CLI_USAGE', { details: `--lang ${values.lang} (${OCR_LANGUAGES.join(', ')})` });
  }
  const dpi = Number(values.dpi);
  if (!Number.isInteger(dpi) || dpi < 72 || dpi > 1200) throw new AppError('CLI_USAGE', { details: `--dpi ${values.dpi}` });
  return {
    inputs: positionals,
    out: values.out,
    ocr: values.ocr,
    report: values.report,
    dpi,
    metadata: {
      dossierCode: values.dossier,
      componentCode: values.component,
      ownerIdNumber: values.owner ?? null,
      officer: values.officer,
      appVersion,
    },
  };
}

/** `--out x.pdf` gathers every page into one PDF; `--out folder` writes one PDF per input file. */
function planOutputs(files: string[], out: string): OutputDocument[] {
  if (out.toLowerCase().endsWith('.pdf')) return [{ file: out, componentName: path.basename(out, path.extname(out)), sources: files }];
  fs.mkdirSync(out, { recursive: true });
  return files.map((file) => ({
    file: path.join(out, `${path.basename(file, path.extname(file))}.pdf`),
    componentName: path.basename(file),
    sources: [file],
  }));
}

function processorsFor(pool: DigitizePool, ocr: OcrPool | null): PageProcessors {
  return {
    cleaner: pool,
    barcodes: (page) => pool.decode(page.bytes),
    ocr: ocr ? (page, index) => ocr.recognize(`page-${index}`, page.bytes, { resolutionDpi: page.resolutionDpi }) : undefined,
    window: 4,
  };
}

interface FileFailure {
  file: string;
  code: string;
  message: string;
  pagesKept: number;
}

/** Pages of the files in order, numbered across the whole run; a bad file is noted and skipped. */
async function* capturedPages(
  sources: string[],
  dpi: number,
  firstIndex: number,
  failures: FileFailure[],
  context: CliCommandContext,
): AsyncGenerator<CapturedPage> {
  let index = firstIndex;
  for await (const event of importFiles(sources, { resolutionDpi: dpi, colorMode: 'color' })) {
    if (event.kind === 'page') {
      yield { ...event.page, index: index++ };
    } else {
      failures.push({ file: event.file, code: event.error.code, message: event.error.message, pagesKept: event.pagesKept });
      context.io.err(`${event.error.code}: ${event.error.message}`);
    }
  }
}

/**
 * `quay digitize`: back-digitizes archives through the same pipeline as the counter — import, cleanup
 * in worker threads, barcodes, optional OCR, component PDF — and reports every page. Exit code 0
 * when every page made it, 1 when some page or file failed (the rest is written), 2 when nothing
 * could be read.
 */
export const digitizeCommand: CliCommand = async (args, context) => {
  const options = parseOptions(args, context.appVersion);
  const files = await expandImportInputs(options.inputs);
  if (files.length === 0) throw new AppError('DIGITIZE_NO_INPUT', { paths: options.inputs.join(', ') });
  const pool = new DigitizePool({ barcodeWasmFile: zxingWasmPath(context.resourcesDir) });
  const ocr = options.ocr
    ? new OcrPool({
        createEngine: tesseractEngineFactory({ langPath: ocrLangPath(context.resourcesDir, path.join(os.tmpdir(), 'quay-ocr-data')) }),
      })
    : null;
  const reports: PageReport[] = [];
  const written: Array<{ file: string; pages: number }> = [];
  const fileFailures: FileFailure[] = [];
  let pageFailures = 0;
  try {
    const processors = processorsFor(pool, ocr);
    for (const output of planOutputs(files, options.out)) {
      const pdfPages: PdfPageInput[] = [];
      for await (const page of processPages(
        capturedPages(output.sources, options.dpi, reports.length, fileFailures, context),
        processors,
      )) {
        const report = pageReport(page);
        reports.push(report);
        if (page.error) {
          pageFailures++;
          context.io.err(`${page.error.code}: ${page.error.message}`);
        }
        context.io.out(
          formatMessage(uiText.cli.digitizePage, {
            index: page.index + 1,
            source: page.source,
            score: report.qualityScore ?? '—',
            blank: report.blank ? uiText.cli.digitizeBlank : '',
          }),
        );
        if (page.cleaned) {
          const { bytes, mediaType, widthPx, heightPx, resolutionDpi } = page.cleaned;
          pdfPages.push({ image: bytes, mediaType, widthPx, heightPx, resolutionDpi, ocr: page.ocr ?? undefined });
        }
      }
      if (pdfPages.length === 0) continue;
      const pdf = await pool.assemble(pdfPages, { ...options.metadata, componentName: output.componentName, digitizedAt: new Date() });
      fs.writeFileSync(output.file, pdf);
      written.push({ file: output.file, pages: pdfPages.length });
      context.io.out(formatMessage(uiText.cli.digitizeWritten, { pages: pdfPages.length, file: output.file }));
    }
  } finally {
    await Promise.all([pool.close(), ocr?.close()]);
  }
  if (options.report) {
    fs.writeFileSync(options.report, `${JSON.stringify({ inputs: files, outputs: written, fileFailures, pages: reports }, null, 2)}\n`);
  }
  if (written.length === 0) return 2;
  return pageFailures > 0 || fileFailures.length > 0 ? 1 : 0;
};
