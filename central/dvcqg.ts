import { and, asc, desc, eq } from 'drizzle-orm';
import type { Procedure } from '../shared/catalog/procedure';
import type { DossierView } from '../shared/reception/dossier-view';
import type { AgencyData } from '../shared/sync/protocol';
import {
  progressEntriesForEvent,
  toCapNhatTienDoHoSoMC,
  toDongBoHoSoMC,
  type CapNhatTienDoHoSoMC,
  type DongBoHoSoMC,
  type DvcqgContext,
  type DvcqgEvent,
  type DvcqgFile,
} from '../shared/sync/dvcqg-mapping';
import type { CentralDb } from './db/open';
import { centralChanges, dossierEvents, dossierFiles, dossiers } from './db/schema';
import { GatewayError } from './errors';

/** A dossier as the gateway holds it, with what its DVCQG mapping needs from the catalogue. */
export interface DvcqgSource {
  view: DossierView;
  events: DvcqgEvent[];
  files: DvcqgFile[];
  context: DvcqgContext;
}

/** Loads a dossier with its history, files and catalogue context; also what the portal outbox sends from. */
export async function loadDvcqgSource(db: CentralDb, code: string, fileBaseUrl: string): Promise<DvcqgSource> {
  const [row] = await db.select().from(dossiers).where(eq(dossiers.code, code));
  if (!row) throw new GatewayError(404, 'DOSSIER_NOT_FOUND', `no dossier ${code} on this gateway`);
  const view = row.view as DossierView;
  const events = (await db.select().from(dossierEvents).where(eq(dossierEvents.dossierCode, code)).orderBy(asc(dossierEvents.at))).map(
    (e) => e.payload as DvcqgEvent,
  );
  const files = await db.select().from(dossierFiles).where(eq(dossierFiles.dossierCode, code));
  const procedure = (await latest(db, 'procedure', view.procedure.code)) as Procedure | undefined;
  const agency = (await latest(db, 'agency', row.agencyCode)) as AgencyData | undefined;
  const context: DvcqgContext = {
    unitName: agency?.name ?? row.agencyCode,
    processingAgency: processingAgencyOf(view, procedure, agency?.name),
    sectorCode: procedure?.sectorCode ?? '',
    resultCode: procedure?.resultCode ?? '',
    fileBaseUrl,
  };
  return { view, events, files, context };
}

/** Loads a dossier with its history and files and maps it for the national portal. */
export async function dvcqgDossier(
  db: CentralDb,
  code: string,
  fileBaseUrl: string,
): Promise<{ DongBoHoSoMC: DongBoHoSoMC; CapNhatTienDoHoSoMC: CapNhatTienDoHoSoMC[] }> {
  const { view, events, files, context } = await loadDvcqgSource(db, code, fileBaseUrl);
  return {
    DongBoHoSoMC: toDongBoHoSoMC(view, events, files, context),
    CapNhatTienDoHoSoMC: toCapNhatTienDoHoSoMC(view, events, context),
  };
}

/** The progress entries one recorded event adds (a lifecycle step, a return …), for sending it on its own. */
export async function dvcqgProgressForEvent(
  db: CentralDb,
  code: string,
  eventId: string,
  fileBaseUrl: string,
): Promise<CapNhatTienDoHoSoMC[]> {
  const { view, events, context } = await loadDvcqgSource(db, code, fileBaseUrl);
  return progressEntriesForEvent(view, events, eventId, context);
}

/**
 * DonViXuLy is the agency that decides the procedure (cơ quan giải quyết), named by the catalogue;
 * the dossier's snapshot of it wins over today's catalogue. When neither names one, the procedure is
 * decided by the agency that received it (a commune's own procedures): its name as it was at
 * reception — the agency ("UBND xã …"), never the receiving unit (the one-stop desk), and the same
 * rule the register's lead-agency column follows.
 */
function processingAgencyOf(view: DossierView, procedure: Procedure | undefined, receivingAgency: string | undefined): string {
  // Read by name so this compiles before and after the snapshot carries the field (issue 14).
  const snapshot: Record<string, unknown> = view.procedure;
  const catalogued: Record<string, unknown> = procedure ?? {};
  const named = [snapshot.leadAgency, catalogued.leadAgency].find((v) => typeof v === 'string' && v.trim());
  return typeof named === 'string' ? named.trim() : view.site?.agencyName.trim() || receivingAgency?.trim() || '';
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
