import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { postDossierStatus } from '../../../central/backoffice';
import { dvcqgOutbox } from '../../../central/db/schema';
import type { DvcqgPortalConfigInput } from '../../../central/portal/portal-config';
import { DvcqgPortalSimulator, PORTAL_AUTH_PATH, PORTAL_INTEGRATION_PATH } from '../../peers/dvcqg-portal-simulator';
import { repoRoot } from '../temp';
import { CATALOGUE, GatewayDatabase, receiveDossier } from './portal-fixture';

/**
 * Issue 15 acceptance: a real gateway process, killed with SIGKILL while a call to the portal is under way, loses
 * nothing and sends nothing twice. The child has no injectable clock, so libfaketime sets it (scripts/setup.sh
 * installs faketime): it starts on Friday 4 December 2026 at 17:20 Vietnam time and comes back ten minutes later,
 * after the dead process's lease (5 minutes) and a portal outage of that length.
 */

const FRIDAY_1720_VN = '2026-12-04 10:20:00'; // UTC, given to faketime with TZ=UTC
const FRIDAY_1730_VN = '2026-12-04 10:30:00';

let gateway: GatewayDatabase;
let portal: DvcqgPortalSimulator;
let configFile = '';
let code = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  // The portal's clock: a little after the faked gateway's, fixed, so its "not later than now" rule is judged the same way every run.
  portal = await DvcqgPortalSimulator.start({
    username: 'motcua',
    password: 'mat-khau',
    dstcode: 'H56',
    madonvi: '000.00.00.H56',
    now: () => new Date('2026-12-04T10:45:00.000Z'),
    catalogue: CATALOGUE,
  });
  gateway = await GatewayDatabase.create();
  code = await receiveDossier(gateway, { channel: 'online' }); // received on 2 March, due the 3rd (the fixture's dossier)
  const backOffice = { id: 'bo', name: 'Phòng Tư pháp' };
  await postDossierStatus(
    gateway.database.db,
    backOffice,
    code,
    { status: 4, note: 'Đang thẩm định' },
    new Date('2026-03-02T02:00:00.000Z'),
  );
  await postDossierStatus(
    gateway.database.db,
    backOffice,
    code,
    { status: 9, note: 'Đã có kết quả' },
    new Date('2026-03-02T03:00:00.000Z'),
  );
  await gateway.close();
  const config: DvcqgPortalConfigInput = {
    adapterUrl: portal.url,
    authPath: PORTAL_AUTH_PATH,
    integrationPath: PORTAL_INTEGRATION_PATH,
    username: 'motcua',
    password: 'mat-khau',
    dstcode: 'H56',
    madonvi: '000.00.00.H56',
    // Longer than the test: the hanging call is ended by the kill, not by the client giving up.
    timeoutMs: 300_000,
    fileBaseUrl: 'https://mot-cua.tinh.gov.vn/v1/files',
  };
  configFile = path.join(gateway.dataDir, '..', `${path.basename(gateway.dataDir)}-dvcqg.json`);
  fs.writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await portal?.close();
  fs.rmSync(configFile, { force: true });
  fs.rmSync(gateway.dataDir, { recursive: true, force: true });
});

/**
 * libfaketime as the `faketime` wrapper loads it. Preloaded straight into node, not through the wrapper: the wrapper
 * runs the program as its own child, so a SIGKILL to it would leave the gateway running.
 */
const LIBFAKETIME = ['x86_64-linux-gnu', 'aarch64-linux-gnu', '']
  .map((triplet) => path.join('/usr/lib', triplet, 'faketime', 'libfaketime.so.1'))
  .find((file) => fs.existsSync(file));

/** `quay-central serve` in its own process, its clock set by libfaketime to start at `utc`. */
function serveAt(utc: string): Promise<{ child: ChildProcess; log: () => string }> {
  if (!LIBFAKETIME) throw new Error('libfaketime is missing: run scripts/setup.sh');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'central/cli.ts',
      'serve',
      '--port',
      '0',
      '--public-url',
      'http://127.0.0.1',
      '--data',
      gateway.dataDir,
      '--dvcqg-config',
      configFile,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC', LD_PRELOAD: LIBFAKETIME, FAKETIME: `@${utc}` } },
  );
  children.push(child);
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', () => {
      if (/listening on http:\/\/127\.0\.0\.1:\d+/.test(out)) resolve({ child, log: () => out });
    });
    child.once('exit', (exit) => reject(new Error(`serve exited ${exit}: ${out}`)));
  });
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
}

describe('forwarding to DVCQG across a gateway SIGKILL (issue 15 §2 acceptance)', () => {
  it('sends DongBoHoSoMC, then each progress step in order, exactly once, after a kill mid-call and a restart', async () => {
    // The first progress call hangs: the gateway is killed while it waits for the portal's answer.
    portal.behaviour.hangNextOf.CapNhatTienDoHoSoMC = 1;
    const first = await serveAt(FRIDAY_1720_VN);
    await expect
      .poll(() => portal.hung, { timeout: 60_000, interval: 100 })
      .toEqual(['CapNhatTienDoHoSoMC'])
      .catch((error: unknown) => {
        throw new Error(`${String(error)}\nrequests: ${JSON.stringify(portal.requests).slice(0, 2000)}\ngateway: ${first.log()}`);
      });
    first.child.kill('SIGKILL');
    expect(await exited(first.child)).toBe('SIGKILL');
    expect(portal.progress).toEqual([]);

    const second = await serveAt(FRIDAY_1730_VN);
    await expect
      .poll(() => portal.progress.map((p) => p.TrangThai), { timeout: 60_000, interval: 100 })
      .toEqual(expect.arrayContaining(['2', '4', '9']));
    // Give a spurious resend the chance to show: the outbox must be empty of work, then nothing more arrives.
    const sent = () => portal.requests.filter((r) => r.errorCode === 0).map((r) => r.service);
    await expect
      .poll(sent, { timeout: 30_000, interval: 100 })
      .toEqual(['DongBoHoSoMC', ...portal.progress.map(() => 'CapNhatTienDoHoSoMC')]);
    second.child.kill('SIGTERM');
    await exited(second.child);

    expect(portal.requests.map((r) => [r.service, r.errorCode])).toEqual([
      ['DongBoHoSoMC', 0],
      ...portal.progress.map(() => ['CapNhatTienDoHoSoMC', 0]),
    ]);
    expect(portal.dossiers.get(code)).toMatchObject({ MaHoSo: code, KenhThucHien: '2' });
    expect(portal.progress.every((p) => p.MaHoSo === code)).toBe(true);
    expect(portal.progress.map((p) => p.TrangThai)).toEqual(['2', '4', '9']);
    expect(portal.duplicateProgress()).toBe(0);
    expect(portal.progress[0]!.ThoiDiemXuLy).toBe('20260302080000');

    // Each process ran on its faked clock: the dossier went out just after 17:20, the progress just after 17:30.
    await gateway.open();
    const rows = await gateway.database.db.select().from(dvcqgOutbox).where(eq(dvcqgOutbox.dossierCode, code)).orderBy(asc(dvcqgOutbox.id));
    await gateway.close();
    const minute = (d: Date | null) => d?.toISOString().slice(0, 15);
    expect(rows.map((r) => [r.operation, r.state, minute(r.sentAt)])).toEqual([
      ['DongBoHoSoMC', 'sent', '2026-12-04T10:2'],
      ['CapNhatTienDoHoSoMC', 'sent', '2026-12-04T10:3'],
      ['CapNhatTienDoHoSoMC', 'sent', '2026-12-04T10:3'],
      ['CapNhatTienDoHoSoMC', 'sent', '2026-12-04T10:3'],
    ]);
  }, 180_000);
});
