// npm run bench:dvcqg [-- --dossiers N] — forwarding throughput from the gateway's DVCQG outbox to the
// portal simulator (tests/peers/dvcqg-portal-simulator.ts) over loopback, on embedded PostgreSQL
// (PGlite, what a small province runs) or --database-url. N dossiers (default 500) are received
// through the gateway's command path, each then moved to "Đang xử lý" by the back office: three
// operations per dossier (DongBoHoSoMC, two CapNhatTienDoHoSoMC). Every payload is validated by the
// simulator, as in the tests. Baseline: the same outbox sent one operation per call (batch size 1);
// measured: the forwarder's default batching (dossiers and progress ten to a call, 200 rows a pass).
// Then the counter's online queue of 1,000 waiting dossiers listed 40 times (issue 15 acceptance:
// p95 ≤ 50 ms; scripts/bench/online-queue-listing.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { postDossierStatus } from '../../central/backoffice';
import { applyCommands } from '../../central/commands';
import { openCentralDatabase, type CentralDatabase } from '../../central/db/open';
import { devices } from '../../central/db/schema';
import { appendChange } from '../../central/feed';
import { DvcqgClient } from '../../central/portal/dvcqg-client';
import { forwardOnce } from '../../central/portal/dvcqg-forwarder';
import type { CommandEnvelope } from '../../shared/sync/protocol';
import { DvcqgPortalSimulator, PORTAL_AUTH_PATH, PORTAL_INTEGRATION_PATH } from '../../tests/peers/dvcqg-portal-simulator';
import { benchOnlineQueueListing, describeListing } from './online-queue-listing';

const { values } = parseArgs({ options: { dossiers: { type: 'string' }, 'database-url': { type: 'string' } } });
const DOSSIERS = Number(values.dossiers ?? 500);
const AGENCY = '000.00.06.H56';
const PROCEDURE = '1.001193.000.00.00.H56';
const LEAD_AGENCY = 'UBND xã Yên Thái';
const DEVICE = { id: 'bench-device', agencyCode: AGENCY };
const CLOCK = new Date('2026-03-04T02:00:00.000Z');

function reception(n: number): CommandEnvelope {
  const code = `${AGENCY}-260302-${String(n).padStart(4, '0')}`;
  const at = '2026-03-02T01:00:00.000Z';
  const id = uuidv7();
  const dossier = {
    id,
    code,
    status: 2,
    procedure: { code: PROCEDURE, name: 'Đăng ký khai sinh', sectorName: 'Hộ tịch', duration: { unit: 'workingDays', value: 1 } },
    owner: {
      kind: 'citizen',
      fullName: 'Nguyễn Thị Hồng Nhung',
      idNumber: '038190012345',
      oldIdNumber: null,
      taxCode: null,
      dateOfBirth: '1990-05-14',
      sex: 'female',
      address: 'Thôn Đông',
      issueDate: null,
      phone: '0912345678',
      email: '',
    },
    submitter: null,
    channel: 'direct',
    returnMethod: 'counter',
    returnAddress: null,
    receivedAt: at,
    receivedLocal: '2026-03-02T08:00',
    dueLocal: '2026-03-03T08:00',
    setsCount: 1,
    components: [],
    fees: [],
    officer: { username: 'canbo01', fullName: 'Lê Văn Cán Bộ' },
    register: { book: '2026', number: n },
    note: '',
    returnedAt: null,
    returnedTo: null,
  };
  const event = {
    id: uuidv7(),
    dossierId: id,
    type: 'received',
    status: 2,
    at,
    actorAccountId: null,
    actorName: 'Lê Văn Cán Bộ',
    payload: {},
  };
  return {
    id: uuidv7(),
    kind: 'dossier.received',
    dossierCode: code,
    payload: { dossier, event, files: [] },
  } as unknown as CommandEnvelope;
}

async function seed(database: CentralDatabase): Promise<void> {
  const db = database.db;
  await db.insert(devices).values({ ...DEVICE, counterName: 'Quầy bench', credentialHash: 'x' });
  await db.transaction((tx) =>
    appendChange(tx, {
      kind: 'procedure',
      key: PROCEDURE,
      agencyCode: null,
      data: { code: PROCEDURE, sectorCode: 'G01', leadAgency: LEAD_AGENCY },
    }),
  );
  for (let first = 1; first <= DOSSIERS; first += 100) {
    const batch = Array.from({ length: Math.min(100, DOSSIERS - first + 1) }, (_, i) => reception(first + i));
    await applyCommands(db, DEVICE, batch);
  }
  for (let n = 1; n <= DOSSIERS; n += 1)
    await postDossierStatus(db, { id: 'bo', name: 'Phòng Tư pháp' }, `${AGENCY}-260302-${String(n).padStart(4, '0')}`, {
      status: 4,
      note: 'Chuyển xử lý',
      at: '2026-03-02T02:00:00.000Z',
    });
}

async function run(database: CentralDatabase, batchSize: number): Promise<{ seconds: number; operations: number; entries: number }> {
  await database.db.execute(
    sql`update dvcqg_outbox set state = 'pending', attempts = 0, sent_at = null, leased_until = null, alone = false`,
  );
  const portal = await DvcqgPortalSimulator.start({
    username: 'bench',
    password: 'bench',
    dstcode: 'H56',
    madonvi: '000.00.00.H56',
    now: () => CLOCK,
    catalogue: new Map([[PROCEDURE, { componentCodes: [], resultCode: null, processingAgency: LEAD_AGENCY }]]),
  });
  const client = new DvcqgClient({
    adapterUrl: portal.url,
    authPath: PORTAL_AUTH_PATH,
    integrationPath: PORTAL_INTEGRATION_PATH,
    username: 'bench',
    password: 'bench',
    dstcode: 'H56',
    madonvi: '000.00.00.H56',
    timeoutMs: 30_000,
    fileBaseUrl: 'https://mot-cua.tinh.gov.vn/v1/files',
  });
  const started = performance.now();
  let operations = 0;
  let retried = 0;
  for (;;) {
    const pass = await forwardOnce({
      db: database.db,
      client,
      fileBaseUrl: 'https://mot-cua.tinh.gov.vn/v1/files',
      now: () => CLOCK,
      batchSize,
      // No backoff here: a retried call (a connection reset under load) is due again at once, and counted.
      retry: { firstMs: 0, maxMs: 0 },
    });
    if (pass.claimed === 0) break;
    if (pass.dead > 0) throw new Error(`portal refused: ${JSON.stringify(portal.requests.find((r) => r.errorCode !== 0))}`);
    operations += pass.sent;
    retried += pass.retried;
  }
  if (retried > 0) console.log(`  (${retried} row(s) retried during the run)`);
  const seconds = (performance.now() - started) / 1000;
  const entries = portal.progress.length + portal.dossiers.size;
  await portal.close();
  return { seconds, operations, entries };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-bench-dvcqg-'));
  const url = values['database-url'];
  const database = await openCentralDatabase(url ? { url } : { dataDir });
  try {
    await database.migrate();
    console.log(
      `bench:dvcqg — ${DOSSIERS} dossiers, ${database.kind} database, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    await seed(database);
    const baseline = await run(database, 1);
    const batched = await run(database, 200);
    const rate = (r: { seconds: number; operations: number }) => r.operations / r.seconds;
    console.log(
      `baseline, one operation per call: ${baseline.operations} operations in ${baseline.seconds.toFixed(1)} s = ${rate(baseline).toFixed(0)} events/s`,
    );
    console.log(
      `forwarder, batched:               ${batched.operations} operations (${batched.entries} records and entries) in ${batched.seconds.toFixed(1)} s = ${rate(batched).toFixed(0)} events/s`,
    );
    console.log(
      `ratio against the baseline: ${(rate(batched) / rate(baseline)).toFixed(2)}×; load average now ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
for (const line of describeListing(await benchOnlineQueueListing(1000, 40), 40)) console.log(line);
