import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { parseDossierCode } from '../../shared/domain/dossier-code';
import { defaultCalendar, type WorkingCalendar } from '../../shared/domain/working-time';
import {
  channelCode,
  componentCounts,
  reportViewSchema,
  satisfactionRatings,
  type DossierFact,
  type RatingFact,
} from '../../shared/reports/report-facts';
import { calendarDayDataSchema } from '../../shared/sync/protocol';
import type { CentralDb } from '../db/open';
import { centralChanges, dossierEvents, dossierFiles, dossierRatings, dossiers } from '../db/schema';

const RESULT_FILE = /^KQ\d+$/;

/**
 * The province's dossiers as report facts (shared/reports/report-facts.ts), read as the counter reads
 * its own (db/repositories/report-facts-repository.ts): the view the counter sent, the statuses of the
 * history, the components the unit signed and the result documents (files `KQn`, electron/core/return).
 */
export async function gatewayReportFacts(db: CentralDb, agencyCode: string | null): Promise<DossierFact[]> {
  const agency = agencyCode === null ? undefined : eq(dossiers.agencyCode, agencyCode);
  const rows = await db.select({ code: dossiers.code, deviceId: dossiers.deviceId, view: dossiers.view }).from(dossiers).where(agency);
  const events = new Map<string, { type: string; status: number; at: string }[]>();
  const eventRows = await db
    .select({
      code: dossierEvents.dossierCode,
      type: dossierEvents.type,
      at: dossierEvents.at,
      status: sql<unknown>`${dossierEvents.payload}->'status'`,
    })
    .from(dossierEvents)
    .innerJoin(dossiers, eq(dossiers.code, dossierEvents.dossierCode))
    .where(agency)
    .orderBy(asc(dossierEvents.at));
  for (const e of eventRows) {
    if (typeof e.status !== 'number') continue;
    let list = events.get(e.code);
    if (!list) events.set(e.code, (list = []));
    list.push({ type: e.type, status: e.status, at: e.at.toISOString() });
  }
  const signed = new Map<string, Set<string>>();
  const results = new Map<string, Set<string>>();
  const files = await db
    .select({ code: dossierFiles.dossierCode, component: dossierFiles.componentCode, signed: dossierFiles.signed })
    .from(dossierFiles)
    .innerJoin(dossiers, eq(dossiers.code, dossierFiles.dossierCode))
    .where(agency);
  for (const f of files) {
    const into = RESULT_FILE.test(f.component) ? results : f.signed ? signed : null;
    if (!into) continue;
    let set = into.get(f.code);
    if (!set) into.set(f.code, (set = new Set()));
    set.add(f.component);
  }
  return rows.map((row) => {
    const view = reportViewSchema.parse(row.view);
    const components = componentCounts(view);
    return {
      code: row.code,
      agencyCode: parseDossierCode(row.code)?.agencyCode ?? '',
      counterId: row.deviceId,
      officer: view.officer.username,
      sector: view.procedure.sectorName,
      procedureCode: view.procedure.code,
      channel: channelCode(view.channel),
      receivedAt: view.receivedAt,
      dueLocal: view.dueLocal,
      events: events.get(row.code) ?? [],
      componentsDigitized: components.digitized,
      componentsReused: components.reused,
      componentsSigned: signed.get(row.code)?.size ?? 0,
      resultsDigitized: results.get(row.code)?.size ?? 0,
    };
  });
}

export async function gatewayRatings(db: CentralDb, agencyCode: string | null, before: Date): Promise<RatingFact[]> {
  const rows = await db
    .select({ code: dossierRatings.dossierCode, rating: dossierRatings.rating, ratedAt: dossierRatings.ratedAt })
    .from(dossierRatings)
    .innerJoin(dossiers, eq(dossiers.code, dossierRatings.dossierCode))
    .where(and(lt(dossierRatings.ratedAt, before), agencyCode === null ? undefined : eq(dossiers.agencyCode, agencyCode)));
  return rows
    .filter((r): r is typeof r & { rating: RatingFact['rating'] } => (satisfactionRatings as readonly string[]).includes(r.rating))
    .map((r) => ({ dossierCode: r.code, rating: r.rating, ratedAt: r.ratedAt.toISOString() }));
}

/**
 * The working calendar the province published (`import calendar`), on the default sessions: the
 * counters count due dates on the same days (docs/domain.md §8).
 */
export async function gatewayCalendar(db: CentralDb): Promise<WorkingCalendar> {
  const rows = await db
    .select({ data: centralChanges.data })
    .from(centralChanges)
    .where(eq(centralChanges.kind, 'calendarDay'))
    .orderBy(asc(centralChanges.seq));
  const days = new Map<string, 'dayOff' | 'workingDay'>();
  for (const row of rows) {
    const day = calendarDayDataSchema.safeParse(row.data);
    if (day.success) days.set(day.data.date, day.data.kind);
  }
  const calendar = defaultCalendar([...days].filter(([, kind]) => kind === 'dayOff').map(([date]) => date));
  return { ...calendar, workingDays: [...days].filter(([, kind]) => kind === 'workingDay').map(([date]) => date) };
}
