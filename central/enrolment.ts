import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { CentralDb } from './db/open';
import { devices, enrolmentCodes } from './db/schema';
import { deviceSecret, newEnrolmentCode, normalizeEnrolmentCode, sha256Hex } from './credentials';
import { GatewayError } from './errors';

export const DEFAULT_CODE_TTL_HOURS = 72;

export async function createEnrolmentCode(
  db: CentralDb,
  input: { agencyCode: string; counterName: string; ttlHours?: number; now?: Date; expectedDailyDossiers?: number | null },
): Promise<{ code: string; expiresAt: Date }> {
  const code = newEnrolmentCode();
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (input.ttlHours ?? DEFAULT_CODE_TTL_HOURS) * 3_600_000);
  await db.insert(enrolmentCodes).values({
    codeHash: sha256Hex(normalizeEnrolmentCode(code)),
    agencyCode: input.agencyCode,
    counterName: input.counterName,
    expectedDailyDossiers: input.expectedDailyDossiers ?? null,
    createdAt: now,
    expiresAt,
  });
  return { code, expiresAt };
}

/**
 * Trades a one-time code for a device credential. The code is consumed in the same transaction
 * that creates the device, so two counters typing the same code cannot both get in.
 */
export async function enrollDevice(
  db: CentralDb,
  masterKey: Buffer,
  input: { code: string; counterName: string },
): Promise<{ deviceId: string; secret: string; agencyCode: string }> {
  const codeHash = sha256Hex(normalizeEnrolmentCode(input.code));
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(enrolmentCodes).where(eq(enrolmentCodes.codeHash, codeHash)).for('update');
    if (!row) throw new GatewayError(403, 'ENROLL_CODE_INVALID', 'unknown enrolment code');
    if (row.usedAt) throw new GatewayError(403, 'ENROLL_CODE_USED', 'enrolment code already used');
    if (row.expiresAt.getTime() <= Date.now()) throw new GatewayError(403, 'ENROLL_CODE_EXPIRED', 'enrolment code expired');
    const deviceId = uuidv7();
    const secret = deviceSecret(masterKey, deviceId);
    await tx.insert(devices).values({
      id: deviceId,
      agencyCode: row.agencyCode,
      counterName: input.counterName,
      expectedDailyDossiers: row.expectedDailyDossiers,
      credentialHash: sha256Hex(secret),
    });
    await tx.update(enrolmentCodes).set({ usedAt: new Date(), deviceId }).where(eq(enrolmentCodes.codeHash, codeHash));
    return { deviceId, secret, agencyCode: row.agencyCode };
  });
}

export async function revokeDevice(db: CentralDb, deviceId: string): Promise<boolean> {
  const rows = await db
    .update(devices)
    .set({ revoked: true, revokedAt: new Date() })
    .where(eq(devices.id, deviceId))
    .returning({ id: devices.id });
  return rows.length > 0;
}
