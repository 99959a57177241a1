import { count, eq, gt, and, isNull } from 'drizzle-orm';
import type { CentralDb } from './db/open';
import { appliedCommands, devices, dossierEvents, dossiers, enrolmentCodes } from './db/schema';

export interface GatewayStats {
  devices: { active: number; revoked: number };
  enrolmentCodesOpen: number;
  appliedCommands: number;
  dossiers: number;
  dossierEvents: number;
}

export async function gatewayStats(db: CentralDb, now = new Date()): Promise<GatewayStats> {
  const one = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  return {
    devices: {
      active: await one(db.select({ n: count() }).from(devices).where(eq(devices.revoked, false))),
      revoked: await one(db.select({ n: count() }).from(devices).where(eq(devices.revoked, true))),
    },
    enrolmentCodesOpen: await one(db.select({ n: count() }).from(enrolmentCodes).where(and(isNull(enrolmentCodes.usedAt), gt(enrolmentCodes.expiresAt, now)))),
    appliedCommands: await one(db.select({ n: count() }).from(appliedCommands)),
    dossiers: await one(db.select({ n: count() }).from(dossiers)),
    dossierEvents: await one(db.select({ n: count() }).from(dossierEvents)),
  };
}
