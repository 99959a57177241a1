import { describe, expect, it } from 'vitest';
import { isStatusByte, readPrinterStatus, statusError, type PrinterStatus } from '../../../../electron/core/printing/printer-status';
import type { PrinterConnection, StatusQuery } from '../../../../electron/core/printing/transports/transport';

function answering(bytes: Record<StatusQuery, number>): PrinterConnection & { asked: StatusQuery[] } {
  const asked: StatusQuery[] = [];
  return {
    asked,
    queryStatus: async (query) => {
      asked.push(query);
      return bytes[query];
    },
    write: async () => undefined,
    finish: async () => undefined,
    abort: () => undefined,
  };
}

const ok: PrinterStatus = { offline: false, coverOpen: false, paperOut: false, paperNearEnd: false, errorCause: null };

describe('DLE EOT status', () => {
  it('tells status bytes (bits 1 and 4 set, 0 and 7 clear) from stray data', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x1a)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x92)).toBe(false);
  });

  it('decodes paper near end and paper end from the roll sensor, asking the error cause only on an error', async () => {
    const nearEnd = answering({ 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1e });
    expect(await readPrinterStatus(nearEnd)).toEqual({ ...ok, paperNearEnd: true });
    expect(nearEnd.asked).toEqual([1, 2, 4]);
    const jammed = answering({ 1: 0x1a, 2: 0x52, 3: 0x1a, 4: 0x12 });
    expect(await readPrinterStatus(jammed)).toEqual({ ...ok, offline: true, errorCause: 0x1a });
    expect(jammed.asked).toEqual([1, 2, 4, 3]);
  });

  it('is unknown on a one-way link', async () => {
    expect(await readPrinterStatus({ ...answering({ 1: 0, 2: 0, 3: 0, 4: 0 }), queryStatus: null })).toBeNull();
  });

  it('names the most specific fault: cover, then paper, then error, then offline', () => {
    expect(statusError(ok, 'p')).toBeNull();
    expect(statusError({ ...ok, paperNearEnd: true }, 'p')).toBeNull();
    expect(statusError({ ...ok, offline: true, coverOpen: true, paperOut: true }, 'p')?.code).toBe('PRINTER_COVER_OPEN');
    expect(statusError({ ...ok, offline: true, paperOut: true, errorCause: 0x1a }, 'p')?.code).toBe('PRINTER_PAPER_OUT');
    expect(statusError({ ...ok, offline: true, errorCause: 0x1a }, 'p')?.code).toBe('PRINTER_FAULT');
    expect(statusError({ ...ok, offline: true }, 'p')?.code).toBe('PRINTER_OFFLINE');
  });
});
