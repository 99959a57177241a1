import { spawn } from 'node:child_process';
import type { PageSize } from '../../../../shared/forms';
import { AppError } from '../../../../shared/ipc/result';
import type { FormPrinter, FormPrintJob, FormPrintOutcome } from './form-printer';

/** PWG media names (docs/devices.md §2.6): a queue's default is often Letter, so the size is always sent. */
export const PWG_MEDIA: Record<PageSize, string> = { A5: 'iso_a5_148x210mm', A4: 'iso_a4_210x297mm' };

export interface CupsFormPrinterOptions {
  /** The CUPS queue for a form, or null to keep that form as a PDF only. */
  queueFor(job: FormPrintJob): string | null;
  /** Keeps the PDF, the record of what was printed, before it goes to paper. */
  keep: FormPrinter;
  /** A CUPS server other than the local default (`lp -h host:port`). */
  server?: string;
  /** Send the form's page size as `media`; off only for queues that refuse media they cannot name. */
  sendMedia?: boolean;
  command?: string;
  timeoutMs?: number;
}

/**
 * Linux form printing: the stored PDF goes to a CUPS queue with `lp`, the page size named
 * explicitly. `printed` means CUPS accepted the job; a one-way spooler cannot say more.
 */
export class CupsFormPrinter implements FormPrinter {
  constructor(private readonly options: CupsFormPrinterOptions) {}

  async print(job: FormPrintJob): Promise<FormPrintOutcome> {
    const kept = await this.options.keep.print(job);
    const queue = this.options.queueFor(job);
    if (!queue) return kept;
    await this.spool(queue, job);
    return { printed: true, savedPath: kept.savedPath };
  }

  private spool(queue: string, job: FormPrintJob): Promise<void> {
    const args = [
      ...(this.options.server ? ['-h', this.options.server] : []),
      '-d',
      queue,
      ...(this.options.sendMedia === false ? [] : ['-o', `media=${PWG_MEDIA[job.pageSize]}`]),
      '-t',
      `${job.dossierCode ?? 'quay'}-${job.formKey}`,
    ];
    const command = this.options.command ?? 'lp';
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text: string) => {
        stderr = (stderr + text).slice(-2000);
      });
      const timer = setTimeout(() => {
        child.kill();
        reject(new AppError('PRINTER_TIMEOUT', { printer: queue, seconds: Math.round(timeoutMs / 1000) }));
      }, timeoutMs);
      child.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          error.code === 'ENOENT'
            ? new AppError('PRINTER_SPOOLER_MISSING', { command })
            : new AppError('PRINTER_SPOOLER_FAILED', { printer: queue, details: error.message }),
        );
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        if (code === 0) return resolve();
        if (/does not exist|unknown destination|no such/i.test(stderr))
          return reject(new AppError('PRINTER_QUEUE_NOT_FOUND', { printer: queue }));
        reject(
          new AppError('PRINTER_SPOOLER_FAILED', {
            printer: queue,
            details: stderr.trim().split('\n')[0]?.slice(0, 300) || `exit ${code}`,
          }),
        );
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(job.pdf);
    });
  }
}
