import { and, asc, desc, eq } from 'drizzle-orm';
import type { Procedure } from '../shared/catalog/procedure';
import type { DossierView } from '../shared/reception/dossier-view';
import type { AgencyData } from '../shared/sync/protocol';
import {
  toCapNhatTienDoHoSoMC,
  toDongBoHoSoMC,
  type CapNhatTienDoHoSoMC,
  type DongBoHoSoMC,
  type DvcqgEvent,
} from '../shared/sync/dvcqg-mapping';
import type { CentralDb } from './db/open';
import { centralChanges, dossierEvents, dossierFiles, dossiers } from './db/schema';
import { GatewayError } from './errors';

/** Loads a dossier with its history and files and maps it for the national portal. */
export async function dvcqgDossier(
  db: CentralDb,
  code: string,
  fileBaseUrl: string,
): Promise<{ DongBoHoSoMC: DongBoHoSoMC; CapNhatTienDoHoSoMC: CapNhatTienDoHoSoMC[] }> {
  const [row] = await db.select().from(dossiers).where(eq(dossiers.code, code));
  if (!row) throw new GatewayError(404, 'DOSSIER_NOT_FOUND', `no dossier ${code} on this gateway`);
  const view = row.view as DossierView;
  const events = (await db.select().from(dossierEvents).where(eq(dossierEvents.dossierCode, code)).orderBy(asc(dossierEvents.at))).map(
    (e) => e.payload as DvcqgEvent,
  );
  const files = await db.select().from(dossierFiles).where(eq(dossierFiles.dossierCode, code));
  const procedure = (await latest(db, 'procedure', view.procedure.code)) as Procedure | undefined;
  const agency = (await latest(db, 'agency', row.agencyCode)) as AgencyData | undefined;
  const context = {
    unitName: agency?.name ?? row.agencyCode,
    sectorCode: procedure?.sectorCode ?? '',
    resultCode: procedure?.resultCode ?? '',
    fileBaseUrl,
  };
  return {
    DongBoHoSoMC: toDongBoHoSoMC(view, events, files, context),
    CapNhatTienDoHoSoMC: toCapNhatTienDoHoSoMC(view, events, context),
  };
}

async function latest(db: CentralDb, kind: 'procedure' | 'agency', key: string): Promise<unknown> {
  const [row] = await db
    .select({ data: centralChanges.data })
    .from(centralChanges)
    .where(and(eq(centralChanges.kind, kind), eq(centralChanges.key, key)))
    .orderBy(desc(centralChanges.seq))
    .limit(1);
  return row?.data;
}
