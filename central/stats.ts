import { and, count, countDistinct, eq, gt, isNull, sql } from 'drizzle-orm';
import type { CentralDb } from './db/open';
import { appliedCommands, blobs, centralChanges, devices, dossierEvents, dossierFiles, dossiers, enrolmentCodes } from './db/schema';

export interface AgencyStats {
  devices: number;
  dossiers: number;
  appliedCommands: number;
  /** Distinct files attached to the agency's dossiers. */
  files: number;
  /** Of those, the PDFs the unit signed: the copies reported to DVCQG as digitized (docs/devices.md §7.6). */
  signedFiles: number;
}

export interface GatewayStats {
  devices: { active: number; revoked: number };
  enrolmentCodesOpen: number;
  appliedCommands: number;
  dossiers: number;
  dossierEvents: number;
  blobs: { complete: number; incomplete: number; bytes: number };
  changes: number;
  perAgency: Record<string, AgencyStats>;
}

export async function gatewayStats(db: CentralDb, now = new Date()): Promise<GatewayStats> {
  const one = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const perAgency: Record<string, AgencyStats> = {};
  const agency = (code: string) => (perAgency[code] ??= { devices: 0, dossiers: 0, appliedCommands: 0, files: 0, signedFiles: 0 });
  for (const row of await db
    .select({ code: devices.agencyCode, n: count() })
    .from(devices)
    .where(eq(devices.revoked, false))
    .groupBy(devices.agencyCode))
    agency(row.code).devices = row.n;
  for (const row of await db.select({ code: dossiers.agencyCode, n: count() }).from(dossiers).groupBy(dossiers.agencyCode))
    agency(row.code).dossiers = row.n;
  const commandsByAgency = await db
    .select({ code: devices.agencyCode, n: count() })
    .from(appliedCommands)
    .innerJoin(devices, eq(devices.id, appliedCommands.deviceId))
    .groupBy(devices.agencyCode);
  for (const row of commandsByAgency) agency(row.code).appliedCommands = row.n;
  const filesByAgency = await db
    .select({
      code: dossiers.agencyCode,
      n: countDistinct(dossierFiles.sha256),
      signed: sql<number>`count(distinct ${dossierFiles.sha256}) filter (where ${dossierFiles.signed})`.mapWith(Number),
    })
    .from(dossierFiles)
    .innerJoin(dossiers, eq(dossiers.code, dossierFiles.dossierCode))
    .groupBy(dossiers.agencyCode);
  for (const row of filesByAgency) Object.assign(agency(row.code), { files: row.n, signedFiles: row.signed });
  const [blobRow] = await db
    .select({
      complete: sql<number>`count(*) filter (where ${blobs.complete})`.mapWith(Number),
      all: count(),
      bytes: sql<number>`coalesce(sum(${blobs.size}) filter (where ${blobs.complete}), 0)`.mapWith(Number),
    })
    .from(blobs);
  return {
    devices: {
      active: await one(db.select({ n: count() }).from(devices).where(eq(devices.revoked, false))),
      revoked: await one(db.select({ n: count() }).from(devices).where(eq(devices.revoked, true))),
    },
    enrolmentCodesOpen: await one(
      db
        .select({ n: count() })
        .from(enrolmentCodes)
        .where(and(isNull(enrolmentCodes.usedAt), gt(enrolmentCodes.expiresAt, now))),
    ),
    appliedCommands: await one(db.select({ n: count() }).from(appliedCommands)),
    dossiers: await one(db.select({ n: count() }).from(dossiers)),
    dossierEvents: await one(db.select({ n: count() }).from(dossierEvents)),
    blobs: { complete: blobRow?.complete ?? 0, incomplete: (blobRow?.all ?? 0) - (blobRow?.complete ?? 0), bytes: blobRow?.bytes ?? 0 },
    changes: await one(db.select({ n: count() }).from(centralChanges)),
    perAgency,
  };
}
