import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCentralCli } from '../../central/cli';
import { openCentralDatabase } from '../../central/db/open';
import { enrolmentCodes } from '../../central/db/schema';
import { repoRoot, tempDir } from './temp';

function dataDirFromTemplate(): string {
  const dir = tempDir('quay-central-cli-');
  fs.cpSync(inject('centralTemplate'), dir, { recursive: true });
  return dir;
}

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCentralCli(args, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

describe('quay-central CLI', () => {
  it('issues enrolment codes, revokes devices and reports stats', async () => {
    const data = dataDirFromTemplate();
    const issued = await run([
      'enroll-code',
      '--data',
      data,
      '--agency',
      '000.00.06.H56',
      '--counter',
      'Quầy 1',
      '--expected-daily',
      '150',
      '--json',
    ]);
    expect(issued.code).toBe(0);
    expect(JSON.parse(issued.out)).toMatchObject({ code: expect.stringMatching(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/) });
    expect(await run(['revoke-device', 'no-such-device', '--data', data])).toMatchObject({ code: 1, out: 'no device no-such-device' });
    const stats = await run(['stats', '--json', '--data', data]);
    expect(JSON.parse(stats.out)).toEqual({
      devices: { active: 0, revoked: 0 },
      enrolmentCodesOpen: 1,
      appliedCommands: 0,
      dossiers: 0,
      dossierEvents: 0,
      blobs: { complete: 0, incomplete: 0, bytes: 0 },
      changes: 0,
      perAgency: {},
    });
    const database = await openCentralDatabase({ dataDir: data });
    expect(await database.db.select({ expected: enrolmentCodes.expectedDailyDossiers }).from(enrolmentCodes)).toEqual([{ expected: 150 }]);
    await database.close();
  }, 60_000);

  it('imports catalogue, calendar and staff into the pull feed once, and reports bad items', async () => {
    const data = dataDirFromTemplate();
    const file = (name: string, content: unknown) => {
      const target = path.join(data, name);
      fs.writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
      return target;
    };
    const procedure = {
      code: '1.001193.000.00.00.H56',
      name: 'Đăng ký khai sinh',
      sectorCode: 'G01',
      sectorName: 'Hộ tịch',
      level: 'commune',
      duration: { unit: 'workingDays', value: 1 },
      components: [{ code: 'TK', name: 'Tờ khai đăng ký khai sinh', required: true }],
    };
    const catalog = file('catalog.json', {
      version: 1,
      procedures: [procedure],
      agencies: [{ code: '000.00.06.H56', name: 'UBND xã Yên Thái' }],
    });
    expect(await run(['import', 'catalog', catalog, '--data', data])).toMatchObject({
      code: 0,
      out: 'catalog: 2 changed, 0 unchanged, 0 rejected',
    });
    expect(await run(['import', 'catalog', catalog, '--data', data])).toMatchObject({
      code: 0,
      out: 'catalog: 0 changed, 2 unchanged, 0 rejected',
    });
    const calendar = file('calendar.json', {
      version: 1,
      days: [
        { date: '2026-09-02', kind: 'dayOff', name: 'Quốc khánh' },
        { date: '2026-13-01', kind: 'dayOff', name: 'x' },
      ],
    });
    const imported = await run(['import', 'calendar', calendar, '--data', data]);
    expect(imported.code).toBe(1);
    expect(imported.out).toContain('calendar: 1 changed, 0 unchanged, 1 rejected');
    expect(imported.out).toContain('item 2');
    const staff = file('staff.json', {
      version: 1,
      staff: [
        {
          username: 'canbo01',
          fullName: 'Lê Văn Cán Bộ',
          role: 'officer',
          passwordHash: 'scrypt$1024$8$1$c2FsdA==$a2V5',
          locked: false,
          agencyCode: '000.00.06.H56',
        },
      ],
    });
    expect(await run(['import', 'staff', staff, '--data', data])).toMatchObject({ code: 0 });
    expect(await run(['import', 'staff', file('wrong.json', '{"version":1,"days":[]}'), '--data', data])).toMatchObject({
      code: 1,
      out: expect.stringContaining('not a staff file'),
    });
    expect(await run(['import', 'roster', staff, '--data', data])).toMatchObject({ code: 2 });
    const token = await run([
      'backoffice-token',
      '--name',
      'Hệ thống một cửa tỉnh',
      '--scope',
      'dossier-status,files',
      '--json',
      '--data',
      data,
    ]);
    expect(JSON.parse(token.out)).toMatchObject({
      token: expect.stringMatching(/^qbo_[A-Za-z0-9_-]{43}$/),
      scopes: ['dossier-status', 'files'],
    });
    expect(await run(['backoffice-token', '--data', data])).toMatchObject({ code: 2 });
    expect(JSON.parse((await run(['stats', '--json', '--data', data])).out)).toMatchObject({ changes: 4 });
  }, 60_000);

  it('explains usage mistakes with exit code 2', async () => {
    const data = tempDir('quay-central-cli-');
    expect(await run(['enroll-code', '--data', data, '--agency', '000.00.06.H56'])).toMatchObject({
      code: 2,
      out: expect.stringContaining('needs --agency and --counter'),
    });
    expect(
      await run(['enroll-code', '--data', data, '--agency', '000.00.06.H56', '--counter', 'Quầy 1', '--expected-daily', '0']),
    ).toMatchObject({ code: 2, out: expect.stringContaining('--expected-daily must be a whole number from 1 to 1000') });
    expect(await run(['launch', '--data', data])).toMatchObject({ code: 2, out: expect.stringContaining('unknown command launch') });
    expect(await run(['revoke-device', '--data', data])).toMatchObject({ code: 2, out: expect.stringContaining('needs a device id') });
    expect(await run(['stats', '--verbose'])).toMatchObject({ code: 2, out: expect.stringContaining("Unknown option '--verbose'") });
    expect(await run(['serve', '--public-url', 'http://127.0.0.1', '--data', data, '--stale-upload-days', '0'])).toMatchObject({
      code: 2,
      out: expect.stringContaining('--stale-upload-days must be between 1 and 365'),
    });
    expect((await run([])).code).toBe(2);
    expect(fs.readdirSync(data)).toEqual([]);
  });

  it('serves on 127.0.0.1 from `tsx central/cli.ts serve`, with a 0600 master key beside the data, and sweeps stale partial uploads at start', async () => {
    const data = dataDirFromTemplate();
    const stalePart = path.join(data, 'blobs', 'ab', `ab${'0'.repeat(62)}.part`);
    fs.mkdirSync(path.dirname(stalePart), { recursive: true });
    fs.writeFileSync(stalePart, 'abandoned');
    const longAgo = new Date(Date.now() - 30 * 86_400_000);
    fs.utimesSync(stalePart, longAgo, longAgo);
    const child = spawn(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        'central/cli.ts',
        'serve',
        '--port',
        '0',
        '--public-url',
        'http://127.0.0.1',
        '--data',
        data,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(await (await fetch(`${url}/v1/health`)).json()).toMatchObject({ status: 'ok', database: 'embedded' });
      expect(fs.statSync(path.join(data, 'gateway.key')).mode & 0o777).toBe(0o600);
      await expect.poll(() => fs.existsSync(stalePart), { timeout: 10_000 }).toBe(false);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});

describe('quay-central authority', () => {
  it('stores and lists which agencies a counter may act for, and refuses a bad grant before opening the database', async () => {
    const data = dataDirFromTemplate();
    const successor = ['--data', data, '--agency', '003.02.06.H56', '--for', '001.02.06.H56'];
    expect(await run(['authority', 'add', ...successor])).toMatchObject({
      code: 2,
      out: expect.stringContaining('--kind on-behalf or --kind successor'),
    });
    expect(await run(['authority', 'add', ...successor, '--kind', 'successor'])).toMatchObject({
      code: 2,
      out: expect.stringContaining('authority not stored: SUCCESSOR_NEEDS_DATE'),
    });
    expect(await run(['authority', 'add', ...successor, '--kind', 'successor', '--from', '2025-07-01'])).toEqual({
      code: 0,
      out: 'authority stored',
    });
    expect(await run(['authority', 'list', '--data', data])).toEqual({
      code: 0,
      out: '003.02.06.H56 acts successor of 001.02.06.H56 from 2025-07-01',
    });
  }, 60_000);
});
