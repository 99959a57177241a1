import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { lockPath, type DataDirLock } from '../../central/admin-endpoint';
import { runCentralCli } from '../../central/cli';
import { repoRoot, tempDir } from './temp';

function dataDirFromTemplate(): string {
  const dir = tempDir('quay-central-admin-');
  fs.cpSync(inject('centralTemplate'), dir, { recursive: true });
  return dir;
}

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCentralCli(args, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

/** `quay-central` in its own process, as site IT runs it beside a running gateway. */
function runProcess(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'central/cli.ts', ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out: out.trim() }));
  });
}

function startServe(data: string): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'central/cli.ts', 'serve', '--port', '0', '--public-url', 'http://127.0.0.1', '--data', data],
    {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function enrol(url: string, code: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, counterName: 'Quầy 1' }),
  });
  return { status: response.status, body: await response.json() };
}

describe('quay-central admin commands beside a running serve on PGlite', () => {
  let data: string;
  let gateway: { child: ChildProcessWithoutNullStreams; url: string };

  beforeAll(async () => {
    data = dataDirFromTemplate();
    gateway = await startServe(data);
  }, 120_000);

  afterAll(async () => {
    if (gateway) await stop(gateway.child);
  });

  it('announces a loopback admin endpoint in a 0600 lock file, refusing requests without its token', async () => {
    const file = lockPath(data);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as DataDirLock;
    expect(lock).toMatchObject({
      pid: gateway.child.pid,
      state: 'serving',
      port: expect.any(Number),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const admin = `http://127.0.0.1:${lock.port}/admin`;
    const body = JSON.stringify({ command: 'stats' });
    expect((await fetch(admin, { method: 'POST', body })).status).toBe(401);
    expect((await fetch(admin, { method: 'POST', body, headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${gateway.url}/admin`, { method: 'POST', body, headers: { authorization: `Bearer ${lock.token}` } })).status).toBe(
      404,
    );
  });

  it('issues an enrolment code from another process that the running gateway accepts, then revokes the device and counts it', async () => {
    const issued = await runProcess(['enroll-code', '--data', data, '--agency', '000.00.06.H56', '--counter', 'Quầy 1', '--json']);
    expect(issued.code).toBe(0);
    const { code } = JSON.parse(issued.out) as { code: string };
    const enrolled = await enrol(gateway.url, code);
    expect(enrolled).toMatchObject({ status: 200, body: { deviceId: expect.any(String), agencyCode: '000.00.06.H56' } });
    const deviceId = enrolled.body.deviceId as string;

    expect(JSON.parse((await run(['stats', '--json', '--data', data])).out)).toMatchObject({
      devices: { active: 1, revoked: 0 },
      enrolmentCodesOpen: 0,
    });
    expect(await run(['revoke-device', deviceId, '--data', data])).toEqual({ code: 0, out: `device ${deviceId} revoked` });
    expect(await run(['revoke-device', 'no-such-device', '--data', data])).toEqual({ code: 1, out: 'no device no-such-device' });
    expect(JSON.parse((await run(['stats', '--json', '--data', data])).out)).toMatchObject({ devices: { active: 0, revoked: 1 } });

    const calendar = path.join(tempDir(), 'calendar.json');
    fs.writeFileSync(calendar, JSON.stringify({ version: 1, days: [{ date: '2026-12-31', kind: 'dayOff', name: 'Nghỉ cuối năm' }] }));
    expect(await run(['import', 'calendar', calendar, '--data', data])).toEqual({
      code: 0,
      out: 'calendar: 1 changed, 0 unchanged, 0 rejected',
    });
    // A back-office token is made only for the scopes it names (issue 17 finding 4).
    expect((await run(['backoffice-token', '--name', 'Một cửa tỉnh', '--json', '--data', data])).code).toBe(2);
    const token = await run(['backoffice-token', '--name', 'Một cửa tỉnh', '--scope', 'dossier-status', '--json', '--data', data]);
    expect(JSON.parse(token.out)).toMatchObject({ token: expect.stringMatching(/^qbo_/) });
    expect(await run(['migrate', '--data', data])).toEqual({ code: 0, out: 'migrations applied' });
  }, 120_000);

  it('refuses a second serve on the same folder', async () => {
    expect(await run(['serve', '--port', '0', '--public-url', 'http://127.0.0.1', '--data', data])).toEqual({
      code: 1,
      out: `GATEWAY_BUSY: ${data} is already served by process ${gateway.child.pid}`,
    });
  });
});

describe('quay-central admin commands and the data folder lock', () => {
  it('refuses, changing nothing, when the folder is held by a live gateway whose admin endpoint does not answer', async () => {
    const data = dataDirFromTemplate();
    const lock: DataDirLock = { pid: process.pid, state: 'serving', port: 9, token: 'x'.repeat(43) };
    fs.writeFileSync(lockPath(data), JSON.stringify(lock), { mode: 0o600 });
    const refused = await run(['enroll-code', '--data', data, '--agency', '000.00.06.H56', '--counter', 'Quầy 1']);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(
      /^GATEWAY_BUSY: .* held by a running gateway \(process \d+\) whose admin endpoint 127\.0\.0\.1:9 does not answer; nothing was done/,
    );
    fs.rmSync(lockPath(data));
    expect(JSON.parse((await run(['stats', '--json', '--data', data])).out)).toMatchObject({ enrolmentCodesOpen: 0 });
  }, 60_000);

  it('clears the lock of a gateway that is gone, and opens the database itself once serve has stopped', async () => {
    const data = dataDirFromTemplate();
    const gateway = await startServe(data);
    await stop(gateway.child);
    expect(fs.existsSync(lockPath(data))).toBe(false);

    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    fs.writeFileSync(lockPath(data), JSON.stringify({ pid: dead.pid, state: 'serving', port: 9, token: 't' }), { mode: 0o600 });
    const issued = await run(['enroll-code', '--data', data, '--agency', '000.00.06.H56', '--counter', 'Quầy 2', '--json']);
    expect(issued.code).toBe(0);
    expect(fs.existsSync(lockPath(data))).toBe(false);

    const restarted = await startServe(data);
    try {
      expect(await enrol(restarted.url, (JSON.parse(issued.out) as { code: string }).code)).toMatchObject({ status: 200 });
    } finally {
      await stop(restarted.child);
    }
  }, 120_000);
});
