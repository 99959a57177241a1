// The counter's "Hồ sơ trực tuyến" list of N waiting dossiers (issue 15 acceptance: p95 ≤ 50 ms), shared by
// bench:online-queue and bench:dvcqg. The gateway's listing (central/online/online-dossiers.ts) on PGlite, what
// a small province runs, through JSON as it travels, plus the counter's SLA clock for every row
// (electron/core/online/online-queue.ts), timed over R rounds. Not measured here: HTTP, request signing and the
// IPC hop. Wall time depends on what else runs on the machine, so the process's CPU time per listing is
// printed beside it with the load average. The baseline is the 50 ms target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCentralDatabase } from '../../central/db/open';
import { listOnlineDossiers, takeInOnlineDossier } from '../../central/online/online-dossiers';
import { OnlineQueueService } from '../../electron/core/online/online-queue';
import { defaultCalendar } from '../../shared/domain/working-time';
import { fromVietnamLocal } from '../../shared/domain/vietnam-time';
import type { RemoteOnlineDossier } from '../../shared/online/online-queue-protocol';

const AGENCY = '000.00.06.H56';
export const ONLINE_QUEUE_TARGET_MS = 50;

export interface ListingResult {
  listed: number;
  p50: number;
  p95: number;
  cpuP95: number;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

export async function benchOnlineQueueListing(count: number, rounds: number): Promise<ListingResult> {
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
          Email: 'nguoi.nop@example.vn',
          TaiLieuNop: [
            { MaThanhPhanHoSo: 'TK', TenTepDinhKem: 'to-khai.pdf', DuongDanTaiTepTin: `https://dichvucong.example.vn/files/${i}` },
          ],
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
        claimOnlineDossier: async () => ({ until: '', channel: 2, submission: {}, files: [] }),
        onlineDossierFile: async () => new Uint8Array(),
      },
      clock: { now: () => now },
      calendar: () => defaultCalendar(),
      files: { has: () => false, put: (bytes) => ({ sha256: '', bytes: bytes.byteLength }), read: () => new Uint8Array() },
      audit: { record: () => undefined },
    });
    const wall: number[] = [];
    const cpu: number[] = [];
    let listed = 0;
    for (let round = 0; round < rounds + 3; round++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await queue.list();
      const elapsed = performance.now() - t0;
      const used = process.cpuUsage(c0);
      listed = result.count;
      if (round < 3) continue; // three warm-up rounds
      wall.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    return { listed, p50: percentile(wall, 0.5), p95: percentile(wall, 0.95), cpuP95: percentile(cpu, 0.95) };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function describeListing(result: ListingResult, rounds: number): string[] {
  return [
    `online queue: ${result.listed} dossiers listed, ${rounds} rounds, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
    `p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (CPU time p95 ${result.cpuP95.toFixed(1)} ms); ` +
      `baseline (target) ${ONLINE_QUEUE_TARGET_MS} ms: p95/target = ${(result.p95 / ONLINE_QUEUE_TARGET_MS).toFixed(2)}`,
  ];
}
