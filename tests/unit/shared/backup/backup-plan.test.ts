import { describe, expect, it } from 'vitest';
import {
  backupWarning,
  compareSnapshotIds,
  DEFAULT_BACKUP_CONFIG,
  isBackupDue,
  recordRun,
  scheduledInstant,
  snapshotIdFor,
  snapshotsToDrop,
  type BackupRun,
} from '../../../../shared/backup/backup-plan';

const config = { ...DEFAULT_BACKUP_CONFIG, destinations: ['/mnt/usb', '//nas/backup'], dailyAt: '17:30' };

function run(destination: string, at: string, ok = true): BackupRun {
  return {
    destination,
    at,
    ok,
    snapshot: ok ? snapshotIdFor(new Date(at)) : null,
    errorCode: ok ? null : 'BACKUP_DESTINATION_UNAVAILABLE',
    databaseBytes: 1,
    files: 0,
    copiedFiles: 0,
    copiedBytes: 0,
    durationMs: 1,
  };
}

describe('the daily backup schedule (Vietnam time, whatever the machine zone)', () => {
  it('places the slot at the Vietnam wall-clock time of the same Vietnam day', () => {
    // 23:50 UTC on 5 Dec is 06:50 on 6 Dec in Vietnam: today's slot is 6 Dec 17:30 local = 10:30 UTC.
    expect(scheduledInstant(new Date('2026-12-05T23:50:00Z'), '17:30').toISOString()).toBe('2026-12-06T10:30:00.000Z');
  });

  it('is due once the time has passed and nothing was attempted since, on any day of the week', () => {
    const sunday = new Date('2026-12-06T10:31:00Z');
    expect(isBackupDue(new Date('2026-12-06T10:29:00Z'), config, null)).toBe(false);
    expect(isBackupDue(sunday, config, null)).toBe(true);
    expect(isBackupDue(sunday, config, new Date('2026-12-05T10:30:00Z'))).toBe(true);
    expect(isBackupDue(sunday, config, new Date('2026-12-06T10:30:30Z'))).toBe(false);
  });

  it('catches up when the PC is switched on after the time, and waits for tomorrow after a run', () => {
    const nextMorning = new Date('2026-12-07T01:00:00Z'); // 08:00 on 7 Dec: today's slot is still ahead
    expect(isBackupDue(nextMorning, config, new Date('2026-12-05T10:30:00Z'))).toBe(false);
    expect(isBackupDue(new Date('2026-12-07T11:00:00Z'), config, new Date('2026-12-06T10:31:00Z'))).toBe(true);
  });

  it('crosses New Year’s Eve and a leap day', () => {
    expect(isBackupDue(new Date('2026-12-31T16:59:59Z'), { ...config, dailyAt: '23:59' }, new Date('2026-12-30T17:00:00Z'))).toBe(true);
    expect(scheduledInstant(new Date('2028-02-29T12:00:00Z'), '00:00').toISOString()).toBe('2028-02-28T17:00:00.000Z');
  });

  it('is never due without a destination', () => {
    expect(isBackupDue(new Date('2026-12-06T12:00:00Z'), { ...config, destinations: [] }, null)).toBe(false);
  });
});

describe('the Health screen warning', () => {
  const now = new Date('2026-12-06T12:00:00Z');

  it('asks for a destination, then for a first good run', () => {
    expect(backupWarning(now, { ...config, destinations: [] }, { lastAttemptAt: null, runs: [] })).toEqual({ kind: 'noDestination' });
    expect(backupWarning(now, config, { lastAttemptAt: null, runs: [run('/mnt/usb', '2026-12-06T10:30:00Z', false)] })).toEqual({
      kind: 'neverSucceeded',
    });
  });

  it('warns when the last good copy is older than two days, not at exactly two days', () => {
    const twoDays = run('/mnt/usb', '2026-12-04T12:00:00Z');
    const nas = run('//nas/backup', '2026-12-04T12:00:00Z');
    expect(backupWarning(now, config, { lastAttemptAt: null, runs: [twoDays, nas] }).kind).toBe('none');
    const older = run('/mnt/usb', '2026-12-04T11:59:00Z');
    expect(backupWarning(now, config, { lastAttemptAt: null, runs: [older] })).toEqual({ kind: 'stale', lastGoodAt: older.at });
  });

  it('says when one of the two destinations is failing', () => {
    const warning = backupWarning(now, config, {
      lastAttemptAt: null,
      runs: [run('/mnt/usb', '2026-12-06T10:30:00Z'), run('//nas/backup', '2026-12-06T10:31:00Z', false)],
    });
    expect(warning).toEqual({ kind: 'destinationFailing', lastGoodAt: '2026-12-06T10:30:00Z', destinations: ['//nas/backup'] });
  });

  it('ignores runs to destinations no longer configured', () => {
    expect(backupWarning(now, config, { lastAttemptAt: null, runs: [run('/old/disk', '2026-12-06T10:30:00Z')] }).kind).toBe(
      'neverSucceeded',
    );
  });
});

describe('snapshot names and retention', () => {
  it('names a snapshot by its Vietnam time to the second', () => {
    expect(snapshotIdFor(new Date('2026-12-31T16:59:30Z'))).toBe('20261231-235930');
    expect(snapshotIdFor(new Date('2026-12-31T17:00:00Z'))).toBe('20270101-000000');
  });

  it('drops the oldest beyond keep, same-second duplicates in order, and never a foreign folder', () => {
    const ids = ['20261205-173000', 'lost+found', '20261206-173000-2', '20261206-173000', '20261204-173000', '.20261207-173000.partial'];
    expect(snapshotsToDrop(ids, 2)).toEqual(['20261204-173000', '20261205-173000']);
    expect(snapshotsToDrop(ids, 10)).toEqual([]);
    expect(['20261206-173000-2', '20261206-173000'].sort(compareSnapshotIds)).toEqual(['20261206-173000', '20261206-173000-2']);
  });
});

describe('the runs kept per destination', () => {
  it('keeps the latest run, and the last good one while the latest failed', () => {
    const good = run('/mnt/usb', '2026-12-05T10:30:00Z');
    const failed = run('/mnt/usb', '2026-12-06T10:30:00Z', false);
    const nas = run('//nas/backup', '2026-12-06T10:31:00Z');
    expect(recordRun([good, nas], failed)).toEqual([nas, good, failed]);
    const again = run('/mnt/usb', '2026-12-07T10:30:00Z');
    expect(recordRun([nas, good, failed], again)).toEqual([nas, again]);
  });
});
