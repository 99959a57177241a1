// npm run bench:sync [-- --dossiers N --devices D] — the sync over loopback against a gateway on the
// real PostgreSQL (a fresh database per run, dropped afterwards):
//   1. a week offline: push N dossiers (default 10,000) with 3 page scans each (target ≤ 60 s),
//      the counter's sync in its own process, its resident memory sampled (bounded: files stream);
//   2. gateway throughput: D simulated devices (default 50) pushing command batches concurrently.
// The gateway runs as `quay-central serve` in its own process, as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { openCentralDatabase } from '../../central/db/open';
import { appliedCommands, blobs } from '../../central/db/schema';
import { createEnrolmentCode } from '../../central/enrolment';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore } from '../../electron/core/create-core';
import { renderScanPage, type ScanPageText } from '../../electron/core/demo/scan-page';
import { seedDemoDossiers, SettableClock } from '../../electron/core/demo/seed-demo-dossiers';
import { slipFontDir } from '../../electron/core/printing';
import { FileCredentialStore, GatewayClient, type DeviceCredential } from '../../electron/core/sync';
import type { CommandEnvelope } from '../../shared/sync/protocol';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { dossiers: { type: 'string' }, devices: { type: 'string' }, batches: { type: 'string' } } });
const DOSSIERS = Number(values.dossiers ?? 10_000);
const PAGES = 3;
const DEVICES = Number(values.devices ?? 50);
const BATCHES_PER_DEVICE = Number(values.batches ?? 8);
const BATCH = 25;
const AGENCY = '000.00.06.H56';
const ADMIN_URL = process.env.QUAY_BENCH_PG_URL ?? 'postgres://quay:quay@127.0.0.1:5432/quay_test';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-bench-sync-'));
const databaseName = `quay_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${databaseName}` }).toString();
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await client.connect().catch((error: Error) => {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL.replace(/:[^:@/]+@/, ':***@')} (${error.message}); start it with scripts/setup.sh`,
    );
  });
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function startGateway(): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'central', 'cli.ts'),
      'serve',
      '--port',
      '0',
      '--database-url',
      databaseUrl,
      '--data',
      path.join(work, 'gateway'),
    ],
    {
      cwd: root,
      env: { ...process.env, QUAY_CENTRAL_KEY: randomBytes(32).toString('base64') },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(chunk.toString())?.[1];
      if (port) resolve({ process: child, url: `http://127.0.0.1:${port}` });
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
}

/** A JPEG comment segment (FF FE) right after the start marker: same picture, different bytes and hash. */
function stamped(jpeg: Buffer, note: string): Buffer {
  const text = Buffer.from(note, 'utf8');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(text.byteLength + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, text, jpeg.subarray(2)]);
}

/**
 * 30,000 rendered pages would take this machine longer than the sync itself; a dozen are rendered
 * and each page is a stamped copy, so every page is still a distinct file the sync must upload.
 */
function pageSource(): (text: ScanPageText) => Buffer {
  const fontDir = slipFontDir(root);
  const pool = Array.from({ length: 12 }, (_, i) =>
    renderScanPage(
      { title: `Tờ khai mẫu số ${i + 1}`, lines: ['Họ và tên: ……', 'Số CCCD: ……'], footer: `Trang ${(i % 3) + 1}/3` },
      { fontDir, widthPx: 500, skewDegrees: (i - 6) / 8 },
    ),
  );
  let n = 0;
  return (text) => stamped(pool[n++ % pool.length]!, `${text.lines[1]} ${text.lines[2]} ${text.footer} #${n}`);
}

async function seedCounter(
  dataDir: string,
): Promise<{ seconds: number; pages: number; bytes: number; template: CommandEnvelope['payload'] }> {
  const clock = new SettableClock();
  const core = await createCore({
    dataDir,
    appVersion: 'bench',
    resourcesDir: root,
    clock,
    hasher: new ScryptPasswordHasher(FAST_SCRYPT_COST),
    idleSweepMs: null,
    log: () => undefined,
    sync: { background: false },
  });
  const must = async (channel: string, input: unknown = {}) => {
    const result = await core.dispatch('bench', channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  };
  await must('app.createFirstAdmin', { username: 'quantri', fullName: 'Quản Trị', password: 'QuanTri2026' });
  await must('auth.signIn', { username: 'quantri', password: 'QuanTri2026' });
  await must('site.update', {
    agencyCode: AGENCY,
    agencyName: 'UBND xã Quảng Phú',
    unitName: 'Bộ phận tiếp nhận và trả kết quả',
    place: 'xã Quảng Phú',
    hotline: '',
    lookupUrlTemplate: 'https://example.invalid/tra-cuu?MHS={code}',
    formSet: '2018',
  });
  await must('sequence.addBlock', { first: 1, last: 9999 });
  const started = process.hrtime.bigint();
  const result = await seedDemoDossiers(core, clock, {
    dossiers: DOSSIERS,
    pages: PAGES,
    days: 5,
    seed: 20261125,
    fontDir: slipFontDir(root),
    renderPage: pageSource(),
    onProgress: (done) => {
      if (done % 1000 === 0) console.log(`  seeded ${done}/${DOSSIERS} dossiers`);
    },
  });
  const took = seconds(started);
  const payload = core.database.sqlite
    .prepare(`SELECT payload FROM outbox WHERE kind = 'dossier.received' LIMIT 1`)
    .pluck()
    .get() as string;
  await core.close();
  return {
    seconds: took,
    pages: result.pages,
    bytes: result.bytes,
    template: { ...(JSON.parse(payload) as Record<string, unknown>), files: [] },
  };
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc: less skewed by other work on a
 * shared machine than wall time. Null where /proc is not there.
 */
function processCpuSeconds(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of every PostgreSQL process on this machine (its backends serve the gateway). */
function postgresCpuSeconds(): number | null {
  try {
    let total = 0;
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const stat = (() => {
        try {
          return fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        } catch {
          return '';
        }
      })();
      if (stat.includes(' (postgres) ')) total += processCpuSeconds(Number(pid)) ?? 0;
    }
    return total;
  } catch {
    return null;
  }
}

const cpuText = (value: number | null) => (value === null ? '?' : `${value.toFixed(1)} s`);
const cpuSpent = (before: number | null, after: number | null) => (before === null || after === null ? null : after - before);

function runClient(dataDir: string): Promise<{
  commands: number;
  left: number;
  seconds: number;
  cpuSeconds: number;
  passes: number;
  failures: number;
  rssBefore: number;
  rssPeak: number;
}> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'bench', 'sync-client.ts'), dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output.trim().split('\n').at(-1)!)) : reject(new Error(`sync client exited with ${code}`)),
    );
  });
}

function memoryStore(): { load(): DeviceCredential | null; save(c: DeviceCredential): void; clear(): void } {
  let stored: DeviceCredential | null = null;
  return { load: () => stored, save: (c) => (stored = c), clear: () => (stored = null) };
}

/** A received command shaped like the counter's own, with a code of its own for this device and number. */
function receivedCommand(template: CommandEnvelope['payload'], device: number, sequence: number): CommandEnvelope {
  const base = template as { dossier: Record<string, unknown>; event: Record<string, unknown> };
  const day = new Date(Date.UTC(2026, 0, 1) + device * 86_400_000).toISOString().slice(2, 10).replaceAll('-', '');
  const code = `${AGENCY}-${day}-${String(sequence).padStart(4, '0')}`;
  const dossierId = uuidv7();
  return {
    id: uuidv7(),
    kind: 'dossier.received',
    dossierCode: code,
    payload: { dossier: { ...base.dossier, id: dossierId, code }, event: { ...base.event, id: uuidv7(), dossierId }, files: [] },
  };
}

async function gatewayThroughput(
  url: string,
  template: CommandEnvelope['payload'],
  central: Awaited<ReturnType<typeof openCentralDatabase>>,
): Promise<{ commands: number; seconds: number }> {
  const devices: GatewayClient[] = [];
  for (let d = 0; d < DEVICES; d += 1) {
    const { code } = await createEnrolmentCode(central.db, { agencyCode: AGENCY, counterName: `Quầy mô phỏng ${d + 1}` });
    const client = new GatewayClient({ credentials: memoryStore(), timeoutMs: 120_000 });
    await client.enroll(url, code, `Quầy mô phỏng ${d + 1}`);
    devices.push(client);
  }
  const batches = devices.map((_, d) =>
    Array.from({ length: BATCHES_PER_DEVICE }, (__, b) =>
      Array.from({ length: BATCH }, (___, i) => receivedCommand(template, d, b * BATCH + i + 1)),
    ),
  );
  const started = process.hrtime.bigint();
  const applied = await Promise.all(
    devices.map(async (client, d) => {
      let n = 0;
      for (const batch of batches[d]!) n += (await client.push(batch)).filter((r) => r.status === 'applied').length;
      return n;
    }),
  );
  return { commands: applied.reduce((a, b) => a + b, 0), seconds: seconds(started) };
}

let gateway: { process: ChildProcess; url: string } | null = null;
let databaseCreated = false;
try {
  console.log(
    `bench:sync — ${DOSSIERS} dossiers × ${PAGES} pages, then ${DEVICES} devices × ${BATCHES_PER_DEVICE} batches of ${BATCH}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs`,
  );
  await admin(`CREATE DATABASE ${databaseName}`);
  databaseCreated = true;
  gateway = await startGateway();
  const central = await openCentralDatabase({ url: databaseUrl });
  const dataDir = path.join(work, 'counter');
  const seeded = await seedCounter(dataDir);
  const { code } = await createEnrolmentCode(central.db, { agencyCode: AGENCY, counterName: 'Quầy 1' });
  await new GatewayClient({ credentials: new FileCredentialStore(path.join(dataDir, 'device-credential.json')) }).enroll(
    gateway.url,
    code,
    'Quầy 1',
  );
  const gatewayCpuBefore = processCpuSeconds(gateway.process.pid!);
  const postgresCpuBefore = postgresCpuSeconds();
  const push = await runClient(dataDir);
  const gatewayCpu = cpuSpent(gatewayCpuBefore, processCpuSeconds(gateway.process.pid!));
  const postgresCpu = cpuSpent(postgresCpuBefore, postgresCpuSeconds());
  const [blobCount] = await central.db.select({ n: count() }).from(blobs);
  const throughput = await gatewayThroughput(gateway.url, seeded.template, central);
  const [appliedCount] = await central.db.select({ n: count() }).from(appliedCommands);
  await central.close();

  const rows: [string, string, string][] = [
    [
      'seed (reception service, not timed as sync)',
      `${seeded.seconds.toFixed(1)} s`,
      `${DOSSIERS} dossiers, ${seeded.pages} pages, ${mb(seeded.bytes)}`,
    ],
    [
      'push a week offline over loopback',
      `${push.seconds.toFixed(1)} s`,
      `${(DOSSIERS / push.seconds).toFixed(0)} dossiers/s; ${pushVerdict(push.seconds)}`,
    ],
    [
      '  commands acknowledged / left',
      `${push.commands - push.left} / ${push.left}`,
      `${push.passes} passes, ${push.failures} failed; ${blobCount!.n} blobs on the gateway`,
    ],
    [
      '  CPU: client / gateway / PostgreSQL',
      `${cpuText(push.cpuSeconds)} / ${cpuText(gatewayCpu)} / ${cpuText(postgresCpu)}`,
      'user + system while pushing (PostgreSQL: every backend on this machine)',
    ],
    [
      '  client RSS before → peak',
      `${mb(push.rssBefore)} → ${mb(push.rssPeak)}`,
      `files stream in ≤ 1 MiB chunks; ${mb(seeded.bytes)} uploaded`,
    ],
    [
      `gateway, ${DEVICES} concurrent devices`,
      `${(throughput.commands / throughput.seconds).toFixed(0)} commands/s`,
      `${throughput.commands} applied in ${throughput.seconds.toFixed(1)} s (PostgreSQL, ${appliedCount!.n} applied in all)`,
    ],
  ];
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log('');
  for (const [what, value, note] of rows) console.log(`${what.padEnd(widths[0]!)}  ${value.padStart(widths[1]!)}  ${note}`);
  console.log(
    `(load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; other work on this machine skews every number)`,
  );
} finally {
  if (gateway && gateway.process.exitCode === null) {
    const exited = new Promise((resolve) => gateway!.process.once('exit', resolve));
    gateway.process.kill('SIGTERM');
    await exited;
  }
  if (databaseCreated) await admin(`DROP DATABASE IF EXISTS ${databaseName}`).catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
}

/** The target is for 10,000 dossiers; a smaller run is projected at its own rate, never called met. */
function pushVerdict(seconds: number): string {
  if (DOSSIERS >= 10_000) return `target ≤ 60 s for 10,000: ${seconds <= 60 ? 'met' : 'NOT met'}`;
  const projected = (seconds / DOSSIERS) * 10_000;
  return `projected for 10,000: ${projected.toFixed(0)} s (target ≤ 60 s: ${projected <= 60 ? 'on track' : 'NOT met'})`;
}
