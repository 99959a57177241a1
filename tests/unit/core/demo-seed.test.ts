import { openCounterDatabase } from '../../../electron/core/platform/data-at-rest-key';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../../../electron/core/platform/file-store';
import { runCli } from '../../../electron/core/cli/run-cli';
import { cccdNumber, demoCitizen, seededRandom } from '../../../electron/core/demo/demo-people';
import { FakeClock, repoRoot, SITE, startReception, startWithAdmin, tempDir } from '../../helpers/test-core';

/** `quay …` at the given moment: Monday 2 March 2026, 10:00 in Vietnam, unless the test says otherwise. */
async function quay(args: string[], at = '2026-03-02T03:00:00.000Z') {
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

/** A data folder set up as the reception tests do (admin, site, sequence block), closed for the CLI. */
async function preparedFolder(): Promise<string> {
  const t = await startReception({ block: [1, 500] });
  t.core.close();
  return t.dataDir;
}

describe('demo people', () => {
  it('lays out CCCD numbers by birth province, sex and century, birth year', () => {
    const random = seededRandom(1);
    expect(cccdNumber(random, '038', 'male', 1987)).toMatch(/^038087\d{6}$/);
    expect(cccdNumber(random, '038', 'female', 1987)).toMatch(/^038187\d{6}$/);
    expect(cccdNumber(random, '001', 'female', 2004)).toMatch(/^001304\d{6}$/);
  });

  it('is reproducible from the seed and consistent within a citizen', () => {
    const a = demoCitizen(seededRandom(42), 'xã Quảng Phú');
    expect(demoCitizen(seededRandom(42), 'xã Quảng Phú')).toEqual(a);
    const year = Number(a.dateOfBirth!.slice(0, 4));
    expect(a.idNumber!.slice(4, 6)).toBe(String(year % 100).padStart(2, '0'));
    expect(Number(a.idNumber![3]) % 2).toBe(a.sex === 'female' ? 1 : 0);
    expect(a.fullName.split(' ')).toHaveLength(3);
    expect(a.address).toContain('xã Quảng Phú');
  });
});

describe('quay demo seed', () => {
  it('receives dossiers through the reception service with page scans in the file store, queued for sync', async () => {
    const dir = await preparedFolder();
    const result = await quay(['demo', 'seed', '--data', dir, '--dossiers', '4', '--pages', '3', '--days', '2', '--seed', '7']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Đã tạo 4 hồ sơ mẫu với 1[2-9] trang ảnh/);
    const { sqlite } = openCounterDatabase(dir);
    try {
      const dossiers = sqlite.prepare('SELECT id, code, owner_name, view FROM dossiers ORDER BY received_at').all() as {
        id: string;
        code: string;
        owner_name: string;
        view: string;
      }[];
      expect(dossiers).toHaveLength(4);
      expect(new Set(dossiers.map((d) => d.code)).size).toBe(4);
      expect(sqlite.prepare(`SELECT count(*) FROM outbox WHERE kind = 'dossier.received' AND acknowledged_at IS NULL`).pluck().get()).toBe(
        4,
      );
      const files = sqlite.prepare('SELECT dossier_id, sha256, media_type, bytes FROM component_files').all() as {
        dossier_id: string;
        sha256: string;
        media_type: string;
        bytes: number;
      }[];
      const store = new FileStore(dir);
      for (const dossier of dossiers) {
        const own = files.filter((f) => f.dossier_id === dossier.id);
        expect(own.length).toBeGreaterThanOrEqual(3);
        const view = JSON.parse(dossier.view) as { owner: { idNumber: string }; components: { required: boolean; state: string }[] };
        expect(view.owner.idNumber).toMatch(/^\d{12}$/);
        expect(view.components.filter((c) => c.required).every((c) => c.state === 'attached')).toBe(true);
      }
      const first = files[0]!;
      const bytes = store.read(first.sha256);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(first.sha256);
      expect(first.media_type).toBe('image/jpeg');
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 620, height: 877 });
      expect(new Set(files.map((f) => f.sha256)).size).toBe(files.length);
    } finally {
      sqlite.close();
    }
  });

  it('refuses a folder without site details, and bad counts, with a usage message', async () => {
    const t = await startWithAdmin();
    t.core.close();
    const unconfigured = await quay(['demo', 'seed', '--data', t.dataDir, '--dossiers', '2']);
    expect(unconfigured.code).toBe(2);
    expect(unconfigured.err).toMatch(/^SITE_NOT_CONFIGURED: /);
    for (const args of [['--dossiers', '0'], ['--dossiers', 'mười'], ['--dossiers', '3', '--pages', '-1'], []]) {
      const bad = await quay(['demo', 'seed', '--data', t.dataDir, ...args]);
      expect(bad.code).toBe(64);
      expect(bad.err).toContain('CLI_USAGE');
    }
    expect((await quay(['demo', 'grow', '--data', tempDir(), '--dossiers', '1'])).code).toBe(64);
  });

  it('works on a Sunday: onto the last working days with an everyday block, onto today with numbers dated today', async () => {
    const sunday = '2026-03-08T03:00:00.000Z';
    const everyday = await preparedFolder();
    const spread = await quay(
      ['demo', 'seed', '--data', everyday, '--dossiers', '4', '--pages', '0', '--days', '2', '--seed', '3'],
      sunday,
    );
    expect(spread).toMatchObject({ code: 0, err: '' });
    expect(codesIn(everyday).map((code) => code.split('-')[1])).toEqual(['260305', '260305', '260306', '260306']);

    const t = await startWithAdmin();
    await t.must('admin-window', 'site.update', SITE);
    await t.must('admin-window', 'sequence.addBlock', { date: '2026-03-08', first: 1, last: 50 });
    await t.core.close();
    const opened = await quay(
      ['demo', 'seed', '--data', t.dataDir, '--dossiers', '3', '--pages', '0', '--days', '2', '--seed', '3'],
      sunday,
    );
    expect(opened).toMatchObject({ code: 0, err: '' });
    expect(codesIn(t.dataDir)).toEqual([
      `${SITE.agencyCode}-260308-0001`,
      `${SITE.agencyCode}-260308-0002`,
      `${SITE.agencyCode}-260308-0003`,
    ]);
  });

  it('says exactly what to do, in Vietnamese, when it holds numbers for no recent day', async () => {
    const t = await startWithAdmin();
    await t.must('admin-window', 'site.update', SITE);
    await t.must('admin-window', 'sequence.addBlock', { date: '2026-03-10', first: 1, last: 50 });
    await t.core.close();
    const result = await quay(['demo', 'seed', '--data', t.dataDir, '--dossiers', '3'], '2026-03-08T03:00:00.000Z');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^DEMO_NO_NUMBERS: Máy chưa có số hồ sơ còn trống cho hôm nay \(2026-03-08\)/);
    expect(result.err).toContain('quay sync --once');
    expect(result.err).toContain('quay sequence add --date 2026-03-08 --first 1 --last 500');
  });

  it('keeps the dossiers already received when the sequence block runs out', async () => {
    const t = await startReception({ block: [1, 2] });
    t.core.close();
    const result = await quay(['demo', 'seed', '--data', t.dataDir, '--dossiers', '3', '--pages', '1', '--seed', '1']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Dừng sau 2 hồ sơ mẫu');
    expect(result.err).toContain('SEQUENCE_EXHAUSTED');
    const { sqlite } = openCounterDatabase(t.dataDir);
    expect(sqlite.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(2);
    sqlite.close();
  });
});

function codesIn(dataDir: string): string[] {
  const { sqlite } = openCounterDatabase(dataDir);
  try {
    return sqlite.prepare('SELECT code FROM dossiers ORDER BY received_at, code').pluck().all() as string[];
  } finally {
    sqlite.close();
  }
}
