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
 * What one device may take (issue 17 finding 4: one stolen credential emptied an agency's day in 49
 * calls). Days: from `before` days ago to `after` days ahead in Vietnam's calendar — the counter
 * leases today and its next three working days, which around Tết lie up to twelve days ahead.
 * Quota: numbers per device and day, at least `perDeviceDay` and twice what the province expects there.
 */
export interface SequencePolicy {
  days: { before: number; after: number } | null;
  perDeviceDay: number;
}

export const DEFAULT_SEQUENCE_POLICY: SequencePolicy = { days: { before: 2, after: 14 }, perDeviceDay: 2000 };

const DAY_MS = 86_400_000;
/** Vietnam is UTC+7 all year. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function dayOffset(day: string, now: Date): number {
  const today = Math.floor((now.getTime() + VIETNAM_OFFSET_MS) / DAY_MS);
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS) - today;
}

/**
 * Leases the next daily numbers of the device's agency: `count`, or more (grantedCount). The counter
 * row is bumped with a single upsert, which PostgreSQL serialises on the row, so two gateway
 * instances leasing at the same moment get disjoint blocks; a block that would pass 9999 is refused
 * and consumes nothing.
 */
export async function leaseSequenceBlock(
  db: CentralDb,
  device: Device,
  request: { day: string; count: number },
  policy: SequencePolicy = DEFAULT_SEQUENCE_POLICY,
  now = new Date(),
): Promise<SequenceBlock> {
  if (policy.days) {
    const offset = dayOffset(request.day, now);
    if (offset < -policy.days.before || offset > policy.days.after) {
      throw new GatewayError(
        400,
        'SEQUENCE_DAY_OUT_OF_RANGE',
        `numbers are leased from ${policy.days.before} days ago to ${policy.days.after} days ahead`,
      );
    }
  }
  return db.transaction(async (tx) => {
    const [setting] = await tx.select({ expected: devices.expectedDailyDossiers }).from(devices).where(eq(devices.id, device.id));
    const alreadyLeased = await leasedToDevice(tx, device.id, request.day);
    const count = grantedCount(request.count, setting?.expected ?? null, setting?.expected ? alreadyLeased : 0);
    const quota = Math.max(policy.perDeviceDay, 2 * (setting?.expected ?? 0));
    if (alreadyLeased + count > quota) {
      throw new GatewayError(429, 'SEQUENCE_QUOTA_EXCEEDED', `a device leases at most ${quota} numbers a day`, {
        remaining: Math.max(0, quota - alreadyLeased),
      });
    }
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
