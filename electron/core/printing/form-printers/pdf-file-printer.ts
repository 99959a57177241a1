import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { localDateOf, utcToVietnamLocal } from '../../../../shared/forms/format';
import { AppError } from '../../../../shared/ipc/result';
import { systemClock, type Clock } from '../../platform/clock';
import type { FormPrinter, FormPrintJob, FormPrintOutcome } from './form-printer';

export interface PdfFilePrinterOptions {
  dataDir: string;
  clock?: Clock;
}

/** Anything a file system could choke on (a code from elsewhere may carry `/` or `:`) becomes `_`. */
function safePart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The form printer until real printers are configured: it keeps the PDF under
 * `<dataDir>/prints/<yyyy-MM-dd>/<dossier code>-<form>-<n>.pdf` (n counts reprints) and reports
 * `printed: false`, because nothing reached paper. The file is written under a temporary name,
 * flushed, then hard-linked to its final name: a link never replaces an existing file, so two
 * prints of the same form at once get different numbers, and a crash never leaves half a PDF
 * under a real name.
 */
export class PdfFilePrinter implements FormPrinter {
  private readonly clock: Clock;

  constructor(private readonly options: PdfFilePrinterOptions) {
    this.clock = options.clock ?? systemClock;
  }

  async print(job: FormPrintJob): Promise<FormPrintOutcome> {
    const day = localDateOf(utcToVietnamLocal(this.clock.now().toISOString()));
    const folder = path.join(this.options.dataDir, 'prints', day);
    const prefix = `${job.dossierCode ? `${safePart(job.dossierCode)}-` : ''}${safePart(job.formKey)}-`;
    try {
      await fs.mkdir(folder, { recursive: true });
      const temporary = path.join(folder, `.${prefix}${randomBytes(6).toString('hex')}.tmp`);
      const handle = await fs.open(temporary, 'wx');
      try {
        await handle.writeFile(job.pdf);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        return { printed: false, savedPath: await this.linkUnderNextNumber(temporary, folder, prefix) };
      } finally {
        await fs.rm(temporary, { force: true });
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('PRINT_SAVE_FAILED', { path: folder, details: error instanceof Error ? error.message : String(error) });
    }
  }

  private async linkUnderNextNumber(temporary: string, folder: string, prefix: string): Promise<string> {
    const taken = new RegExp(`^${escapeRegExp(prefix)}(\\d+)\\.pdf$`);
    let n = 1;
    for (const name of await fs.readdir(folder)) {
      const match = taken.exec(name);
      if (match) n = Math.max(n, Number(match[1]) + 1);
    }
    for (;;) {
      const target = path.join(folder, `${prefix}${n}.pdf`);
      try {
        await fs.link(temporary, target);
        return target;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        n += 1;
      }
    }
  }
}
