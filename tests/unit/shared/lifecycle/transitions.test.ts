import { describe, expect, it } from 'vitest';
import { addWorkingTime, defaultCalendar, workingMinutesBetween } from '../../../../shared/domain/working-time';
import { AppError } from '../../../../shared/ipc/result';
import { lifecycleEventTypes, type HistoryEvent } from '../../../../shared/lifecycle/lifecycle-events';
import { DVCQG_STATUS_OF, localStateOf, localStates } from '../../../../shared/lifecycle/status-map';
import {
  ALLOWED_FROM,
  assertAllowed,
  assertNewDue,
  isAllowed,
  isOverdue,
  pauseDue,
  resumeDue,
  statusAfter,
  supplementRounds,
} from '../../../../shared/lifecycle/transitions';

/** Tết 2026 (docs/domain.md §8.1): Mon 16 – Fri 20 February off. */
const calendar = defaultCalendar(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);

describe('status map', () => {
  it('maps every local state to a distinct DVCQG code and back', () => {
    const codes = localStates.map((s) => DVCQG_STATUS_OF[s]);
    expect(new Set(codes).size).toBe(localStates.length);
    expect(codes.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const state of localStates) expect(localStateOf(DVCQG_STATUS_OF[state])).toBe(state);
  });

  it('has no local state for status 1 (filed online) or an unknown code', () => {
    expect(localStateOf(1)).toBeNull();
    expect(localStateOf(11)).toBeNull();
  });
});

describe('allowed transitions', () => {
  // Every event × every status 1..10: the table is the whole truth, nothing else lets an event through.
  const expected: Record<string, number[]> = {
    supplementRequested: [2, 4, 6],
    supplementReceived: [5],
    refused: [2, 4, 5],
    withdrawn: [2, 4, 5, 6],
    apologyIssued: [2, 4, 6],
    processingStopped: [2, 4, 5, 6],
  };
  for (const type of lifecycleEventTypes) {
    it(`${type} is allowed exactly from ${expected[type]!.join(', ')}`, () => {
      const allowed = Array.from({ length: 10 }, (_, i) => i + 1).filter((status) => isAllowed(type, status));
      expect(allowed).toEqual(expected[type]);
      expect(ALLOWED_FROM[type].map((s) => DVCQG_STATUS_OF[s]).sort((a, b) => a - b)).toEqual(expected[type]);
    });
  }

  it('gives the status after each event', () => {
    expect(statusAfter('supplementRequested', 4)).toBe(5);
    expect(statusAfter('supplementReceived', 5)).toBe(4);
    expect(statusAfter('refused', 2)).toBe(3);
    expect(statusAfter('withdrawn', 5)).toBe(7);
    expect(statusAfter('processingStopped', 4)).toBe(8);
    expect(statusAfter('apologyIssued', 4)).toBe(4);
    expect(statusAfter('apologyIssued', 2)).toBe(2);
  });

  it('refuses an event the state does not allow, naming the state and the action in Vietnamese', () => {
    const refuse = () => assertAllowed('supplementReceived', { code: '000.00.06.H56-260210-0001', status: 10, dueLocal: null });
    expect(refuse).toThrow(AppError);
    try {
      refuse();
    } catch (error) {
      const data = (error as AppError).toData();
      expect(data.code).toBe('LIFECYCLE_EVENT_NOT_ALLOWED');
      expect(data.message).toBe('Hồ sơ 000.00.06.H56-260210-0001 đang ở trạng thái “Đã trả kết quả”, không thể nhận hồ sơ bổ sung.');
    }
    expect(() => assertAllowed('refused', { code: 'X', status: 4, dueLocal: null })).not.toThrow();
  });
});

describe('due date paused and resumed', () => {
  it('counts working minutes across lunch, nights, weekends and holidays', () => {
    expect(workingMinutesBetween('2026-02-10T09:00', '2026-02-10T14:00', calendar)).toBe(150 + 60);
    // Fri 13/02 16:00 → Mon 23/02 08:30 (Tết week off): one hour on Friday, one on Monday.
    expect(workingMinutesBetween('2026-02-13T16:00', '2026-02-23T08:30', calendar)).toBe(120);
    expect(workingMinutesBetween('2026-02-10T09:00', '2026-02-10T09:00', calendar)).toBe(0);
    expect(workingMinutesBetween('2026-02-11T09:00', '2026-02-10T09:00', calendar)).toBe(0);
    expect(workingMinutesBetween('2026-02-10T18:00', '2026-02-11T07:00', calendar)).toBe(0);
  });

  it('carries the remaining working time over the pause (request Tue, papers back after Tết)', () => {
    // Due Fri 13/02 17:00; paused Tue 10/02 at 10:00 → 1.5 h Tue morning + 4 h afternoon + 3 × 8 h = 29.5 h.
    const remaining = pauseDue('2026-02-13T17:00', '2026-02-10T10:00', calendar);
    expect(remaining).toBe(29.5 * 60);
    // Papers back Thu 12/02 at 16:00 … the clock had stopped; counting again: 1 h Thu, 8 h Fri, then Tết, then Mon 23/02.
    const due = resumeDue({ dueBefore: '2026-02-13T17:00', remainingMinutes: remaining }, '2026-02-12T16:00', calendar);
    expect(due).toBe(addWorkingTime('2026-02-12T16:00', { unit: 'workingHours', value: 29.5 }, calendar));
    expect(due).toBe('2026-02-25T13:30');
  });

  it('keeps the same due date when the papers come back at the moment the clock stopped', () => {
    const remaining = pauseDue('2026-02-13T17:00', '2026-02-10T10:00', calendar)!;
    expect(resumeDue({ dueBefore: '2026-02-13T17:00', remainingMinutes: remaining }, '2026-02-10T10:00', calendar)).toBe(
      '2026-02-13T17:00',
    );
  });

  it('a dossier already late when paused keeps its old date; a procedure without a due date keeps none', () => {
    expect(pauseDue('2026-02-09T17:00', '2026-02-10T10:00', calendar)).toBe(0);
    expect(resumeDue({ dueBefore: '2026-02-09T17:00', remainingMinutes: 0 }, '2026-02-12T10:00', calendar)).toBe('2026-02-09T17:00');
    expect(pauseDue(null, '2026-02-10T10:00', calendar)).toBeNull();
    expect(resumeDue({ dueBefore: null, remainingMinutes: null }, '2026-02-12T10:00', calendar)).toBeNull();
  });

  it('a request outside working hours pauses with what is left from the next session', () => {
    // Saturday: nothing of the weekend counts.
    expect(pauseDue('2026-02-10T09:30', '2026-02-07T10:00', calendar)).toBe(8 * 60 + 2 * 60);
  });
});

describe('the new appointment of Form 04', () => {
  const dossier = { code: 'X', status: 4, dueLocal: '2026-02-13T17:00' };
  it('must be later than the current due date', () => {
    expect(() => assertNewDue(dossier, '2026-02-13T17:00')).toThrow(/phải sau ngày hẹn hiện tại \(2026-02-13 17:00\)/);
    expect(() => assertNewDue(dossier, '2026-02-12T08:00')).toThrow(AppError);
    expect(() => assertNewDue(dossier, '2026-02-24T08:00')).not.toThrow();
    expect(() => assertNewDue({ ...dossier, dueLocal: null }, '2026-02-24T08:00')).not.toThrow();
  });
  it('must be a local date and time', () => {
    expect(() => assertNewDue(dossier, '24/02/2026')).toThrow(/không hợp lệ/);
  });
});

describe('overdue', () => {
  const now = '2026-02-13T17:01';
  it('flags a dossier still processed past its due date', () => {
    for (const status of [2, 4, 6]) expect(isOverdue({ status, dueLocal: '2026-02-13T17:00' }, now)).toBe(true);
    expect(isOverdue({ status: 4, dueLocal: '2026-02-13T17:01' }, now)).toBe(false);
    expect(isOverdue({ status: 4, dueLocal: null }, now)).toBe(false);
  });
  it('does not flag a paused clock, a result waiting for the citizen, or an ended dossier', () => {
    for (const status of [1, 3, 5, 7, 8, 9, 10]) expect(isOverdue({ status, dueLocal: '2026-02-01T08:00' }, now)).toBe(false);
  });
});

describe('supplement rounds', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 1, 10, 3, minute)).toISOString();
  const request = (id: string, round: number, minute: number): HistoryEvent => ({
    id,
    type: 'supplementRequested',
    status: 5,
    at: at(minute),
    actorName: 'Cán bộ B',
    payload: {
      round,
      items: [{ name: 'Bản sao giấy khai sinh', reason: 'mờ' }],
      contactPhone: '',
      dueBefore: '2026-02-13T17:00',
      remainingMinutes: 600,
    },
  });
  const received = (id: string, round: number, minute: number): HistoryEvent => ({
    id,
    type: 'supplementReceived',
    status: 4,
    at: at(minute),
    actorName: 'Cán bộ A',
    payload: { round, note: 'đủ', dueBefore: null, dueAfter: '2026-02-16T10:00' },
  });

  it('pairs each request with its papers, in time order, leaving the last round open', () => {
    const rounds = supplementRounds([
      request('r2', 2, 30),
      received('a1', 1, 20),
      request('r1', 1, 10),
      { id: 'x', type: 'received', status: 2, at: at(0), actorName: 'A', payload: {} },
    ]);
    expect(rounds.map((r) => [r.round, r.requestedBy, r.receivedBy, r.dueAfter])).toEqual([
      [1, 'Cán bộ B', 'Cán bộ A', '2026-02-16T10:00'],
      [2, 'Cán bộ B', null, null],
    ]);
  });

  it('ignores a lifecycle event whose payload is not well-formed', () => {
    expect(supplementRounds([{ ...request('r1', 1, 10), payload: { round: 'one' } }])).toEqual([]);
  });
});
