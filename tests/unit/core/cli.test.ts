import fs from 'node:fs';
import { openCounterDatabase } from '../../../electron/core/platform/data-at-rest-key';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../../electron/core/accounts/scrypt-password-hasher';
import { runCli } from '../../../electron/core/cli/run-cli';
import { databasePath } from '../../../electron/core/create-core';
import { latestMigration, repoRoot, tempDir } from '../../helpers/test-core';

async function quay(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from([stdin]), env: {} },
    resourcesDir: repoRoot,
    appVersion: '0.0.0-test',
    hasher: new ScryptPasswordHasher(FAST_SCRYPT_COST),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('quay doctor', () => {
  it('reports a folder the app has not used yet without creating anything', async () => {
    const dir = tempDir();
    const result = await quay(['doctor', '--data', dir]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Chưa có cơ sở dữ liệu');
    expect(fs.existsSync(databasePath(dir))).toBe(false);
  });

  it('reports migration version, integrity, audit chain and free disk as JSON', async () => {
    const dir = tempDir();
    expect(
      (await quay(['admin', 'create', '--data', dir, '--username', 'quantri', '--full-name', 'Trần Thị Bình'], 'MatKhau2026\n')).code,
    ).toBe(0);
    const result = await quay(['doctor', '--data', dir, '--json']);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({
      dataDir: dir,
      database: { exists: true },
      migration: { applied: latestMigration().count, known: latestMigration().count, latestTag: latestMigration().tag },
      integrity: { ok: true },
      auditChain: { ok: true, checked: 1 },
    });
    expect(report.freeDiskBytes).toBeGreaterThan(0);
  });

  it('fails with the tampered entry named when the audit chain is broken', async () => {
    const dir = tempDir();
    await quay(['admin', 'create', '--data', dir, '--username', 'quantri', '--full-name', 'Trần Thị Bình'], 'MatKhau2026\n');
    const { sqlite } = openCounterDatabase(dir);
    sqlite.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'auth.signedOut'`);
    sqlite.close();
    const result = await quay(['doctor', '--data', dir]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('BỊ CAN THIỆP tại bản ghi số 1');
  });

  it('explains a corrupt database in Vietnamese with its code', async () => {
    const dir = tempDir();
    fs.writeFileSync(databasePath(dir), 'không phải SQLite'.repeat(100));
    const result = await quay(['doctor', '--data', dir]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^DB_CORRUPT: Tệp cơ sở dữ liệu bị hỏng/);
  });

  it('takes the data folder from QUAY_DATA_DIR', async () => {
    const dir = tempDir();
    const out: string[] = [];
    await runCli(['doctor'], {
      io: { out: (l) => out.push(l), err: () => undefined, stdin: Readable.from(['']), env: { QUAY_DATA_DIR: dir } },
      resourcesDir: repoRoot,
      appVersion: 't',
    });
    expect(out.join('\n')).toContain(dir);
  });
});

describe('quay admin', () => {
  it('creates the first admin, then unlocks and resets passwords', async () => {
    const dir = tempDir();
    const created = await quay(
      ['admin', 'create', '--data', dir, '--username', 'QuanTri', '--full-name', 'Trần Thị Bình'],
      'MatKhau2026\n',
    );
    expect(created).toMatchObject({ code: 0, out: 'Đã tạo tài khoản “quantri” (Quản trị viên).' });
    const officer = await quay(
      ['admin', 'create', '--data', dir, '--username', 'canbo', '--full-name', 'Lê Văn Đức', '--role', 'officer'],
      'CanBo2026x\r\n',
    );
    expect(officer.code).toBe(0);

    const { sqlite } = openCounterDatabase(dir);
    sqlite.exec(`UPDATE accounts SET status = 'locked', lock_reason = 'failedAttempts', failed_attempts = 5 WHERE username = 'canbo'`);
    sqlite.close();

    expect((await quay(['admin', 'unlock', '--data', dir, '--username', 'canbo'])).out).toBe('Đã mở khóa tài khoản “canbo”.');
    const reset = await quay(['admin', 'reset-password', '--data', dir, '--username', 'canbo'], 'DatLai2026\n');
    expect(reset.code).toBe(0);

    const check = openCounterDatabase(dir).sqlite;
    expect(check.prepare(`SELECT status, failed_attempts, must_change_password FROM accounts WHERE username = 'canbo'`).get()).toEqual({
      status: 'active',
      failed_attempts: 0,
      must_change_password: 1,
    });
    const actors = check.prepare(`SELECT DISTINCT actor_username FROM audit_log WHERE action LIKE 'admin.%'`).pluck().all();
    expect(actors.every((a) => String(a).startsWith('cli:'))).toBe(true);
    check.close();
  });

  it.each([
    [['admin', 'create', '--username', 'x1'], 64, /CLI_USAGE/],
    [['admin', 'frobnicate', '--username', 'x1'], 64, /CLI_USAGE/],
    [['admin', 'unlock', '--username', 'khongco'], 2, /ACCOUNT_NOT_FOUND: Không tìm thấy tài khoản/],
    [['nonsense'], 64, /CLI_USAGE/],
    [['doctor', '--no-such-flag'], 64, /CLI_USAGE/],
  ])('answers %j with exit %i and a clear message', async (args, code, pattern) => {
    const dir = tempDir();
    await quay(['admin', 'create', '--data', dir, '--username', 'quantri', '--full-name', 'Trần Thị Bình'], 'MatKhau2026\n');
    const result = await quay([...args, '--data', dir]);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(pattern);
  });

  it('rejects a weak password from stdin and creates nothing', async () => {
    const dir = tempDir();
    const result = await quay(['admin', 'create', '--data', dir, '--username', 'quantri', '--full-name', 'Trần Thị Bình'], '123\n');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/PASSWORD_TOO_SHORT/);
    expect((await quay(['doctor', '--data', dir, '--json'])).out).toContain('"checked": 0');
  });

  it('prints usage in Vietnamese', async () => {
    const result = await quay(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Cách dùng: quay');
  });
});
