// bench:online-queue — the counter's "Hồ sơ trực tuyến" list of N waiting dossiers (default 1,000; issue 15
// acceptance: p95 ≤ 50 ms). The gateway's listing (central/online/online-dossiers.ts) on PGlite, what a small
// province runs, plus the counter's SLA clock for every row (electron/core/online/online-queue.ts), timed over
// R rounds. Not measured here: HTTP, request signing and the IPC hop. The baseline is the 50 ms target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCentralDatabase } from '../../central/db/open';
import { listOnlineDossiers, takeInOnlineDossier } from '../../central/online/online-dossiers';
import { OnlineQueueService } from '../../electron/core/online/online-queue';
import { defaultCalendar } from '../../shared/domain/working-time';
import { fromVietnamLocal } from '../../shared/domain/vietnam-time';
import type { RemoteOnlineDossier } from '../../shared/online/online-queue-protocol';

const { values } = parseArgs({ options: { dossiers: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '40' } } });
const count = Number(values.dossiers);
const rounds = Number(values.rounds);
const AGENCY = '000.00.06.H56';
const TARGET_MS = 50;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-online-'));
const database = await openCentralDatabase({ dataDir });
try {
  await database.migrate();
  const start = fromVietnamLocal('2026-03-02T07:00').getTime();
  for (let i = 0; i < count; i++) {
    await takeInOnlineDossier(database.db, {
      source: 'portal',
      externalId: `p-${i}`,
      agencyCode: AGENCY,
      procedureCode: '1.001193.000.00.00.H56',
      // Spread over a working week, in and out of hours.
      submittedAt: new Date(start + ((i * 7_919) % (5 * 24 * 60)) * 60_000).toISOString(),
      submission: {
        ChuHoSo: `Người nộp ${i}`,
        SoDienThoai: '0912345678',
        TaiLieuNop: [{ MaThanhPhanHoSo: 'TK', TenTepDinhKem: 'to-khai.pdf' }],
      },
    });
  }
  const now = fromVietnamLocal('2026-03-05T10:00');
  const queue = new OnlineQueueService({
    province: {
      enrolled: () => true,
      // What the gateway answers, through JSON as it would travel.
      listOnlineDossiers: async () =>
        JSON.parse(JSON.stringify(await listOnlineDossiers(database.db, AGENCY, now))) as RemoteOnlineDossier[],
      claimOnlineDossier: async () => ({ until: '' }),
    },
    clock: { now: () => now },
    calendar: () => defaultCalendar(),
  });
  const timings: number[] = [];
  let listed = 0;
  for (let round = 0; round < rounds + 3; round++) {
    const t0 = performance.now();
    const result = await queue.list();
    const elapsed = performance.now() - t0;
    listed = result.count;
    if (round >= 3) timings.push(elapsed); // three warm-up rounds
  }
  timings.sort((a, b) => a - b);
  const pick = (q: number) => timings[Math.min(timings.length - 1, Math.ceil(q * timings.length) - 1)]!;
  const p50 = pick(0.5);
  const p95 = pick(0.95);
  console.log(
    `online queue: ${listed} dossiers listed, ${rounds} rounds, load ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
  );
  console.log(
    `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; baseline (target) ${TARGET_MS} ms: p95/target = ${(p95 / TARGET_MS).toFixed(2)}`,
  );
} finally {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
