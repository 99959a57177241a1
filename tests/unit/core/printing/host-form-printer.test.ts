import { describe, expect, it, vi } from 'vitest';
import { HostFormPrinter } from '../../../../electron/core/printing/form-printers/host-form-printer';
import type { FormPrinter, FormPrintJob } from '../../../../electron/core/printing/form-printers/form-printer';
import { errorMessage } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';

const JOB: FormPrintJob = {
  html: '<p>Mẫu 01</p>',
  pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
  pageSize: 'A5',
  copies: 2,
  formKey: 'receipt',
  dossierCode: '000.00.10.H01-260302-0001',
} as FormPrintJob;

function keeper(order: string[]): FormPrinter {
  return {
    print: vi.fn(async () => {
      order.push('keep');
      return { printed: false, savedPath: '/data/forms/01.pdf' };
    }),
  };
}

describe('HostFormPrinter', () => {
  it('keeps the PDF first, then prints the same HTML once to the printer chosen for its page size', async () => {
    const order: string[] = [];
    const print = vi.fn(async () => {
      order.push('print');
    });
    const printer = new HostFormPrinter({ keep: keeper(order), print, printerFor: (job) => (job.pageSize === 'A5' ? 'Canon_A5' : null) });
    expect(await printer.print(JOB)).toEqual({ printed: true, savedPath: '/data/forms/01.pdf' });
    expect(order).toEqual(['keep', 'print']);
    expect(print).toHaveBeenCalledWith(JOB.html, { pageSize: 'A5', deviceName: 'Canon_A5' });
  });

  it('only keeps the PDF when no printer is chosen for that page size', async () => {
    const print = vi.fn();
    const printer = new HostFormPrinter({ keep: keeper([]), print, printerFor: () => null });
    expect(await printer.print({ ...JOB, pageSize: 'A4' })).toEqual({ printed: false, savedPath: '/data/forms/01.pdf' });
    expect(print).not.toHaveBeenCalled();
  });

  it('reports a failed print in Vietnamese after the PDF is already kept', async () => {
    const order: string[] = [];
    const printer = new HostFormPrinter({
      keep: keeper(order),
      print: async () => Promise.reject(new Error('spooler stopped')),
      printerFor: () => 'Canon_A5',
    });
    const failure = await printer.print(JOB).catch((error: unknown) => error);
    expect(order).toEqual(['keep']);
    expect((failure as AppError).code).toBe('PRINTER_SPOOLER_FAILED');
    expect((failure as AppError).message).toBe(errorMessage('PRINTER_SPOOLER_FAILED', { printer: 'Canon_A5', details: 'spooler stopped' }));
  });

  it("passes the host's own AppError through unchanged", async () => {
    const timeout = new AppError('FORM_PRINT_TIMEOUT', { printer: 'Canon_A5', seconds: 75 });
    const printer = new HostFormPrinter({ keep: keeper([]), print: async () => Promise.reject(timeout), printerFor: () => 'Canon_A5' });
    await expect(printer.print(JOB)).rejects.toBe(timeout);
  });
});
