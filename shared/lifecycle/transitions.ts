import { addWorkingTime, workingMinutesBetween, type WorkingCalendar } from '../domain/working-time';
import { uiText } from '../i18n/vi';
import { AppError } from '../ipc/result';
import {
  asLifecycleEvent,
  type HistoryEvent,
  type LifecycleEvent,
  type LifecycleEventType,
  type LifecyclePayloads,
} from './lifecycle-events';
import { DVCQG_STATUS_OF, localStateOf, type LocalState } from './status-map';

/**
 * Which lifecycle event a dossier may take in which state, the state it leaves the dossier in, and
 * the due date it leaves behind (docs/domain.md §3.4). Pure: the counter checks it before writing,
 * the gateway again before applying, so both refuse the same things.
 */
export const ALLOWED_FROM: Readonly<Record<LifecycleEventType, readonly LocalState[]>> = {
  supplementRequested: ['received', 'processing', 'paymentRequired'],
  supplementReceived: ['awaitingSupplement'],
  refused: ['received', 'processing', 'awaitingSupplement'],
  withdrawn: ['received', 'processing', 'awaitingSupplement', 'paymentRequired'],
  apologyIssued: ['received', 'processing', 'paymentRequired'],
  processingStopped: ['received', 'processing', 'awaitingSupplement', 'paymentRequired'],
};

/** The state after the event; an apology changes the date, not the state. */
export const STATE_AFTER: Readonly<Record<LifecycleEventType, LocalState | 'unchanged'>> = {
  supplementRequested: 'awaitingSupplement',
  supplementReceived: 'processing',
  refused: 'refused',
  withdrawn: 'withdrawn',
  apologyIssued: 'unchanged',
  processingStopped: 'stopped',
};

export function isAllowed(type: LifecycleEventType, status: number): boolean {
  const state = localStateOf(status);
  return state !== null && ALLOWED_FROM[type].includes(state);
}

/** The DVCQG status a dossier at `status` has after the event. */
export function statusAfter(type: LifecycleEventType, status: number): number {
  const after = STATE_AFTER[type];
  return after === 'unchanged' ? status : DVCQG_STATUS_OF[after];
}

export interface SupplementRound {
  round: number;
  requestedEventId: string;
  requestedAt: string;
  requestedBy: string;
  items: LifecyclePayloads['supplementRequested']['items'];
  dueBefore: string | null;
  remainingMinutes: number | null;
  receivedAt: string | null;
  receivedBy: string | null;
  receivedNote: string;
  dueAfter: string | null;
}

/** The supplement rounds of a history, oldest first; the last one is open until its papers arrive. */
export function supplementRounds(history: readonly HistoryEvent[]): SupplementRound[] {
  const rounds: SupplementRound[] = [];
  const ordered = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
  for (const raw of ordered) {
    const event = asLifecycleEvent(raw);
    if (event?.type === 'supplementRequested') {
      rounds.push({
        round: event.payload.round,
        requestedEventId: event.id,
        requestedAt: event.at,
        requestedBy: event.actorName,
        items: event.payload.items,
        dueBefore: event.payload.dueBefore,
        remainingMinutes: event.payload.remainingMinutes,
        receivedAt: null,
        receivedBy: null,
        receivedNote: '',
        dueAfter: null,
      });
    } else if (event?.type === 'supplementReceived') {
      const open = rounds.find((r) => r.round === event.payload.round && r.receivedAt === null);
      if (open)
        Object.assign(open, {
          receivedAt: event.at,
          receivedBy: event.actorName,
          receivedNote: event.payload.note,
          dueAfter: event.payload.dueAfter,
        });
    }
  }
  return rounds;
}

/** Working minutes left of the time limit when a supplement request stops the clock at `atLocal`; null without a due date. */
export function pauseDue(dueLocal: string | null, atLocal: string, calendar: WorkingCalendar): number | null {
  return dueLocal === null ? null : workingMinutesBetween(atLocal, dueLocal, calendar);
}

/**
 * The due date when the supplement arrives at `atLocal`: the minutes left at the pause, counted again on
 * the working calendar from where counting starts. A dossier already late when it was paused has
 * nothing left and keeps its old date, so it stays flagged overdue.
 */
export function resumeDue(
  paused: { dueBefore: string | null; remainingMinutes: number | null },
  atLocal: string,
  calendar: WorkingCalendar,
): string | null {
  if (paused.dueBefore === null || paused.remainingMinutes === null) return null;
  if (paused.remainingMinutes <= 0) return paused.dueBefore;
  return addWorkingTime(atLocal, { unit: 'workingHours', value: paused.remainingMinutes / 60 }, calendar);
}

/** The due date a dossier keeps after the event: the recomputed one when papers arrive, Form 04's new one; otherwise unchanged. */
export function dueAfter(event: LifecycleEvent, currentDue: string | null): string | null {
  if (event.type === 'supplementReceived') return event.payload.dueAfter;
  if (event.type === 'apologyIssued') return event.payload.newDueLocal;
  return currentDue;
}

export interface DossierState {
  code: string;
  status: number;
  dueLocal: string | null;
}

/** Refuses an event the dossier's state does not allow, in Vietnamese, with the state's name. */
export function assertAllowed(type: LifecycleEventType, dossier: DossierState): void {
  if (!isAllowed(type, dossier.status)) {
    const status = uiText.dossierStatus[dossier.status as keyof typeof uiText.dossierStatus] ?? String(dossier.status);
    throw new AppError('LIFECYCLE_EVENT_NOT_ALLOWED', { code: dossier.code, status, event: uiText.lookup.lifecycleVerb[type] });
  }
}

/** Form 04's new appointment must come after the date it replaces. */
export function assertNewDue(dossier: DossierState, newDueLocal: string): void {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(newDueLocal))
    throw new AppError('LIFECYCLE_NEW_DUE_INVALID', { value: newDueLocal.slice(0, 40) });
  if (dossier.dueLocal !== null && newDueLocal <= dossier.dueLocal) {
    throw new AppError('LIFECYCLE_NEW_DUE_NOT_LATER', { due: dossier.dueLocal.replace('T', ' ') });
  }
}

/** Still being processed: the states in which a passed due date makes the dossier late. */
const RUNNING: ReadonlySet<LocalState> = new Set(['received', 'processing', 'paymentRequired']);

/**
 * Overdue (docs/domain.md §3.4): past its due date while the agency still holds it. A paused clock
 * (awaiting supplement) is not late, nor is a result ready and waiting for the citizen, nor a dossier
 * whose processing ended.
 */
export function isOverdue(dossier: { status: number; dueLocal: string | null }, nowLocal: string): boolean {
  const state = localStateOf(dossier.status);
  return state !== null && RUNNING.has(state) && dossier.dueLocal !== null && dossier.dueLocal < nowLocal;
}
