import { openCounterDatabase } from '../../../electron/core/platform/data-at-rest-key';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutOf } from '../../../electron/core/backup/backup-layout';
import { restoreBackup } from '../../../electron/core/backup/restore-backup';
import { verifyBackup } from '../../../electron/core/backup/verify-backup';
import { writeBackup } from '../../../electron/core/backup/write-backup';
import { diagnose } from '../../../electron/core/cli/commands/doctor';
import { runCli } from '../../../electron/core/cli/run-cli';
import { AppError } from '../../../shared/ipc/result';
import { CITIZEN, FakeClock, KHAI_SINH, repoRoot, startReception, tempDir, type TestCore } from '../../helpers/test-core';

const open: TestCore[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.core.close();
});

async function counter(): Promise<TestCore> {
  const t = await startReception({ block: [1, 500] });
  open.push(t);
  return t;
}

let serial = 0;
/** Accepts a khai sinh dossier whose two components carry a PDF of their own (distinct bytes, distinct files). */
async function accept(t: TestCore): Promise<string> {
  const files = [];
  for (const name of ['to-khai.pdf', 'giay-chung-sinh.pdf']) {
    serial += 1;
    const pdf = Buffer.from(`%PDF-1.4\n% page ${serial} ${'x'.repeat(serial % 97)}\n%%EOF\n`).toString('base64');
    files.push(await t.must('admin-window', 'reception.storeFile', { fileName: name, dataBase64: pdf }));
  }
  const draft = {
    procedureCode: KHAI_SINH,
    owner: CITIZEN,
    components: [
      { code: 'TP01', state: 'attached', files: [files[0]] },
      { code: 'TP02', state: 'attached', files: [files[1]] },
    ],
  };
  return (await t.must('admin-window', 'reception.accept', { draft })).dossier.code;
}

/** Every stored file of a data folder by name, with its bytes' hash. */
function storedFiles(dataDir: string): Map<string, string> {
  const root = path.join(dataDir, 'files');
  const result = new Map<string, string>();
  for (const folder of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    for (const file of fs.readdirSync(path.join(root, folder))) {
      result.set(
        `${folder}/${file}`,
        createHash('sha256')
          .update(fs.readFileSync(path.join(root, folder, file)))
          .digest('hex'),
      );
    }
  }
  return result;
}

function dossierRows(dataDir: string): unknown[] {
  const { sqlite } = openCounterDatabase(dataDir);
  try {
    return sqlite.prepare('SELECT id, code, owner_name, status, view FROM dossiers ORDER BY code').all();
  } finally {
    sqlite.close();
  }
}

function options(t: TestCore, keep = 14) {
  return { clock: t.clock, appVersion: '0.0.0-test', keep };
}

async function cli(args: string[], at = '2026-03-02T10:30:00.000Z') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env: {} },
    resourcesDir: repoRoot,
    appVersion: '0.0.0-test',
    clock: new FakeClock(new Date(at)),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('backup and restore of a counter (issue 18 §3)', () => {
  it('restores every dossier and every file byte for byte into a new folder that quay doctor finds healthy', async () => {
    const t = await counter();
    for (let i = 0; i < 4; i += 1) await accept(t);
    const destination = tempDir('quay-backup-');
    const report = await writeBackup({ sqlite: t.core.database.sqlite, dataDir: t.dataDir }, destination, options(t));
    expect(report.verification).toMatchObject({ ok: true, dossiers: 4, problems: [] });
    expect(report.files).toBe(storedFiles(t.dataDir).size);
    expect(report.copiedFiles).toBe(report.files);

    const restored = path.join(tempDir('quay-restore-'), 'data');
    const result = await restoreBackup({ from: destination, dataDir: restored });
    expect(result).toMatchObject({ snapshot: report.snapshot, dossiers: 4, files: report.files });
    await t.core.close();
    open.splice(0);
    expect(dossierRows(restored)).toEqual(dossierRows(t.dataDir));
    expect(storedFiles(restored)).toEqual(storedFiles(t.dataDir));
    const doctor = diagnose(restored, repoRoot);
    expect(doctor).toMatchObject({ ok: true, integrity: { ok: true }, auditChain: { ok: true } });
  });

  it('copies a stored file once: the next run copies only what is new', async () => {
    const t = await counter();
    await accept(t);
    const destination = tempDir('quay-backup-');
    const first = await writeBackup({ sqlite: t.core.database.sqlite, dataDir: t.dataDir }, destination, options(t));
    t.clock.advance(60_000);
    const second = await writeBackup({ sqlite: t.core.database.sqlite, dataDir: t.dataDir }, destination, options(t));
    expect(second.copiedFiles).toBe(0);
    await accept(t);
    t.clock.advance(60_000);
    const third = await writeBackup({ sqlite: t.core.database.sqlite, dataDir: t.dataDir }, destination, options(t));
    expect(third.copiedFiles).toBe(2);
    expect(third.files).toBe(first.files + 2);
    expect(fs.readdirSync(layoutOf(destination).snapshots)).toHaveLength(3);
  });

  it('takes a consistent copy while dossiers are being accepted on the same connection', async () => {
    const t = await counter();
    for (let i = 0; i < 3; i += 1) await accept(t);
    const destination = tempDir('quay-backup-');
    const backup = writeBackup({ sqlite: t.core.database.sqlite, dataDir: t.dataDir }, destination, { ...options(t), pagesPerStep: 1 });
    const during = Promise.all([accept(t), accept(t), accept(t)]);
    const [report] = await Promise.all([backup, during]);
    expect(report.verification.ok).toBe(true);
    expect(report.verification.dossiers).toBeGreaterThanOrEqual(3);
    expect(report.verification.dossiers).toBeLessThanOrEqual(6);
    const restored = path.join(tempDir('quay-restore-'), 'data');
    await restoreBackup({ from: destination, dataDir: restored });
    // Every dossier the copy holds has its files in the copy.
    const { sqlite } = openCounterDatabase(restored);
    const missing = (sqlite.prepare('SELECT sha256 FROM component_files').pluck().all() as string[]).filter(
      (sha) => !fs.existsSync(path.join(restored, 'files', sha.slice(0, 2), sha.slice(2))),
    );
    sqlite.close();
    expect(missing).toEqual([]);
  });

  it('finds a changed file and a changed database, and refuses to restore from them', async () => {
    const t = await counter();
    await accept(t);
    const destination = tempDir('quay-backup-');
    const report = await writeBackup({ sqlite: t.core.database.sqlite, dataDir: t.dataDir }, destination, options(t));
    const layout = layoutOf(destination);
    const [name] = [...storedFiles(t.dataDir).keys()];
    const pooled = path.join(layout.pool, name!);
    const bytes = fs.readFileSync(pooled);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2) ^ 0xff, bytes.length - 2);
    fs.writeFileSync(pooled, bytes);
    const copy = path.join(layout.snapshots, report.snapshot, 'quay.sqlite');
    fs.appendFileSync(copy, Buffer.alloc(4096));

    const verification = await verifyBackup(destination, { hash: 'all' });
    expect(verification.ok).toBe(false);
    expect(verification.problems).toEqual(expect.arrayContaining([{ kind: 'fileChanged', name }, { kind: 'databaseChanged' }]));
    const target = path.join(tempDir('quay-restore-'), 'data');
    await expect(restoreBackup({ from: destination, dataDir: target })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('never restores over a folder that holds anything, a live data folder least of all', async () => {
    const t = await counter();
    await accept(t);
    const destination = tempDir('quay-backup-');
    await writeBackup({ sqlite: t.core.database.sqlite, dataDir: t.dataDir }, destination, options(t));
    const before = dossierRows(t.dataDir);
    const error = await restoreBackup({ from: destination, dataDir: t.dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'BACKUP_RESTORE_TARGET_NOT_EMPTY' });
    expect((error as AppError).message).toContain('không bao giờ bị ghi đè');
    expect(dossierRows(t.dataDir)).toEqual(before);
  });

  it('refuses a destination that is not there (an unplugged USB drive) without making the folder', async () => {
    const t = await counter();
    const missing = path.join(tempDir('quay-backup-'), 'E-drive-not-plugged');
    await expect(writeBackup({ sqlite: t.core.database.sqlite, dataDir: t.dataDir }, missing, options(t))).rejects.toMatchObject({
      code: 'BACKUP_DESTINATION_UNAVAILABLE',
    });
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('keeps the newest snapshots only after a verified run', async () => {
    const t = await counter();
    await accept(t);
    const destination = tempDir('quay-backup-');
    const names: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      t.clock.advance(24 * 3600_000);
      names.push((await writeBackup({ sqlite: t.core.database.sqlite, dataDir: t.dataDir }, destination, options(t, 2))).snapshot);
    }
    expect(fs.readdirSync(layoutOf(destination).snapshots).sort()).toEqual(names.slice(1));
    expect((await verifyBackup(destination, { snapshot: names[1]!, hash: 'all' })).ok).toBe(true);
  });
});

describe('the backup service: settings, schedule, 1+1 and the Health warning', () => {
  it('runs at the set time to both destinations, records each outcome, and warns when one is failing', async () => {
    const t = await counter();
    await accept(t);
    const usb = tempDir('quay-usb-');
    const share = path.join(tempDir('quay-nas-'), 'not-mounted');
    // The fake clock starts at 08:00 in Vietnam. Once it jumps the screen locks, so the rest reads the service.
    await t.must('admin-window', 'backup.configure', { destinations: [usb, share], dailyAt: '17:30', keep: 7 });
    await t.core.services.backup.tick();
    expect((await t.must('admin-window', 'backup.overview')).runs).toEqual([]);
    const backup = t.core.services.backup;

    t.clock.set('2026-03-02T10:31:00.000Z'); // 17:31
    await backup.tick();
    const overview = backup.overview();
    expect(overview.runs).toEqual([
      expect.objectContaining({ destination: usb, ok: true, errorCode: null }),
      expect.objectContaining({ destination: share, ok: false, errorCode: 'BACKUP_DESTINATION_UNAVAILABLE' }),
    ]);
    expect(overview.warning).toEqual({ kind: 'destinationFailing', lastGoodAt: '2026-03-02T10:31:00.000Z', destinations: [share] });

    t.clock.advance(10 * 60_000);
    await backup.tick();
    expect(fs.readdirSync(layoutOf(usb).snapshots)).toHaveLength(1);

    t.clock.advance(3 * 24 * 3600_000);
    await backup.tick(); // the PC was off: the next tick after the time catches up
    expect(fs.readdirSync(layoutOf(usb).snapshots)).toHaveLength(2);
    const actions = t.core.services.audit.list(20).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['backup.configured', 'backup.completed', 'backup.failed']));
  });

  it('warns after two days without a good copy', async () => {
    const t = await counter();
    const usb = tempDir('quay-usb-');
    await t.must('admin-window', 'backup.configure', { destinations: [usb], dailyAt: '17:30', keep: 7 });
    expect((await t.must('admin-window', 'backup.overview')).warning).toEqual({ kind: 'neverSucceeded' });
    await t.must('admin-window', 'backup.run', { trigger: 'closeDay' });
    const good = (await t.must('admin-window', 'backup.overview')).warning;
    expect(good.kind).toBe('none');
    fs.rmSync(usb, { recursive: true });
    t.clock.advance(2 * 24 * 3600_000 + 60_000);
    const runs = await t.core.services.backup.run({ accountId: null, username: null }, 'manual');
    expect(runs).toEqual([expect.objectContaining({ ok: false, errorCode: 'BACKUP_DESTINATION_UNAVAILABLE' })]);
    expect(t.core.services.backup.overview().warning).toEqual({ kind: 'stale', lastGoodAt: good.lastGoodAt });
  });

  it('refuses a destination inside the data folder, and a run with no destination, in Vietnamese', async () => {
    const t = await counter();
    const inside = await t.call('admin-window', 'backup.configure', {
      destinations: [path.join(t.dataDir, 'backup')],
      dailyAt: '17:30',
      keep: 7,
    });
    expect(inside).toMatchObject({ ok: false, error: { code: 'BACKUP_DESTINATION_INSIDE_DATA' } });
    const bad = await t.call('admin-window', 'backup.configure', { destinations: ['/mnt/a'], dailyAt: '25:00', keep: 7 });
    expect(bad).toMatchObject({ ok: false });
    const none = await t.call('admin-window', 'backup.run', { trigger: 'manual' });
    expect(none).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_NO_DESTINATION', message: expect.stringContaining('Quản trị › Sao lưu') },
    });
  });
});

describe('quay backup / restore', () => {
  it('backs up, verifies, lists and restores from the command line; a damaged copy exits non-zero', async () => {
    const t = await counter();
    await accept(t);
    const dataDir = t.dataDir;
    await t.core.close();
    open.splice(0);
    const destination = tempDir('quay-backup-');
    const backup = await cli(['backup', '--data', dataDir, '--to', destination]);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/Đã sao lưu bản 20260302-173000 vào/);
    expect(backup.out).toMatch(/Bản sao lưu 20260302-173000 tốt: .*\(1 hồ sơ\), đủ 2 tệp/);
    expect((await cli(['backup', 'list', destination])).out).toBe('20260302-173000');
    expect((await cli(['backup', 'verify', destination])).code).toBe(0);

    const target = path.join(tempDir('quay-restore-'), 'data');
    const restored = await cli(['restore', '--from', destination, '--data', target]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('Đã khôi phục bản 20260302-173000');
    expect((await cli(['doctor', '--data', target])).code).toBe(0);
    expect((await cli(['restore', '--from', destination, '--data', target])).err).toContain('BACKUP_RESTORE_TARGET_NOT_EMPTY');

    fs.rmSync(path.join(layoutOf(destination).pool, [...storedFiles(dataDir).keys()][0]!));
    const damaged = await cli(['backup', 'verify', destination]);
    expect(damaged.code).toBe(1);
    expect(damaged.out).toMatch(/có 1 lỗi:\n {2}- thiếu tệp [0-9a-f]{2}\//);
  });
});
