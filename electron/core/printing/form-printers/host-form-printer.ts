import { AppError } from '../../../../shared/ipc/result';
import type { FormPrinter, FormPrintJob, FormPrintOutcome, HostFormPrint } from './form-printer';

export interface HostFormPrinterOptions {
  /** The system printer chosen for a form (by page size), or null to keep that form as a PDF only. */
  printerFor(job: FormPrintJob): string | null;
  /** Keeps the PDF, the record of what was printed, before it goes to paper. */
  keep: FormPrinter;
  print: HostFormPrint;
}

/**
 * Form printing in the Electron app on every OS: the PDF is kept first, then main prints the
 * same HTML silently to the chosen printer with the page size stated. The document already holds
 * all its copies (liên), so it is printed once. `printed` means the spooler took the job.
 */
export class HostFormPrinter implements FormPrinter {
  constructor(private readonly options: HostFormPrinterOptions) {}

  async print(job: FormPrintJob): Promise<FormPrintOutcome> {
    const kept = await this.options.keep.print(job);
    const printer = this.options.printerFor(job);
    if (!printer) return kept;
    try {
      await this.options.print(job.html, { pageSize: job.pageSize, deviceName: printer });
    } catch (error) {
      throw error instanceof AppError
        ? error
        : new AppError('PRINTER_SPOOLER_FAILED', { printer, details: error instanceof Error ? error.message : String(error) });
    }
    return { printed: true, savedPath: kept.savedPath };
  }
}
