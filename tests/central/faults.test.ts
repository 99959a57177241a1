import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedCommands, blobs, dossierEvents, dossierFiles, dossiers } from '../../central/db/schema';
import { createEnrolmentCode } from '../../central/enrolment';
import { FileStore } from '../../electron/core/platform/file-store';
import { seededRandom } from '../../electron/core/demo/demo-people';
import type { Officer } from '../../electron/core/reception/reception-service';
import { receptionDraftSchema } from '../../shared/reception/draft';
import { FileCredentialStore, GatewayClient } from '../../electron/core/sync';
import { CITIZEN, DAY, KHAI_SINH, MINUTE, repoRoot, SITE, startReception, type TestCore } from '../helpers/test-core';
import { FaultyHttpProxy } from '../peers/faulty-http-proxy';
import { startGateway, type Gateway } from './gateway-fixture';

/**
 * Jepsen in spirit (docs/architecture.md §10): a counter process pushes files and commands through a proxy that
 * drops, delays, duplicates, reorders and cuts requests, and is SIGKILLed at random moments, then
 * restarted. Afterwards the invariants are checked on both sides. FAULT_SEED=<n> replays a run.
 */
const SEED = Number(process.env.FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KILLS = 24;
// Compiled once with esbuild (the compiler tsx runs on): a restart then costs node's start-up, not a
// transform of the sources, so two dozen restarts fit the CI budget on a busy machine.
const CLIENT_SOURCE = path.join(repoRoot, 'tests', 'central', 'fault-client.ts');
const CLIENT = path.join(repoRoot, 'node_modules', '.cache', 'quay-faults', `fault-client-${process.pid}.mjs`);
const random = seededRandom(SEED);

let gateway: Gateway;
let proxy: FaultyHttpProxy;
let t: TestCore;
let officer: Officer;

beforeAll(async () => {
  console.log(`fault suite seed ${SEED} (replay with FAULT_SEED=${SEED})`);
  buildSync({
    entryPoints: [CLIENT_SOURCE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: CLIENT,
    logLevel: 'error',
  });
  gateway = await startGateway();
  proxy = await FaultyHttpProxy.start(gateway.port, { random });
  t = await startReception({ block: [1, 900] });
  const account = t.core.services.accounts.list()[0]!;
  officer = { accountId: account.id, username: account.username, fullName: account.fullName };
  // Enrolled straight with the gateway; from then on every request goes through the proxy.
  const store = new FileCredentialStore(path.join(t.dataDir, 'device-credential.json'));
  const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 1' });
  await new GatewayClient({ credentials: store }).enroll(gateway.url, code, 'Quầy 1');
  store.save({ ...store.load()!, gatewayUrl: proxy.url });
}, 120_000);

afterAll(async () => {
  fs.rmSync(CLIENT, { force: true });
  t?.core.close();
  await proxy?.close();
  await gateway?.close();
});

/** Bytes that sniff as a PDF and no other file shares; some are several upload chunks long. */
function scan(bytes: number): string {
  const body = Buffer.alloc(bytes, 0x20);
  for (let i = 0; i < bytes; i += 64) body[i] = 0x41 + Math.floor(random() * 26);
  Buffer.from('%PDF-1.4\n').copy(body, 0);
  Buffer.from('\n%%EOF\n').copy(body, bytes - 7);
  return body.toString('base64');
}

/** The counter keeps receiving while the link is bad: dossiers with two scans, some large. */
function receive(count: number): void {
  for (let i = 0; i < count; i += 1) {
    const large = random() < 0.2;
    const files = [
      large ? 1_100_000 + Math.floor(random() * 1_100_000) : 20_000 + Math.floor(random() * 120_000),
      8_000 + Math.floor(random() * 40_000),
    ].map((size) => t.core.services.reception.storeFile({ fileName: 'trang.pdf', dataBase64: scan(size) }));
    const draft = receptionDraftSchema.parse({
      procedureCode: KHAI_SINH,
      owner: CITIZEN,
      components: [
        { code: 'TP01', state: 'attached', files: [files[0]!] },
        { code: 'TP02', state: 'attached', files: [files[1]!] },
      ],
    });
    t.core.services.reception.accept(officer, draft);
  }
}

/** Results handed back: a second event for some dossiers, which must follow their reception. */
function returnSome(count: number): void {
  t.clock.advance(DAY);
  const open = t.core.database.sqlite
    .prepare('SELECT id FROM dossiers WHERE status != 10 ORDER BY random() LIMIT ?')
    .pluck()
    .all(count) as string[];
  for (const dossierId of open)
    t.core.services.returns.markReturned(officer, {
      dossierId,
      collectorName: CITIZEN.fullName,
      collectorIdNumber: null,
      note: '',
      confirmUnsettled: { reason: 'Trả theo đề nghị của người dân' },
    });
}

/**
 * Lifecycle events (issue 14 §2) on dossiers still in processing: a supplement round asked and
 * answered an hour later, and for one of them Form 04's new date. Each is a dossier.lifecycle command
 * that must reach the gateway exactly once, in order after its dossier's reception, like the rest.
 */
function lifecycleSome(count: number): void {
  const open = t.core.database.sqlite
    .prepare("SELECT id FROM dossiers WHERE status IN (2, 4) AND due_local < '2099' ORDER BY random() LIMIT ?")
    .pluck()
    .all(count) as string[];
  for (const [i, dossierId] of open.entries()) {
    t.core.services.lifecycle.requestSupplement(officer, {
      dossierId,
      items: [{ name: 'Bản sao giấy chứng sinh', reason: 'Không rõ chữ' }],
      contactPhone: '',
    });
    t.clock.advance(60 * MINUTE);
    t.core.services.lifecycle.receiveSupplement(officer, { dossierId, note: '' });
    if (i === 0) t.core.services.lifecycle.apologize(officer, { dossierId, reason: 'Chờ xác minh', newDueLocal: '2099-12-31T16:00' });
  }
}

function pendingCount(): number {
  return t.core.database.sqlite.prepare('SELECT count(*) FROM outbox WHERE acknowledged_at IS NULL').pluck().get() as number;
}

interface Run {
  child: ChildProcess;
  ready: Promise<void>;
  exit: Promise<number | null>;
  stderr: string[];
}

function startClient(): Run {
  const child = spawn(process.execPath, [CLIENT, t.dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', () => reject(new Error(`client exited before it was ready: ${stderr.join('').slice(-2000)}`)));
  });
  ready.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exit, stderr };
}

/** The promise's value, or 'timeout' after `ms` or once the proxy has seen `requests` requests. */
async function until<T>(promise: Promise<T>, ms: number, requests = Infinity): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = Date.now() + ms;
  const timeout = new Promise<'timeout'>((resolve) => {
    const check = () => {
      if (Date.now() >= deadline || proxy.requests >= requests) resolve('timeout');
      else timer = setTimeout(check, 5);
    };
    check();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const started = Date.now();
function log(line: string): void {
  console.log(`[faults +${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
}

/** Uploads under way on the gateway: the part files its blob store appends to. */
function partFiles(): string[] {
  if (!fs.existsSync(gateway.blobDir)) return [];
  return fs
    .readdirSync(gateway.blobDir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.part'));
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('sync under a hostile link and a counter killed at random', () => {
  it(`keeps every dossier, event and file exactly once, byte-identical, after ${KILLS}+ SIGKILLs`, async () => {
    receive(8);
    lifecycleSome(3);
    returnSome(3);
    let kills = 0;
    let killsMidUpload = 0;
    let completedRuns = 0;
    while (kills < KILLS) {
      // Keep work in the queue, so every kill lands during uploads or pushes.
      if (pendingCount() < 4) {
        receive(3);
        lifecycleSome(1);
        returnSome(1);
      }
      const run = startClient();
      await run.ready;
      // The kill lands right after the proxy took in the n-th request of this run: mid-exchange,
      // whatever the machine's speed.
      const outcome = await until(run.exit, 60_000, proxy.requests + 1 + Math.floor(random() * 10));
      if (outcome === 'timeout') {
        const midUpload = partFiles().length > 0;
        if (midUpload) killsMidUpload += 1;
        run.child.kill('SIGKILL');
        await run.exit;
        kills += 1;
        log(
          `kill ${kills}${midUpload ? ' mid-upload' : ''}: ${pendingCount()} commands pending, last client errors: ${run.stderr.join('').trim().split('\n').slice(-2).join(' | ')}`,
        );
      } else {
        expect(outcome, run.stderr.join('')).toBe(0);
        completedRuns += 1;
      }
    }

    // Faults stay on: the last run must get through them by itself.
    const last = startClient();
    const lastOutcome = await until(last.exit, 150_000);
    log(`final run: ${String(lastOutcome)}, ${pendingCount()} commands pending`);
    expect(lastOutcome, last.stderr.join('').slice(-3000)).toBe(0);
    await proxy.flush();
    log(
      `seed ${SEED}: ${kills} kills (${killsMidUpload} with an upload half done on the gateway), ${completedRuns} runs completed before a kill, faults ${JSON.stringify(proxy.counts)}`,
    );

    // The client's outbox is empty.
    expect(pendingCount()).toBe(0);
    const db = gateway.database.db;
    const { sqlite } = t.core.database;

    // Every dossier exactly once, and nothing the counter did not send.
    const localCodes = sqlite.prepare('SELECT code FROM dossiers ORDER BY code').pluck().all() as string[];
    const remoteDossiers = await db.select({ code: dossiers.code, status: dossiers.status }).from(dossiers);
    expect(remoteDossiers.map((d) => d.code).sort()).toEqual(localCodes);
    const localStatus = new Map(
      sqlite
        .prepare('SELECT code, status FROM dossiers')
        .all()
        .map((r) => [(r as { code: string }).code, (r as { status: number }).status]),
    );
    expect(remoteDossiers.every((d) => localStatus.get(d.code) === d.status)).toBe(true);

    // Every event exactly once.
    const localEvents = sqlite.prepare('SELECT id FROM dossier_events ORDER BY id').pluck().all() as string[];
    const remoteEvents = await db.select({ id: dossierEvents.id }).from(dossierEvents);
    expect(remoteEvents.map((e) => e.id).sort()).toEqual(localEvents);

    // Applied command ids are unique and are exactly the counter's commands.
    const localCommands = sqlite.prepare('SELECT id FROM outbox ORDER BY id').pluck().all() as string[];
    const applied = await db.select({ id: appliedCommands.commandId }).from(appliedCommands);
    expect(new Set(applied.map((a) => a.id)).size).toBe(applied.length);
    expect(applied.map((a) => a.id).sort()).toEqual(localCommands);

    // Every file on the gateway once per dossier component, complete and byte-identical.
    const localFiles = sqlite
      .prepare('SELECT d.code, f.component_code AS component, f.sha256 FROM component_files f JOIN dossiers d ON d.id = f.dossier_id')
      .all() as { code: string; component: string; sha256: string }[];
    const remoteFiles = await db
      .select({ code: dossierFiles.dossierCode, component: dossierFiles.componentCode, sha256: dossierFiles.sha256 })
      .from(dossierFiles);
    const key = (f: { code: string; component: string; sha256: string }) => `${f.code}/${f.component}/${f.sha256}`;
    expect(remoteFiles.map(key).sort()).toEqual(localFiles.map(key).sort());
    const hashes = [...new Set(localFiles.map((f) => f.sha256))];
    const stored = await db.select().from(blobs).where(inArray(blobs.sha256, hashes));
    expect(stored.filter((b) => b.complete)).toHaveLength(hashes.length);
    const local = new FileStore(t.dataDir);
    for (const hash of hashes) {
      const remote = fs.readFileSync(path.join(gateway.blobDir, hash.slice(0, 2), hash));
      expect(sha(remote)).toBe(hash);
      expect(remote.equals(local.read(hash))).toBe(true);
    }
    // No upload left half-written on the gateway's disk.
    expect(partFiles().filter((name) => hashes.includes(path.basename(name, '.part')))).toEqual([]);
    const [first] = await db.select().from(dossiers).where(eq(dossiers.code, localCodes[0]!));
    expect(first?.view).toMatchObject({ code: localCodes[0], owner: { fullName: CITIZEN.fullName } });
    expect(kills).toBeGreaterThanOrEqual(KILLS);
  }, 480_000);
});
