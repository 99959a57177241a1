import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupStatus } from '../../../renderer/src/features/backup/BackupStatus';
import { DEFAULT_BACKUP_CONFIG, type BackupOverview, type BackupRun } from '../../../shared/backup/backup-plan';

afterEach(cleanup);

const config = { ...DEFAULT_BACKUP_CONFIG, destinations: ['E:\\SaoLuu', '\\\\nas\\SaoLuu'] };
const good: BackupRun = {
  destination: 'E:\\SaoLuu',
  at: '2026-12-06T10:30:00.000Z',
  ok: true,
  snapshot: '20261206-173000',
  errorCode: null,
  databaseBytes: 1_000_000,
  files: 3000,
  copiedFiles: 12,
  copiedBytes: 480_000,
  durationMs: 9000,
};
const failed: BackupRun = {
  ...good,
  destination: '\\\\nas\\SaoLuu',
  ok: false,
  snapshot: null,
  errorCode: 'BACKUP_DESTINATION_UNAVAILABLE',
};

function show(overview: Partial<BackupOverview>) {
  render(<BackupStatus overview={{ config, runs: [], warning: { kind: 'neverSucceeded' }, running: false, ...overview }} />);
  return screen.getByTestId('backup-status').textContent ?? '';
}

describe('the backup status on the Health screen (issue 18 §3)', () => {
  it('says when the last good copy was made, in Vietnam time, and what each destination did', () => {
    const text = show({
      runs: [good, failed],
      warning: { kind: 'destinationFailing', lastGoodAt: good.at, destinations: [failed.destination] },
    });
    expect(text).toContain('Lần sao lưu gần nhất vào \\\\nas\\SaoLuu không thành công');
    expect(text).toContain('06/12/2026 17:30:00');
    expect(text).toContain('Tốt: 3000 tệp (chép mới 12');
    expect(text).toContain('ổ đĩa chưa được cắm/kết nối');
  });

  it('warns after two days without a good copy and when nothing is set up', () => {
    expect(show({ warning: { kind: 'stale', lastGoodAt: good.at } })).toContain('Đã hơn hai ngày chưa có bản sao lưu tốt');
    cleanup();
    expect(show({ config: DEFAULT_BACKUP_CONFIG, warning: { kind: 'noDestination' } })).toContain('Chưa khai báo nơi sao lưu');
  });
});
