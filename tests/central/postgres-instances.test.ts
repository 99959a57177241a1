import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackofficeToken } from '../../central/backoffice';
import { runCentralCli } from '../../central/cli';
import { openCentralDatabase, type CentralDatabase } from '../../central/db/open';
import { createEnrolmentCode } from '../../central/enrolment';
import { appliedCommands, dossierEvents, dossiers, sequenceLeases } from '../../central/db/schema';
import { importFile } from '../../central/imports';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore } from '../../electron/core/create-core';
import { ADMIN, FakeClock, khaiSinhDraft, RecordingPdfRenderer, repoRoot, SITE, type TestCore } from '../helpers/test-core';
import { dropTestDatabase } from '../helpers/drop-database';
import { enrol, push, receivedCommand, signed } from './gateway-fixture';
import { tempDir } from './temp';

/**
 * Two `quay-central serve` processes, as production runs them behind a load balancer, on one real
 * PostgreSQL (started on loopback by scripts/setup.sh). Each run creates its own database and
 * drops it afterwards; the test process keeps a connection of its own only to hand out enrolment
 * codes and to count what the instances stored.
 */
const ADMIN_URL = process.env.QUAY_TEST_PG_URL ?? 'postgres://quay:quay@127.0.0.1:5432/quay_test';
const databaseName = `quay_gateway_${process.pid}_${randomBytes(4).toString('hex')}`;
const AGENCIES = ['000.00.06.H56', '000.00.07.H56'];

interface Instance {
  url: string;
  database: CentralDatabase;
  child: ChildProcess;
}

let instances: Instance[] = [];
let central: CentralDatabase | undefined;
let dataDir: string;
let created = false;
let databaseUrl: string;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL.replace(/:[^:@/]+@/, ':***@')} (${error instanceof Error ? error.message : String(error)}). Start it with scripts/setup.sh; this test needs the real server and does not skip.`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `quay-central serve` on a free loopback port; both instances share the master key and the blob folder. */
function serve(database: CentralDatabase, masterKey: string): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'central', 'cli.ts'),
      'serve',
      '--port',
      '0',
      '--public-url',
      'http://127.0.0.1',
      '--database-url',
      databaseUrl,
      '--data',
      dataDir,
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, QUAY_CENTRAL_KEY: masterKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+) \(postgres database\)/.exec(output)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, database, child });
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => reject(new Error(`quay-central serve exited with ${code} before listening:\n${output}`)));
  });
}

async function stop(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  await admin((client) => client.query(`create database ${databaseName}`));
  created = true;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
  dataDir = tempDir('quay-central-pg-');
  const masterKey = randomBytes(32).toString('base64');
  // The migrations are the instances' own job: started together, both race to migrate a fresh
  // database, and the advisory lock must let exactly one do it.
  central = await openCentralDatabase({ url: databaseUrl });
  instances = await Promise.all([serve(central, masterKey), serve(central, masterKey)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(instances.map(stop));
  await central?.close();
  if (created) await admin((client) => dropTestDatabase(client, databaseName));
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const at = (i: number) => instances[i % 2]!;

/**
 * The instances are separate processes on the machine's clock, as in production, and lease a day's
 * numbers only from two days before to fourteen after their own day in Vietnam
 * (central/sequence-blocks.ts): the days this file leases are counted from that clock, never fixed.
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const gatewayDay = (daysAhead: number) => new Date(Date.now() + VIETNAM_OFFSET_MS + daysAhead * 86_400_000).toISOString().slice(0, 10);

describe('two gateway instances on one PostgreSQL', () => {
  it('is migrated and counted by the CLI through --database-url', async () => {
    const lines: string[] = [];
    expect(await runCentralCli(['migrate', '--database-url', databaseUrl], (line) => lines.push(line))).toBe(0);
    expect(await runCentralCli(['stats', '--json', '--database-url', databaseUrl], (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toBe('migrations applied');
    expect(JSON.parse(lines[1]!)).toMatchObject({ devices: { active: 0, revoked: 0 }, appliedCommands: 0 });
  });

  it('migrated once and answers on both', async () => {
    for (const instance of instances) {
      expect(await (await fetch(`${instance.url}/v1/health`)).json()).toMatchObject({ status: 'ok', database: 'postgres' });
    }
    const { rows } = (await central!.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as {
      rows: { n: number }[];
    };
    expect(rows[0]?.n).toBe(fs.readdirSync(path.join('central', 'db', 'migrations')).filter((f) => f.endsWith('.sql')).length);
  });

  it('leases disjoint sequence blocks, applies every command once and delivers a complete pull feed', async () => {
    const devices = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => enrol(at(i), AGENCIES[i % 2])));
    const token = (await createBackofficeToken(central!.db, 'Một cửa tỉnh')).token;
    const day = gatewayDay(1);

    // Sequence blocks: every device leases through both instances at once.
    const leases = await Promise.all(
      devices.flatMap((device, d) =>
        Array.from({ length: 8 }, (_, i) => signed(at(d + i), device, 'POST', '/v1/sequence-blocks', { day, count: 7 })),
      ),
    );
    expect(leases.every((l) => l.status === 200)).toBe(true);
    for (const agency of AGENCIES) {
      const ranges = leases
        .map((l) => l.body)
        .filter((b) => b.agencyCode === agency)
        .sort((a, b) => a.first - b.first);
      expect(ranges).toHaveLength(24);
      ranges.forEach((range, i) => expect([range.first, range.last]).toEqual([1 + i * 7, 7 + i * 7]));
    }

    // Commands: each device pushes dossiers alternately through the two instances, and sends each
    // batch to both instances at the same moment, so every id races itself across instances.
    const pushed = await Promise.all(
      devices.map(async (device, d) => {
        const commands = Array.from({ length: 6 }, () => receivedCommand({ agency: AGENCIES[d % 2] }));
        const outcomes: string[][] = [];
        for (let i = 0; i < commands.length; i += 2) {
          const batch = commands.slice(i, i + 2);
          const [first, second] = await Promise.all([push(at(i), device, batch), push(at(i + 1), device, batch)]);
          expect([first.status, second.status]).toEqual([200, 200]);
          batch.forEach((command, k) => {
            expect(first.body.results[k].result).toEqual(second.body.results[k].result);
            outcomes.push([first.body.results[k].status, second.body.results[k].status].sort());
          });
        }
        return { commands, outcomes };
      }),
    );
    for (const { outcomes } of pushed) for (const pair of outcomes) expect(pair).toEqual(['applied', 'duplicate']);
    const allCommands = pushed.flatMap((p) => p.commands);
    const db = central!.db;
    expect(await db.$count(appliedCommands)).toBe(allCommands.length);
    expect(await db.$count(dossiers)).toBe(allCommands.length);
    expect(await db.$count(dossierEvents)).toBe(allCommands.length);

    // Pull feed: back-office statuses posted through both instances and a catalogue import
    // commit while counters pull; afterwards every change has reached its agency exactly once.
    const pulled = new Map<string, string[]>(devices.map((d) => [d.deviceId, []]));
    const cursors = new Map<string, string>(devices.map((d) => [d.deviceId, '']));
    const pullOnce = async (device: { deviceId: string; secret: string }, i: number) => {
      const answer = await signed(at(i), device, 'GET', `/v1/pull?cursor=${cursors.get(device.deviceId)}&limit=7`);
      expect(answer.status).toBe(200);
      for (const change of answer.body.changes)
        pulled.get(device.deviceId)!.push(`${change.kind}/${change.key}/${change.data.eventId ?? ''}`);
      cursors.set(device.deviceId, answer.body.cursor);
      return answer.body.more as boolean;
    };
    let writing = true;
    const pullers = devices.map(async (device, d) => {
      for (let i = d; writing; i += 1) await pullOnce(device, i);
    });
    const posts = allCommands.map((command, i) =>
      fetch(`${at(i).url}/v1/backoffice/dossiers/${command.dossierCode}/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 4, note: `Chuyển xử lý ${i}` }),
      }).then(async (r) => ({ code: command.dossierCode, body: (await r.json()) as { eventId: string } })),
    );
    const procedures = Array.from({ length: 30 }, (_, i) => ({
      code: `1.00${1000 + i}.000.00.00.H56`,
      name: `Thủ tục ${i}`,
      sectorName: 'Hộ tịch',
      level: 'commune',
      duration: { unit: 'workingDays', value: 3 },
      components: [],
    }));
    const [statuses] = await Promise.all([
      Promise.all(posts),
      importFile(central!.db, 'catalog', JSON.stringify({ version: 1, procedures })),
    ]);
    writing = false;
    await Promise.all(pullers);
    await Promise.all(
      devices.map(async (device, d) => {
        for (let i = d; await pullOnce(device, i); i += 1);
      }),
    );

    devices.forEach((device, d) => {
      const seen = pulled.get(device.deviceId)!;
      const expected = [
        ...procedures.map((p) => `procedure/${p.code}/`),
        ...statuses.filter((s) => s.code.startsWith(AGENCIES[d % 2]!)).map((s) => `dossierStatus/${s.code}/${s.body.eventId}`),
      ];
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(expected.sort());
    });
  }, 300_000);

  it('serves two counters syncing through both instances at once: disjoint numbers, each dossier once, every status back', async () => {
    const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
    const password = 'MatKhau2026';
    await importFile(
      central!.db,
      'staff',
      JSON.stringify({
        version: 1,
        staff: [
          {
            username: 'canbo11',
            fullName: 'Đỗ Thị Mười Một',
            role: 'officer',
            passwordHash: await hasher.hash(password),
            locked: false,
            agencyCode: SITE.agencyCode,
          },
        ],
      }),
    );
    const counters = await Promise.all([counter(hasher), counter(hasher)]);
    try {
      // Enrolment, leases and the first pull, both counters at once.
      await Promise.all(counters.map(async (t) => expect(await t.must('admin-window', 'sync.now', {})).toMatchObject({ lastError: null })));
      const accepted = await Promise.all(
        counters.map(async (t) => {
          const codes: string[] = [];
          for (let i = 0; i < 6; i += 1)
            codes.push((await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) })).dossier.code);
          return codes;
        }),
      );
      await Promise.all(
        counters.map(async (t) =>
          expect(await t.must('admin-window', 'sync.now', {})).toMatchObject({ lastError: null, pendingCommands: 0, failures: [] }),
        ),
      );

      const codes = accepted.flat();
      expect(new Set(codes).size).toBe(codes.length);
      const deviceIds = await Promise.all(counters.map(async (t) => (await t.must('admin-window', 'sync.status', {})).deviceId as string));
      const db = central!.db;
      const stored = await db.select({ code: dossiers.code }).from(dossiers).where(inArray(dossiers.deviceId, deviceIds));
      expect(stored.map((d) => d.code).sort()).toEqual([...codes].sort());
      expect(
        await db.$count(appliedCommands, and(inArray(appliedCommands.deviceId, deviceIds), eq(appliedCommands.kind, 'dossier.received'))),
      ).toBe(codes.length);
      expect(await db.$count(dossierEvents, inArray(dossierEvents.dossierCode, codes))).toBe(codes.length);
      const leases = (await db.select().from(sequenceLeases).where(inArray(sequenceLeases.deviceId, deviceIds))).sort(
        (a, b) => a.day.localeCompare(b.day) || a.first - b.first,
      );
      expect(new Set(leases.map((l) => l.deviceId)).size).toBe(2);
      leases.slice(1).forEach((lease, i) => {
        if (lease.day === leases[i]!.day) expect(lease.first).toBeGreaterThan(leases[i]!.last);
      });

      const token = (await createBackofficeToken(db, 'Một cửa tỉnh')).token;
      const posted = await Promise.all(
        codes.map((code, i) =>
          fetch(`${at(i).url}/v1/backoffice/dossiers/${code}/status`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ status: 4, note: `Chuyển xử lý ${i}` }),
          }),
        ),
      );
      expect(posted.map((r) => r.status)).toEqual(codes.map(() => 200));
      await Promise.all(counters.map((t) => t.must('admin-window', 'sync.now', {})));
      counters.forEach((t, c) => {
        const fromProvince = t.core.database.sqlite
          .prepare(`SELECT d.code FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE e.type = 'statusFromProvince'`)
          .pluck()
          .all() as string[];
        expect(fromProvince.sort()).toEqual([...accepted[c]!].sort());
      });
      for (const t of counters) await t.must('officer-window', 'auth.signIn', { username: 'canbo11', password });
    } finally {
      for (const t of counters) t.core.close();
    }
  }, 120_000);

  it('falls back to one command at a time when a new dossier of the batch is being written by another transaction meanwhile', async () => {
    const device = await enrol(at(0), AGENCIES[0]);
    const batch = [0, 1, 2].map(() => receivedCommand({ agency: AGENCIES[0] }));
    const rival = new pg.Client({ connectionString: databaseUrl });
    await rival.connect();
    try {
      await rival.query('BEGIN');
      await rival.query("INSERT INTO dossiers (code, agency_code, device_id, status, view) VALUES ($1, $2, $3, 2, '{}')", [
        batch[1]!.dossierCode,
        AGENCIES[0],
        device.deviceId,
      ]);
      const pushing = push(at(0), device, batch);
      // The bulk insert passed its checks and now waits on the rival's uncommitted row.
      const blocked = async () =>
        (await rival.query("SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'", [databaseName])).rowCount;
      for (let i = 0; i < 200 && !(await blocked()); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await blocked()).toBe(1);
      await rival.query('COMMIT');
      const { body } = await pushing;
      expect(body.results.map((r: any) => r.reason ?? r.status)).toEqual(['applied', 'DOSSIER_EXISTS', 'applied']);
    } finally {
      await rival.end();
    }
    const db = central!.db;
    const ids = batch.map((c) => c.id);
    expect((await db.select().from(appliedCommands).where(inArray(appliedCommands.commandId, ids))).map((r) => r.commandId).sort()).toEqual(
      [ids[0], ids[2]].sort(),
    );
    expect(await db.$count(dossierEvents, eq(dossierEvents.dossierCode, batch[1]!.dossierCode))).toBe(0);
  });
});

/**
 * A counter core as the app runs it, enrolled with the first instance, whose requests a
 * round-robin balancer spreads over both: an upload started on one instance goes on at the other.
 */
async function counter(hasher: ScryptPasswordHasher): Promise<TestCore> {
  let turn = 0;
  const balanced: typeof fetch = (input, init) => fetch(String(input).replace(instances[0]!.url, at(turn++).url), init);
  // The counter's own clock is the test's, set to the machine's now: request signatures carry the
  // machine's time, and the days it leases must lie in the instances' window (gatewayDay above).
  const clock = new FakeClock(new Date());
  const core = await createCore({
    pdfRenderer: new RecordingPdfRenderer(),
    dataDir: tempDir('quay-counter-'),
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock,
    hasher,
    idleSweepMs: null,
    log: () => undefined,
    sync: { fetch: balanced, timeoutMs: 20_000, engine: { backoff: { baseMs: 20, maxMs: 100 }, idleMs: 60_000 } },
  });
  const call = (clientId: string, channel: never, input: unknown = {}) => core.dispatch(clientId, channel, input);
  const t: TestCore = {
    core,
    clock,
    pdf: new RecordingPdfRenderer(),
    dataDir: core.database.file.replace(/\/quay\.sqlite$/, ''),
    events: [],
    call,
    async must(clientId, channel, input = {}) {
      const result = await call(clientId, channel as never, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
  await t.must('admin-window', 'app.createFirstAdmin', ADMIN);
  await t.must('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await t.must('admin-window', 'site.update', SITE);
  const { code } = await createEnrolmentCode(central!.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy' });
  await t.must('admin-window', 'sync.enroll', { gatewayUrl: instances[0]!.url, code, counterName: 'Quầy' });
  return t;
}
