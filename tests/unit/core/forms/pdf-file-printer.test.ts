import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PdfFilePrinter } from '../../../../electron/core/printing/form-printers/pdf-file-printer';
import type { FormPrintJob } from '../../../../electron/core/printing/form-printers/form-printer';
import { AppError } from '../../../../shared/ipc/result';
import { FakeClock, tempDir } from '../../../helpers/test-core';

let dataDir: string;

function job(overrides: Partial<FormPrintJob> = {}): FormPrintJob {
  return {
    html: '<!DOCTYPE html><html></html>',
    pdf: new TextEncoder().encode('%PDF-1.4 receipt'),
    pageSize: 'A5',
    copies: 2,
    formKey: 'receipt',
    dossierCode: '000.00.06.H56-260423-0012',
    ...overrides,
  };
}

beforeEach(() => {
  dataDir = tempDir('quay-prints-');
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('PdfFilePrinter', () => {
  it('saves the PDF under prints/<local date>/<code>-<form>-<n>.pdf and says it did not print', async () => {
    // 17:30 UTC is already the next day in Vietnam.
    const printer = new PdfFilePrinter({ dataDir, clock: new FakeClock(new Date('2026-04-23T17:30:00.000Z')) });
    const outcome = await printer.print(job());
    const expected = path.join(dataDir, 'prints', '2026-04-24', '000.00.06.H56-260423-0012-receipt-1.pdf');
    expect(outcome).toEqual({ printed: false, savedPath: expected });
    expect(fs.readFileSync(expected, 'utf8')).toBe('%PDF-1.4 receipt');
  });

  it('numbers reprints, also when they run at the same time, and leaves no temporary files', async () => {
    const printer = new PdfFilePrinter({ dataDir, clock: new FakeClock(new Date('2026-04-23T02:00:00.000Z')) });
    const first = await printer.print(job());
    const together = await Promise.all([1, 2, 3, 4].map((n) => printer.print(job({ pdf: new TextEncoder().encode(`copy ${n}`) }))));
    const folder = path.dirname(first.savedPath!);
    const names = together.map((o) => path.basename(o.savedPath!)).sort();
    expect(names).toEqual([2, 3, 4, 5].map((n) => `000.00.06.H56-260423-0012-receipt-${n}.pdf`));
    expect(fs.readdirSync(folder).sort()).toEqual(['000.00.06.H56-260423-0012-receipt-1.pdf', ...names].sort());
    const contents = together.map((o) => fs.readFileSync(o.savedPath!, 'utf8')).sort();
    expect(contents).toEqual(['copy 1', 'copy 2', 'copy 3', 'copy 4']);
  });

  it('continues after the highest number already in the folder', async () => {
    const printer = new PdfFilePrinter({ dataDir, clock: new FakeClock(new Date('2026-04-23T02:00:00.000Z')) });
    const folder = path.join(dataDir, 'prints', '2026-04-23');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, '000.00.06.H56-260423-0012-receipt-7.pdf'), 'old');
    fs.writeFileSync(path.join(folder, '000.00.06.H56-260423-0012-control_slip-9.pdf'), 'other form');
    const outcome = await printer.print(job());
    expect(path.basename(outcome.savedPath!)).toBe('000.00.06.H56-260423-0012-receipt-8.pdf');
    expect(fs.readFileSync(path.join(folder, '000.00.06.H56-260423-0012-receipt-7.pdf'), 'utf8')).toBe('old');
  });

  it('names forms without a dossier by the form alone, and makes unsafe characters harmless', async () => {
    const printer = new PdfFilePrinter({ dataDir, clock: new FakeClock(new Date('2026-04-23T02:00:00.000Z')) });
    const refusal = await printer.print(job({ formKey: 'refusal', dossierCode: null }));
    expect(path.basename(refusal.savedPath!)).toBe('refusal-1.pdf');
    const odd = await printer.print(job({ dossierCode: '../../etc/passwd' }));
    expect(path.dirname(odd.savedPath!)).toBe(path.join(dataDir, 'prints', '2026-04-23'));
    expect(path.basename(odd.savedPath!)).toBe('.._.._etc_passwd-receipt-1.pdf');
  });

  it('reports a folder it cannot write as PRINT_SAVE_FAILED with the folder', async () => {
    fs.writeFileSync(path.join(dataDir, 'prints'), 'a file where the folder should be');
    const printer = new PdfFilePrinter({ dataDir, clock: new FakeClock(new Date('2026-04-23T02:00:00.000Z')) });
    const failure = await printer.print(job()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('PRINT_SAVE_FAILED');
    expect((failure as AppError).message).toContain(path.join(dataDir, 'prints', '2026-04-23'));
  });
});
