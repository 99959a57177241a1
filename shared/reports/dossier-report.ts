import { fromVietnamLocal, toVietnamLocal } from '../domain/vietnam-time';
import { MINUTES_PER_WORKING_DAY, workingMinutesCounter, type WorkingCalendar } from '../domain/working-time';
import { DVCQG_STATUS_OF } from '../lifecycle/status-map';
import type { DossierFact, RatingFact } from './report-facts';
import { dayAfter, type ReportPeriod } from './report-period';
import type { DossierReport, ReportFigures, ReportFilter, SatisfactionCounts } from './report-schema';

/**
 * The periodic report of dossier handling (issue 18 §1, docs/domain.md §10): one pure definition the
 * counter and the gateway both run over their facts, so they agree on the same data.
 *
 * - A dossier is settled at its first event that ends processing: result ready or returned (a result),
 *   refused, withdrawn or stopped. Early / on time / late compares the settling moment with the due
 *   date in force then; refused, withdrawn and stopped count as on time, as the template's note says.
 * - Carried over: received before the period and not settled before it. New: received in it.
 * - In progress at the cut-off (the period's end, or now when it is not over): overdue once the due
 *   moment has passed, except while waiting for a supplement, when the clock is paused (§8.4).
 */
const SETTLING: ReadonlyMap<number, 'result' | 'refused' | 'withdrawn' | 'stopped'> = new Map([
  [DVCQG_STATUS_OF.resultReady, 'result'],
  [DVCQG_STATUS_OF.returned, 'result'],
  [DVCQG_STATUS_OF.refused, 'refused'],
  [DVCQG_STATUS_OF.withdrawn, 'withdrawn'],
  [DVCQG_STATUS_OF.stopped, 'stopped'],
]);

export function emptyFigures(): ReportFigures {
  return {
    received: 0,
    carriedOver: 0,
    newDirect: 0,
    newOnline: 0,
    newPostal: 0,
    settled: 0,
    settledEarly: 0,
    settledOnTime: 0,
    settledLate: 0,
    inProgress: 0,
    inProgressWithinTime: 0,
    inProgressOverdue: 0,
    returned: 0,
    supplementRequested: 0,
    refused: 0,
    withdrawn: 0,
    stopped: 0,
    componentsDigitized: 0,
    componentsReused: 0,
    componentsSigned: 0,
    resultsDigitized: 0,
    averageSettleDays: null,
  };
}

export function matchesFilter(fact: DossierFact, filter: ReportFilter): boolean {
  return (
    (!filter.agencyCode || fact.agencyCode === filter.agencyCode) &&
    (!filter.counterId || fact.counterId === filter.counterId) &&
    (!filter.officer || fact.officer === filter.officer) &&
    (!filter.sector || fact.sector === filter.sector) &&
    (!filter.procedureCode || fact.procedureCode === filter.procedureCode)
  );
}

interface Window {
  start: number;
  end: number;
  cutoff: number;
  cutoffLocal: string;
}

type Settlement = { at: number; kind: 'result' | 'refused' | 'withdrawn' | 'stopped' };

function settlementOf(fact: DossierFact): Settlement | null {
  let found: Settlement | null = null;
  for (const event of fact.events) {
    const kind = SETTLING.get(event.status);
    const at = Date.parse(event.at);
    if (kind && (found === null || at < found.at)) found = { at, kind };
  }
  return found;
}

/** The DVCQG status the dossier had at `moment`: that of its last event before it. */
function statusAt(fact: DossierFact, moment: number): number | null {
  let last: { at: number; status: number } | null = null;
  for (const event of fact.events) {
    const at = Date.parse(event.at);
    if (at < moment && (last === null || at >= last.at)) last = { at, status: event.status };
  }
  return last?.status ?? null;
}

function inWindow(at: number, window: Window): boolean {
  return at >= window.start && at < window.end;
}

type CountKey = Exclude<keyof ReportFigures, 'averageSettleDays'>;

/**
 * What one dossier adds to a row, as counts to add; null when it is outside the period (received
 * after it, or settled before it). `settleMinutes` is set when it was settled with a result in it.
 */
function contributionOf(
  fact: DossierFact,
  window: Window,
  workingMinutes: (fromLocal: string, toLocal: string) => number,
): { counts: Partial<Record<CountKey, number>>; settleMinutes: number | null } | null {
  const received = Date.parse(fact.receivedAt);
  if (received >= window.end) return null;
  const settlement = settlementOf(fact);
  if (received < window.start && settlement !== null && settlement.at < window.start) return null;

  const counts: Partial<Record<CountKey, number>> = { received: 1 };
  const add = (key: CountKey, n = 1) => {
    counts[key] = (counts[key] ?? 0) + n;
  };
  if (received < window.start) add('carriedOver');
  else {
    add(fact.channel === 2 ? 'newOnline' : fact.channel === 3 ? 'newPostal' : 'newDirect');
    add('componentsDigitized', fact.componentsDigitized);
    add('componentsReused', fact.componentsReused);
    add('componentsSigned', fact.componentsSigned);
  }
  if (fact.events.some((e) => e.type === 'supplementRequested' && inWindow(Date.parse(e.at), window))) add('supplementRequested');
  if (fact.events.some((e) => e.status === DVCQG_STATUS_OF.returned && inWindow(Date.parse(e.at), window))) {
    add('returned');
    add('resultsDigitized', fact.resultsDigitized);
  }

  let settleMinutes: number | null = null;
  if (settlement !== null && settlement.at < window.cutoff) {
    add('settled');
    const settledLocal = toVietnamLocal(new Date(settlement.at));
    if (settlement.kind !== 'result') {
      add('settledOnTime');
      add(settlement.kind);
    } else {
      if (fact.dueLocal !== null && settledLocal > fact.dueLocal) add('settledLate');
      else if (fact.dueLocal !== null && settledLocal.slice(0, 10) < fact.dueLocal.slice(0, 10)) add('settledEarly');
      else add('settledOnTime');
      settleMinutes = workingMinutes(toVietnamLocal(new Date(received)), settledLocal);
    }
  } else {
    add('inProgress');
    const paused = statusAt(fact, window.cutoff) === DVCQG_STATUS_OF.awaitingSupplement;
    add(!paused && fact.dueLocal !== null && fact.dueLocal < window.cutoffLocal ? 'inProgressOverdue' : 'inProgressWithinTime');
  }
  return { counts, settleMinutes };
}

function addCounts(figures: ReportFigures, counts: Partial<Record<CountKey, number>>): void {
  for (const [key, n] of Object.entries(counts) as [CountKey, number][]) figures[key] += n;
}

function averageDays(minutes: readonly number[]): number | null {
  if (minutes.length === 0) return null;
  const total = minutes.reduce((sum, m) => sum + m, 0);
  return Math.round((total / minutes.length / MINUTES_PER_WORKING_DAY) * 100) / 100;
}

function satisfactionOf(ratings: readonly RatingFact[], codes: ReadonlySet<string>, window: Window): SatisfactionCounts {
  const counts: SatisfactionCounts = { satisfied: 0, neutral: 0, dissatisfied: 0, total: 0 };
  for (const rating of ratings) {
    if (!codes.has(rating.dossierCode) || !inWindow(Date.parse(rating.ratedAt), window)) continue;
    counts[rating.rating]++;
    counts.total++;
  }
  return counts;
}

export interface ReportInput {
  period: ReportPeriod;
  filter: ReportFilter;
  facts: readonly DossierFact[];
  ratings: readonly RatingFact[];
  calendar: WorkingCalendar;
  now: Date;
}

export function buildDossierReport({ period, filter, facts, ratings, calendar, now }: ReportInput): DossierReport {
  const start = fromVietnamLocal(period.fromDate).getTime();
  const end = fromVietnamLocal(dayAfter(period.toDate)).getTime();
  const cutoff = Math.min(end, now.getTime());
  const window: Window = { start, end, cutoff, cutoffLocal: toVietnamLocal(new Date(cutoff)) };
  const workingMinutes = workingMinutesCounter(calendar);

  const total = emptyFigures();
  const totalMinutes: number[] = [];
  const sectors = new Map<string, { figures: ReportFigures; minutes: number[] }>();
  const codes = new Set<string>();
  for (const fact of facts) {
    if (!matchesFilter(fact, filter)) continue;
    codes.add(fact.code);
    const contribution = contributionOf(fact, window, workingMinutes);
    if (contribution === null) continue;
    let sector = sectors.get(fact.sector);
    if (!sector) sectors.set(fact.sector, (sector = { figures: emptyFigures(), minutes: [] }));
    addCounts(sector.figures, contribution.counts);
    addCounts(total, contribution.counts);
    if (contribution.settleMinutes !== null) {
      sector.minutes.push(contribution.settleMinutes);
      totalMinutes.push(contribution.settleMinutes);
    }
  }
  total.averageSettleDays = averageDays(totalMinutes);
  const bySector = [...sectors.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'vi'))
    .map(([sector, row]) => ({ sector, figures: { ...row.figures, averageSettleDays: averageDays(row.minutes) } }));
  return {
    period: { kind: period.kind, key: period.key, fromDate: period.fromDate, toDate: period.toDate },
    filter,
    asOfLocal: window.cutoffLocal,
    total,
    bySector,
    satisfaction: satisfactionOf(ratings, codes, window),
  };
}
