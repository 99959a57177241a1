import { sql } from 'drizzle-orm';
import type { Db } from '../open';
import { channelCode, componentCounts, reportViewSchema, type DossierFact, type RatingFact } from '../../shared/reports/report-facts';
import { satisfactionRatings } from '../../shared/reports/report-facts';
import { parseDossierCode } from '../../shared/domain/dossier-code';
import { HELD_COPY_BOOK_PREFIX } from './dossier-repository';

interface DossierRow {
  id: string;
  code: string;
  received_at: string;
  due_local: string | null;
  view: string;
}

/**
 * The counter's dossiers as report facts (shared/reports/report-facts.ts): every dossier this counter
 * received before `beforeIso` (not the held copies of other counters' dossiers it opened), with its
 * history's statuses, its signed components and its digitized results, read in four queries and joined
 * here rather than one row per dossier per event.
 */
export class ReportFactsRepository {
  constructor(private readonly db: Db) {}

  facts(beforeIso: string, counterId: string | null): DossierFact[] {
    const client = this.db.$client;
    const rows = client
      .prepare('select id, code, received_at, due_local, view from dossiers where received_at < ? and substr(register_book, 1, ?) <> ?')
      .all(beforeIso, HELD_COPY_BOOK_PREFIX.length, HELD_COPY_BOOK_PREFIX) as DossierRow[];
    const events = new Map<string, { type: string; status: number; at: string }[]>();
    for (const e of client.prepare('select dossier_id, type, status, at from dossier_events where at < ?').iterate(beforeIso) as Iterable<{
      dossier_id: string;
      type: string;
      status: number;
      at: string;
    }>) {
      let list = events.get(e.dossier_id);
      if (!list) events.set(e.dossier_id, (list = []));
      list.push({ type: e.type, status: e.status, at: e.at });
    }
    const signed = countsBy(
      client
        .prepare(
          'select dossier_id as id, count(distinct component_code) as n from component_files where signed_at is not null group by dossier_id',
        )
        .all(),
    );
    const results = countsBy(client.prepare('select dossier_id as id, count(*) as n from dossier_results group by dossier_id').all());
    return rows.map((row) => {
      const view = reportViewSchema.parse(JSON.parse(row.view));
      const components = componentCounts(view);
      return {
        code: row.code,
        agencyCode: parseDossierCode(row.code)?.agencyCode ?? '',
        counterId,
        officer: view.officer.username,
        sector: view.procedure.sectorName,
        procedureCode: view.procedure.code,
        channel: channelCode(view.channel),
        receivedAt: row.received_at,
        dueLocal: row.due_local,
        events: events.get(row.id) ?? [],
        componentsDigitized: components.digitized,
        componentsReused: components.reused,
        componentsSigned: signed.get(row.id) ?? 0,
        resultsDigitized: results.get(row.id) ?? 0,
      };
    });
  }

  ratings(beforeIso: string): RatingFact[] {
    return this.db
      .all<{ code: string; rating: string; rated_at: string }>(
        sql`select d.code as code, r.rating as rating, r.rated_at as rated_at from dossier_ratings r join dossiers d on d.id = r.dossier_id where r.rated_at < ${beforeIso}`,
      )
      .filter((r): r is { code: string; rating: RatingFact['rating']; rated_at: string } =>
        (satisfactionRatings as readonly string[]).includes(r.rating),
      )
      .map((r) => ({ dossierCode: r.code, rating: r.rating, ratedAt: r.rated_at }));
  }
}

function countsBy(rows: unknown[]): Map<string, number> {
  return new Map((rows as { id: string; n: number }[]).map((r) => [r.id, r.n]));
}
