import { z } from 'zod';
import type { Dossier, DossierRepository } from '../../../db/repositories/dossier-repository';
import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import type { WorkingCalendar } from '../../../shared/domain/working-time';
import { AppError } from '../../../shared/ipc/result';
import { parseStoredJson } from '../../../shared/storage/stored-json';
import type { LifecycleEvent, LifecycleEventType, LifecyclePayloads } from '../../../shared/lifecycle/lifecycle-events';
import {
  assertAllowed,
  assertNewDue,
  dueAfter,
  isOverdue,
  pauseDue,
  resumeDue,
  statusAfter,
  supplementRounds,
} from '../../../shared/lifecycle/transitions';
import type { DossierView } from '../../../shared/reception/dossier-view';
import type { AuditService } from '../audit/audit-service';
import type { PrintResult, PrintService } from '../forms/print-service';
import type { Clock } from '../platform/clock';
import type { Officer } from '../reception/reception-service';

/** One entry of a dossier's history as the look-up screen shows it. */
export interface HistoryEntry {
  id: string;
  type: string;
  status: number;
  at: string;
  actorName: string;
  payload: Record<string, unknown>;
}

export interface OverdueDossier {
  id: string;
  code: string;
  ownerName: string;
  procedureName: string;
  dueLocal: string;
  status: number;
}

export interface RecordedEvent {
  dossier: DossierView;
  event: LifecycleEvent;
}

/** What the forms room prints for a lifecycle event (electron/core/forms/print-service.ts). */
export type LifecycleForms = Pick<PrintService, 'supplementRequest' | 'refusal' | 'apology' | 'stopNotice'>;

export interface PrintedEvent extends RecordedEvent {
  print: PrintResult;
}

const payloadSchema = z.record(z.string(), z.unknown());

/** Statuses in which a passed due date can make a dossier late; isOverdue has the last word. */
const RUNNING_STATUSES = [2, 4, 6] as const;

const AUDIT_ACTION = {
  supplementRequested: 'dossier.supplementRequested',
  supplementReceived: 'dossier.supplementReceived',
  refused: 'dossier.refused',
  withdrawn: 'dossier.withdrawn',
  apologyIssued: 'dossier.apologyIssued',
  processingStopped: 'dossier.processingStopped',
} as const satisfies Record<LifecycleEventType, string>;

function clean(text: string, max: number): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, max);
}

function cleanLines(lines: readonly string[], max: number): string[] {
  return lines.map((line) => clean(line, max)).filter(Boolean);
}

/**
 * The recorded lifecycle of a received dossier (docs/domain.md §3.4): a supplement request and the
 * papers that answer it, a refusal, a withdrawal, an apology with a new date, a stop. Each is one
 * SQLite transaction holding the history event, the dossier's new status and due date, the
 * `dossier.lifecycle` outbox command and the audit entry; the rules come from shared/lifecycle.
 */
export class LifecycleService {
  constructor(
    private readonly deps: {
      dossiers: DossierRepository;
      outbox: OutboxRepository;
      audit: AuditService;
      clock: Clock;
      calendar: () => WorkingCalendar;
      newId: () => string;
      transaction: <T>(work: () => T) => T;
      forms: LifecycleForms;
    },
  ) {}

  /**
   * Form 02 printed from the recorded request (issue 14 §2: printing goes through the event). The event
   * is committed first: a printer failure leaves the request recorded and the form owed as a failed job.
   */
  async requestSupplementAndPrint(
    actor: Officer,
    input: { dossierId: string; items: { name: string; reason: string }[]; contactPhone: string },
  ): Promise<PrintedEvent> {
    const recorded = this.requestSupplement(actor, input);
    if (recorded.event.type !== 'supplementRequested') throw new AppError('INTERNAL');
    const { dossier, event } = recorded;
    const print = await this.deps.forms.supplementRequest(actor, {
      procedureCode: dossier.procedure.code,
      applicant: dossier.owner,
      items: event.payload.items,
      contactPhone: event.payload.contactPhone,
      dossier: { id: dossier.id, code: dossier.code },
    });
    return { ...recorded, print };
  }

  /** Form 03 printed from the recorded refusal. */
  async refuseAndPrint(actor: Officer, input: { dossierId: string; reasons: string[] }): Promise<PrintedEvent> {
    const recorded = this.refuse(actor, input);
    if (recorded.event.type !== 'refused') throw new AppError('INTERNAL');
    const print = await this.deps.forms.refusal(actor, {
      procedureCode: recorded.dossier.procedure.code,
      applicant: recorded.dossier.owner,
      reasons: recorded.event.payload.reasons,
    });
    return { ...recorded, print };
  }

  /**
   * Form 04: checked, printed while the dossier still holds the date it replaces (the form shows both),
   * then recorded; a refused check prints nothing.
   */
  async apologizeAndPrint(actor: Officer, input: { dossierId: string; reason: string; newDueLocal: string }): Promise<PrintedEvent> {
    this.checkApology(input);
    const print = await this.deps.forms.apology(actor, input);
    return { ...this.apologize(actor, input), print };
  }

  private row(id: string): Dossier {
    const row = this.deps.dossiers.findById(id);
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code: id.slice(0, 40) });
    return row;
  }

  private state(row: Dossier) {
    return { code: row.code, status: row.status, dueLocal: row.view.dueLocal };
  }

  /** Checks, builds and writes one event; `payloadOf` runs inside the transaction on the current row. */
  private record<K extends LifecycleEventType>(
    actor: Officer,
    dossierId: string,
    type: K,
    payloadOf: (row: Dossier, nowLocal: string) => LifecyclePayloads[K],
  ): RecordedEvent {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    return this.deps.transaction(() => {
      const row = this.row(dossierId);
      assertAllowed(type, this.state(row));
      const status = statusAfter(type, row.status);
      const event = {
        id: this.deps.newId(),
        type,
        status,
        at,
        actorName: actor.fullName,
        payload: payloadOf(row, toVietnamLocal(now)),
      } as LifecycleEvent;
      const dossier: DossierView = { ...row.view, status, dueLocal: dueAfter(event, row.view.dueLocal) };
      this.deps.dossiers.updateView(row.id, dossier, at);
      this.deps.dossiers.insertEvent({
        ...event,
        dossierId: row.id,
        actorAccountId: actor.accountId,
        payload: JSON.stringify(event.payload),
      });
      this.deps.outbox.append({
        id: this.deps.newId(),
        dossierId: row.id,
        kind: 'dossier.lifecycle',
        payload: { code: row.code, event },
        createdAt: at,
      });
      this.deps.audit.record({ accountId: actor.accountId, username: actor.username }, AUDIT_ACTION[type], row.code, {
        event: event.id,
        status,
      });
      return { dossier, event };
    });
  }

  /** Form 02 for a received dossier: the next round, the clock paused with what is left of the time limit. */
  requestSupplement(
    actor: Officer,
    input: { dossierId: string; items: { name: string; reason: string }[]; contactPhone: string },
  ): RecordedEvent {
    const items = input.items.map((i) => ({ name: clean(i.name, 1000), reason: clean(i.reason, 2000) })).filter((i) => i.name);
    if (items.length === 0) throw new AppError('LIFECYCLE_ITEMS_REQUIRED');
    return this.record(actor, input.dossierId, 'supplementRequested', (row, nowLocal) => ({
      round: supplementRounds(this.history(row.id)).length + 1,
      items,
      contactPhone: clean(input.contactPhone, 40),
      dueBefore: row.view.dueLocal,
      remainingMinutes: pauseDue(row.view.dueLocal, nowLocal, this.deps.calendar()),
    }));
  }

  /** The papers of the open round arrived: the clock runs again from now with the time that was left. */
  receiveSupplement(actor: Officer, input: { dossierId: string; note: string }): RecordedEvent {
    return this.record(actor, input.dossierId, 'supplementReceived', (row, nowLocal) => {
      const open = supplementRounds(this.history(row.id)).findLast((r) => r.receivedAt === null);
      const paused = open ?? { round: 1, dueBefore: row.view.dueLocal, remainingMinutes: null };
      return {
        round: paused.round,
        note: clean(input.note, 1000),
        dueBefore: paused.dueBefore,
        dueAfter: open ? resumeDue(open, nowLocal, this.deps.calendar()) : row.view.dueLocal,
      };
    });
  }

  refuse(actor: Officer, input: { dossierId: string; reasons: string[] }): RecordedEvent {
    const reasons = cleanLines(input.reasons, 2000);
    if (reasons.length === 0) throw new AppError('LIFECYCLE_REASON_REQUIRED');
    return this.record(actor, input.dossierId, 'refused', () => ({ reasons }));
  }

  withdraw(actor: Officer, input: { dossierId: string; reason: string }): RecordedEvent {
    const reason = clean(input.reason, 2000);
    if (!reason) throw new AppError('LIFECYCLE_REASON_REQUIRED');
    return this.record(actor, input.dossierId, 'withdrawn', () => ({ reason }));
  }

  /**
   * The stop recorded, then its notice printed when the site's form set has one (the 2025 set; the
   * 2018 set has none, docs/domain.md §5.2): the stop stands either way.
   */
  async stopProcessingAndPrint(
    actor: Officer,
    input: { dossierId: string; reasons: string[] },
  ): Promise<RecordedEvent & { print: PrintResult | null }> {
    const recorded = this.stopProcessing(actor, input);
    if (recorded.event.type !== 'processingStopped') throw new AppError('INTERNAL');
    try {
      return {
        ...recorded,
        print: await this.deps.forms.stopNotice(actor, { dossierId: input.dossierId, reasons: recorded.event.payload.reasons }),
      };
    } catch (error) {
      if (error instanceof AppError && error.code === 'FORM_NOT_IN_SET') return { ...recorded, print: null };
      throw error;
    }
  }

  /** Checks Form 04 without writing, so the form can print the date it replaces before the event moves it. */
  checkApology(input: { dossierId: string; reason: string; newDueLocal: string }): void {
    if (!clean(input.reason, 2000)) throw new AppError('LIFECYCLE_REASON_REQUIRED');
    const row = this.row(input.dossierId);
    assertAllowed('apologyIssued', this.state(row));
    assertNewDue(this.state(row), input.newDueLocal);
  }

  /** Form 04: the new appointment replaces the due date, is synced and printed. */
  apologize(actor: Officer, input: { dossierId: string; reason: string; newDueLocal: string }): RecordedEvent {
    const reason = clean(input.reason, 2000);
    if (!reason) throw new AppError('LIFECYCLE_REASON_REQUIRED');
    return this.record(actor, input.dossierId, 'apologyIssued', (row) => {
      assertNewDue(this.state(row), input.newDueLocal);
      return { reason, dueBefore: row.view.dueLocal, newDueLocal: input.newDueLocal };
    });
  }

  stopProcessing(actor: Officer, input: { dossierId: string; reasons: string[] }): RecordedEvent {
    const reasons = cleanLines(input.reasons, 2000);
    if (reasons.length === 0) throw new AppError('LIFECYCLE_REASON_REQUIRED');
    return this.record(actor, input.dossierId, 'processingStopped', () => ({ reasons }));
  }

  /** The dossier's whole history, oldest first, whoever recorded each step. */
  history(dossierId: string): HistoryEntry[] {
    return this.deps.dossiers
      .events(dossierId)
      .map((e) => ({
        id: e.id,
        type: e.type,
        status: e.status,
        at: e.at,
        actorName: e.actorName,
        payload: parseStoredJson(payloadSchema, e.payload, 'dossier_events.payload', e.id),
      }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }

  /** Dossiers past their due date and still processed (shared/lifecycle/transitions.ts isOverdue), most overdue first. */
  overdue(limit = 200): OverdueDossier[] {
    const nowLocal = toVietnamLocal(this.deps.clock.now());
    return this.deps.dossiers
      .dueBefore(RUNNING_STATUSES, nowLocal, limit)
      .filter((row) => isOverdue({ status: row.status, dueLocal: row.dueLocal }, nowLocal))
      .map((row) => ({
        id: row.id,
        code: row.code,
        ownerName: row.ownerName,
        procedureName: row.view.procedure.name,
        dueLocal: row.dueLocal!,
        status: row.status,
      }));
  }
}
