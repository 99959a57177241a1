import { describe, expect, it } from 'vitest';
import { diagnosticLogFiles, formatDiagnosticLine, redactPersonalData } from '../../../shared/diagnostics/diagnostic-log';

describe('the diagnostic log keeps personal data out', () => {
  it.each([
    ['CCCD 038190012345 không hợp lệ', 'CCCD [số] không hợp lệ'],
    ['CMND 173456789', 'CMND [số]'],
    ['gọi 0912 345 678 hoặc +84 912.345.678', 'gọi [số] hoặc [số]'],
    ['gửi tới nhung.nguyen@gmail.com lỗi', 'gửi tới [email] lỗi'],
  ])('redacts %s', (line, expected) => {
    expect(redactPersonalData(line)).toBe(expected);
  });

  it('keeps what IT needs: codes, times, sizes, ports and stack positions', () => {
    const line = 'PRINTER_SPOOLER_FAILED at 2026-03-02T01:00:00.000Z on 127.0.0.1:9100, 1048576 bytes (form-print.ts:42:7)';
    expect(redactPersonalData(line)).toBe(line);
  });

  it('writes one line per entry, with time, level and source', () => {
    expect(formatDiagnosticLine(new Date('2026-03-02T01:00:00Z'), 'error', 'core', 'failed\n  at x (a.ts:1:2) CCCD 038190012345')).toBe(
      '2026-03-02T01:00:00.000Z ERROR [core] failed ⏎   at x (a.ts:1:2) CCCD [số]\n',
    );
  });

  it('names the current file first and its rotations after it', () => {
    expect(diagnosticLogFiles()).toEqual(['quay.log', 'quay.log.1', 'quay.log.2', 'quay.log.3']);
  });
});
