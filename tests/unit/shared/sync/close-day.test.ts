import { describe, expect, it } from 'vitest';
import { closeDayCheck, signOutNeedsWarning } from '../../../../shared/sync/close-day';

const status = { enrolled: true, pendingCommands: 0, pendingFiles: 0, failures: [], lastError: null };

describe('closing the day', () => {
  it('is clear when nothing waits, enrolled or not, and signs out without asking', () => {
    for (const enrolled of [true, false]) {
      const check = closeDayCheck({ ...status, enrolled });
      expect(check).toEqual({ kind: 'clear' });
      expect(signOutNeedsWarning(check)).toBe(false);
    }
  });

  it('warns while commands or files wait for the province, with what was refused and the last error', () => {
    const check = closeDayCheck({
      ...status,
      pendingCommands: 3,
      pendingFiles: 7,
      failures: [{}],
      lastError: { message: 'Không kết nối được' },
    });
    expect(check).toEqual({ kind: 'pending', commands: 3, files: 7, refused: 1, lastError: 'Không kết nối được' });
    expect(signOutNeedsWarning(check)).toBe(true);
    expect(closeDayCheck({ ...status, pendingFiles: 2 })).toEqual({ kind: 'pending', commands: 0, files: 2, refused: 0, lastError: null });
  });

  it('only informs on a counter not enrolled: no sync could send its queue yet', () => {
    const check = closeDayCheck({ ...status, enrolled: false, pendingCommands: 2, pendingFiles: 1 });
    expect(check).toEqual({ kind: 'notEnrolled', commands: 2, files: 1 });
    expect(signOutNeedsWarning(check)).toBe(false);
  });
});
