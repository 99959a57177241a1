import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../../shared/domain/working-time';
import { buildDossierReport } from '../../../../shared/reports/dossier-report';
import type { DossierFact } from '../../../../shared/reports/report-facts';
import { parseReportPeriod } from '../../../../shared/reports/report-period';

const calendar = defaultCalendar(['2026-11-24']);

function fact(code: string, over: Partial<DossierFact>): DossierFact {
  return {
    code,
    agencyCode: '000.00.06.H56',
    counterId: 'device-1',
    officer: 'lan',
    sector: 'Hộ tịch',
    procedureCode: '1.001',
    channel: 1,
    receivedAt: '2026-10-05T01:00:00.000Z',
    dueLocal: '2026-10-09T17:00',
    events: [],
    componentsDigitized: 0,
    componentsReused: 0,
    componentsSigned: 0,
    resultsDigitized: 0,
    ...over,
  };
}

const received = (at: string) => ({ type: 'received', status: 2, at });

function report(facts: DossierFact[], period = '2026-10', now = '2027-01-01T00:00:00.000Z') {
  return buildDossierReport({ period: parseReportPeriod(period), filter: {}, facts, ratings: [], calendar, now: new Date(now) });
}

describe('report periods (Vietnam local dates)', () => {
  it('reads a month, a quarter, a year and a range, and refuses the rest with REPORT_PERIOD_INVALID', () => {
    expect(parseReportPeriod('2026-02')).toEqual({ kind: 'month', key: '2026-02', fromDate: '2026-02-01', toDate: '2026-02-28' });
    expect(parseReportPeriod('2026-q4')).toEqual({ kind: 'quarter', key: '2026-Q4', fromDate: '2026-10-01', toDate: '2026-12-31' });
    expect(parseReportPeriod('2026')).toMatchObject({ kind: 'year', fromDate: '2026-01-01', toDate: '2026-12-31' });
    expect(parseReportPeriod('2026-10-01..2026-10-15')).toMatchObject({ kind: 'range', toDate: '2026-10-15' });
    for (const bad of ['2026-13', '2026-Q0', '2026-10-15..2026-10-01', '2026-02-30..2026-03-01', '2020-01-01..2026-01-01', 'quý 4'])
      expect(() => parseReportPeriod(bad), bad).toThrow(expect.objectContaining({ code: 'REPORT_PERIOD_INVALID' }));
  });

  it('counts a dossier received at 06:30 on 1 October in Vietnam (23:30 UTC the day before) as new in October', () => {
    const early = fact('a', { receivedAt: '2026-09-30T23:30:00.000Z', events: [received('2026-09-30T23:30:00.000Z')] });
    expect(report([early], '2026-10').total).toMatchObject({ received: 1, carriedOver: 0, newDirect: 1 });
    expect(report([early], '2026-09').total.received).toBe(0);
  });
});

describe('the figures of one period', () => {
  it('sorts results into early, on time and late against the due date, and refusals count on time', () => {
    const result = (code: string, at: string) =>
      fact(code, { events: [received('2026-10-05T01:00:00.000Z'), { type: 'statusFromProvince', status: 9, at }] });
    const r = report([
      result('early', '2026-10-08T03:00:00.000Z'),
      result('onTime', '2026-10-09T09:59:00.000Z'),
      result('late', '2026-10-09T10:01:00.000Z'),
      fact('refused', { events: [received('2026-10-05T01:00:00.000Z'), { type: 'refused', status: 3, at: '2026-10-20T01:00:00.000Z' }] }),
    ]);
    expect(r.total).toMatchObject({ settled: 4, settledEarly: 1, settledOnTime: 2, settledLate: 1, refused: 1, inProgress: 0 });
    // From 08:00 Monday 5 October (sessions 07:30–11:30, 13:00–17:00): to 10:00 Thursday 1,560 working
    // minutes, to 16:59 Friday 2,369, to 17:01 Friday 2,370; their mean in 8-hour days is 4.37.
    expect(r.total.averageSettleDays).toBe(4.37);
  });

  it('keeps a dossier waiting for a supplement within time though its due date has passed, and overdue otherwise', () => {
    const waiting = fact('w', {
      events: [received('2026-10-05T01:00:00.000Z'), { type: 'supplementRequested', status: 5, at: '2026-10-06T01:00:00.000Z' }],
    });
    const open = fact('o', { events: [received('2026-10-05T01:00:00.000Z')] });
    expect(report([waiting, open]).total).toMatchObject({
      inProgress: 2,
      inProgressWithinTime: 1,
      inProgressOverdue: 1,
      supplementRequested: 1,
    });
  });

  it('carries over what was open at the start, drops what was settled before it, and takes a period under way at now', () => {
    const before = fact('b', { receivedAt: '2026-09-20T01:00:00.000Z', events: [received('2026-09-20T01:00:00.000Z')] });
    const closed = fact('c', {
      receivedAt: '2026-09-20T01:00:00.000Z',
      events: [received('2026-09-20T01:00:00.000Z'), { type: 'withdrawn', status: 7, at: '2026-09-25T01:00:00.000Z' }],
    });
    const r = report([before, closed], '2026-10', '2026-10-07T01:00:00.000Z');
    expect(r.total).toMatchObject({ received: 1, carriedOver: 1, withdrawn: 0 });
    expect(r.asOfLocal).toBe('2026-10-07T08:00');
  });
});
