import { uiText, formatMessage } from '../i18n/vi';
import type { ReportPeriod } from './report-period';
import type { DossierReport, ReportFigures } from './report-schema';

/**
 * The layout of Biểu II.06a/VPCP/KSTT (docs/domain.md §10) as plain data: the three header rows with
 * their merged cells, one row per lĩnh vực and the total, then the details the template has no column
 * for and the satisfaction counts. The xlsx writers of the counter and the gateway, the A4 print and
 * the screen all lay the report out from here, so they show the same columns in the same order.
 */
export interface HeaderCell {
  text: string;
  /** 1-based row (1–3) and column (1–13) of the cell's top left corner. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

const t = uiText.reports;
const c = t.columns;

export const TEMPLATE_COLUMNS = 13;

export const HEADER_CELLS: readonly HeaderCell[] = [
  { text: c.no, row: 1, col: 1, rowSpan: 3, colSpan: 1 },
  { text: c.sector, row: 1, col: 2, rowSpan: 3, colSpan: 1 },
  { text: c.receivedGroup, row: 1, col: 3, rowSpan: 1, colSpan: 4 },
  { text: c.settledGroup, row: 1, col: 7, rowSpan: 1, colSpan: 4 },
  { text: c.inProgressGroup, row: 1, col: 11, rowSpan: 1, colSpan: 3 },
  { text: c.total, row: 2, col: 3, rowSpan: 2, colSpan: 1 },
  { text: c.newGroup, row: 2, col: 4, rowSpan: 1, colSpan: 2 },
  { text: c.carriedOver, row: 2, col: 6, rowSpan: 2, colSpan: 1 },
  { text: c.total, row: 2, col: 7, rowSpan: 2, colSpan: 1 },
  { text: c.early, row: 2, col: 8, rowSpan: 2, colSpan: 1 },
  { text: c.onTime, row: 2, col: 9, rowSpan: 2, colSpan: 1 },
  { text: c.late, row: 2, col: 10, rowSpan: 2, colSpan: 1 },
  { text: c.total, row: 2, col: 11, rowSpan: 2, colSpan: 1 },
  { text: c.withinTime, row: 2, col: 12, rowSpan: 2, colSpan: 1 },
  { text: c.overdue, row: 2, col: 13, rowSpan: 2, colSpan: 1 },
  { text: c.online, row: 3, col: 4, rowSpan: 1, colSpan: 1 },
  { text: c.direct, row: 3, col: 5, rowSpan: 1, colSpan: 1 },
];

/** Columns 3–13 of a row of figures. */
export function templateValues(f: ReportFigures): number[] {
  return [
    f.received,
    f.newOnline,
    f.newDirect + f.newPostal,
    f.carriedOver,
    f.settled,
    f.settledEarly,
    f.settledOnTime,
    f.settledLate,
    f.inProgress,
    f.inProgressWithinTime,
    f.inProgressOverdue,
  ];
}

/** The body: one row per lĩnh vực (STT, name, columns 3–13), then the total row without a number. */
export function templateRows(report: DossierReport): (string | number)[][] {
  const rows: (string | number)[][] = report.bySector.map((row, i) => [i + 1, row.sector || t.noSector, ...templateValues(row.figures)]);
  rows.push(['', t.total, ...templateValues(report.total)]);
  return rows;
}

export type DetailKey = keyof typeof t.details & keyof ReportFigures;

const DETAIL_KEYS: readonly DetailKey[] = [
  'newDirect',
  'newPostal',
  'returned',
  'supplementRequested',
  'refused',
  'withdrawn',
  'stopped',
  'componentsDigitized',
  'componentsReused',
  'componentsSigned',
  'resultsDigitized',
  'averageSettleDays',
];

/** The figures the template has no column for, as label and value ('—' for an average with nothing settled). */
export function detailRows(report: DossierReport): [string, number | string][] {
  const rows: [string, number | string][] = DETAIL_KEYS.map((key) => [t.details[key], report.total[key] ?? t.details.none]);
  const s = report.satisfaction;
  rows.push(
    [`${t.satisfaction.title}: ${t.satisfaction.satisfied}`, s.satisfied],
    [`${t.satisfaction.title}: ${t.satisfaction.neutral}`, s.neutral],
    [`${t.satisfaction.title}: ${t.satisfaction.dissatisfied}`, s.dissatisfied],
    [t.satisfaction.total, s.total],
  );
  return rows;
}

function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function periodLabel(period: Pick<ReportPeriod, 'kind' | 'fromDate' | 'toDate'>): string {
  const [year, month] = period.fromDate.split('-').map(Number) as [number, number];
  const kinds = t.periodKinds;
  switch (period.kind) {
    case 'month':
      return formatMessage(kinds.month, { month, year });
    case 'quarter':
      return formatMessage(kinds.quarter, { quarter: Math.floor((month - 1) / 3) + 1, year });
    case 'year':
      return formatMessage(kinds.year, { year });
    case 'range':
      return formatMessage(kinds.range, { from: vnDate(period.fromDate), to: vnDate(period.toDate) });
  }
}

/** "Kỳ báo cáo: Quý 4/2026 (từ ngày 01/10/2026 đến ngày 31/12/2026)". */
export function periodLine(report: DossierReport): string {
  return formatMessage(t.period, {
    period: periodLabel(report.period),
    from: vnDate(report.period.fromDate),
    to: vnDate(report.period.toDate),
  });
}

export function asOfLine(report: DossierReport): string {
  const [date, time] = report.asOfLocal.split('T') as [string, string];
  return formatMessage(t.asOf, { time: `${time} ${vnDate(date)}` });
}
