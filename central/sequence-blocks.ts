import { and, eq, sql } from 'drizzle-orm';
import { MAX_DAILY_SEQUENCE } from '../shared/domain/dossier-code';
import { MAX_SEQUENCE_BLOCK, type SequenceBlock } from '../shared/sync/protocol';
import type { Device } from './commands';
import type { CentralDb, CentralTx } from './db/open';
import { devices, sequenceCounters, sequenceLeases } from './db/schema';
import { GatewayError } from './errors';

/**
 * How many numbers to grant: what the counter asks for, or more when the province expects more
 * dossiers a day at this counter than it already holds for the day — a new counter knows no history
 * and would otherwise ask for its minimum, which a busy counter spends by mid-morning.
 */
export function grantedCount(requested: number, expectedDaily: number | null, alreadyLeased: number): number {
  return Math.min(MAX_SEQUENCE_BLOCK, Math.max(requested, (expectedDaily ?? 0) - alreadyLeased));
}

async function leasedToDevice(tx: CentralTx, deviceId: string, day: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${sequenceLeases.last} - ${sequenceLeases.first} + 1), 0)::int` })
    .from(sequenceLeases)
    .where(and(eq(sequenceLeases.deviceId, deviceId), eq(sequenceLeases.day, day)));
  return row?.total ?? 0;
}

/**
 * Leases the next daily numbers of the device's agency: `count`, or more (grantedCount). The counter
 * row is bumped with a single upsert, which PostgreSQL serialises on the row, so two gateway
 * instances leasing at the same moment get disjoint blocks; a block that would pass 9999 is refused
 * and consumes nothing.
 */
export async function leaseSequenceBlock(db: CentralDb, device: Device, request: { day: string; count: number }): Promise<SequenceBlock> {
  return db.transaction(async (tx) => {
    const [setting] = await tx.select({ expected: devices.expectedDailyDossiers }).from(devices).where(eq(devices.id, device.id));
    const count = grantedCount(
      request.count,
      setting?.expected ?? null,
      setting?.expected ? await leasedToDevice(tx, device.id, request.day) : 0,
    );
    const [row] = await tx
      .insert(sequenceCounters)
      .values({ agencyCode: device.agencyCode, day: request.day, nextFirst: 1 + count })
      .onConflictDoUpdate({
        target: [sequenceCounters.agencyCode, sequenceCounters.day],
        set: { nextFirst: sql`${sequenceCounters.nextFirst} + ${count}` },
      })
      .returning({ nextFirst: sequenceCounters.nextFirst });
    const last = row!.nextFirst - 1;
    const first = last - count + 1;
    if (last > MAX_DAILY_SEQUENCE) {
      throw new GatewayError(
        409,
        'SEQUENCE_EXHAUSTED',
        `only numbers up to ${MAX_DAILY_SEQUENCE} exist per day; ${Math.max(0, MAX_DAILY_SEQUENCE - first + 1)} left`,
        {
          remaining: Math.max(0, MAX_DAILY_SEQUENCE - first + 1),
        },
      );
    }
    await tx.insert(sequenceLeases).values({ agencyCode: device.agencyCode, day: request.day, first, last, deviceId: device.id });
    return { agencyCode: device.agencyCode, day: request.day, first, last };
  });
}
