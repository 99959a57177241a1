import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackofficeToken } from '../../central/backoffice';
import { runCentralCli } from '../../central/cli';
import { openCentralDatabase } from '../../central/db/open';
import { appliedCommands, dossierEvents, dossiers } from '../../central/db/schema';
import { importFile } from '../../central/imports';
import { createGatewayServer, listen } from '../../central/server';
import { enrol, push, receivedCommand, signed, type Gateway } from './gateway-fixture';
import { tempDir } from './temp';

/**
 * Two gateway instances, each with its own connection pool, on one real PostgreSQL (started on
 * loopback by scripts/setup.sh). Each run creates its own database and drops it afterwards.
 */
const ADMIN_URL = process.env.QUAY_TEST_PG_URL ?? 'postgres://quay:quay@127.0.0.1:5432/quay_test';
const databaseName = `quay_gateway_${process.pid}_${randomBytes(4).toString('hex')}`;
const AGENCIES = ['000.00.06.H56', '000.00.07.H56'];

let instances: Gateway[] = [];
let blobDir: string;
let created = false;
let databaseUrl: string;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${ADMIN_URL.replace(/:[^:@/]+@/, ':***@')} (${error instanceof Error ? error.message : String(error)}). Start it with scripts/setup.sh; this test needs the real server and does not skip.`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function startInstance(url: string, masterKey: Buffer): Promise<Gateway> {
  const database = await openCentralDatabase({ url });
  await database.migrate();
  const server = createGatewayServer({ database, masterKey, blobDir, log: () => undefined });
  const port = await listen(server, 0);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    database,
    server,
    masterKey,
    blobDir,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}

beforeAll(async () => {
  await admin((client) => client.query(`create database ${databaseName}`));
  created = true;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
  blobDir = tempDir('quay-central-pg-blobs-');
  const masterKey = randomBytes(32);
  // Started together, so both race to migrate: the advisory lock must let exactly one do it.
  instances = await Promise.all([startInstance(url.toString(), masterKey), startInstance(url.toString(), masterKey)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close()));
  if (created) await admin((client) => client.query(`drop database if exists ${databaseName} with (force)`));
  if (blobDir) fs.rmSync(blobDir, { recursive: true, force: true });
}, 60_000);

const at = (i: number) => instances[i % 2]!;

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
    const { rows } = (await instances[0]!.database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
    expect(rows[0]?.n).toBe(fs.readdirSync(path.join('central', 'db', 'migrations')).filter((f) => f.endsWith('.sql')).length);
  });

  it('leases disjoint sequence blocks, applies every command once and delivers a complete pull feed', async () => {
    const devices = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => enrol(at(i), AGENCIES[i % 2])));
    const token = (await createBackofficeToken(instances[0]!.database.db, 'Một cửa tỉnh')).token;
    const day = '2026-12-07';

    // Sequence blocks: every device leases through both instances at once.
    const leases = await Promise.all(devices.flatMap((device, d) => Array.from({ length: 8 }, (_, i) => signed(at(d + i), device, 'POST', '/v1/sequence-blocks', { day, count: 7 }))));
    expect(leases.every((l) => l.status === 200)).toBe(true);
    for (const agency of AGENCIES) {
      const ranges = leases.map((l) => l.body).filter((b) => b.agencyCode === agency).sort((a, b) => a.first - b.first);
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
    const db = instances[1]!.database.db;
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
      for (const change of answer.body.changes) pulled.get(device.deviceId)!.push(`${change.kind}/${change.key}/${change.data.eventId ?? ''}`);
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
    const procedures = Array.from({ length: 30 }, (_, i) => ({ code: `1.00${1000 + i}.000.00.00.H56`, name: `Thủ tục ${i}`, sectorName: 'Hộ tịch', level: 'commune', duration: { unit: 'workingDays', value: 3 }, components: [] }));
    const [statuses] = await Promise.all([
      Promise.all(posts),
      importFile(instances[0]!.database.db, 'catalog', JSON.stringify({ version: 1, procedures })),
    ]);
    writing = false;
    await Promise.all(pullers);
    await Promise.all(devices.map(async (device, d) => {
      for (let i = d; await pullOnce(device, i); i += 1);
    }));

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
});
