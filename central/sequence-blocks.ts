import { sql } from 'drizzle-orm';
import { MAX_DAILY_SEQUENCE } from '../shared/domain/dossier-code';
import type { SequenceBlock } from '../shared/sync/protocol';
import type { Device } from './commands';
import type { CentralDb } from './db/open';
import { sequenceCounters, sequenceLeases } from './db/schema';
import { GatewayError } from './errors';

/**
 * Leases the next `count` daily numbers of the device's agency. The counter row is bumped with a
 * single upsert, which PostgreSQL serialises on the row, so two gateway instances leasing at the
 * same moment get disjoint blocks; a block that would pass 9999 is refused and consumes nothing.
 */
export async function leaseSequenceBlock(db: CentralDb, device: Device, request: { day: string; count: number }): Promise<SequenceBlock> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sequenceCounters)
      .values({ agencyCode: device.agencyCode, day: request.day, nextFirst: 1 + request.count })
      .onConflictDoUpdate({
        target: [sequenceCounters.agencyCode, sequenceCounters.day],
        set: { nextFirst: sql`${sequenceCounters.nextFirst} + ${request.count}` },
      })
      .returning({ nextFirst: sequenceCounters.nextFirst });
    const last = row!.nextFirst - 1;
    const first = last - request.count + 1;
    if (last > MAX_DAILY_SEQUENCE) {
      throw new GatewayError(409, 'SEQUENCE_EXHAUSTED', `only numbers up to ${MAX_DAILY_SEQUENCE} exist per day; ${Math.max(0, MAX_DAILY_SEQUENCE - first + 1)} left`, {
        remaining: Math.max(0, MAX_DAILY_SEQUENCE - first + 1),
      });
    }
    await tx.insert(sequenceLeases).values({ agencyCode: device.agencyCode, day: request.day, first, last, deviceId: device.id });
    return { agencyCode: device.agencyCode, day: request.day, first, last };
  });
}
