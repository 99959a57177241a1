import { z } from 'zod';
import type { DossierRepository } from '../../../db/repositories/dossier-repository';
import type { OutboxRepository, OutboxRow } from '../../../db/repositories/outbox-repository';
import { AppError } from '../../../shared/ipc/result';
import type { DossierView } from '../../../shared/reception/dossier-view';
import { parseStoredText } from '../../../shared/storage/stored-json';
import { SYSTEM_ACTOR, type AuditService } from '../audit/audit-service';
import type { Clock } from '../platform/clock';
import type { Officer } from '../reception/reception-service';
import type { ReturnInput, ReturnService, ResultDocumentInput } from './return-service';

/** The gateway's answer to a second return of one dossier (central/commands.ts). */
export const ALREADY_RETURNED = 'DOSSIER_ALREADY_RETURNED';

/** The part of a refused return command kept in the refusal's history entry: what the officer recorded. */
const sentReturnSchema = z.object({ event: z.object({ payload: z.unknown() }).optional() });

/** Who the history names for the province's refusal of this counter's return. */
const PROVINCE_ACTOR = 'Hệ thống một cửa của tỉnh';

export interface ReturnConflictPorts {
  /** True once this counter is enrolled with the province. */
  enrolled(): boolean;
  /** Pushes the outbox now; rejects when the push fails as a whole (offline, timeout). */
  pushNow(): Promise<unknown>;
  /** Fetches the dossier from the province and brings this counter's copy to its state (lookup room). */
  refresh(code: string): Promise<{ view: DossierView }>;
}

export interface ReturnConflictsDeps extends ReturnConflictPorts {
  returns: ReturnService;
  dossiers: DossierRepository;
  outbox: OutboxRepository;
  audit: AuditService;
  clock: Clock;
  newId: () => string;
  transaction: <T>(work: () => T) => T;
}

/**
 * Two counters handing one dossier's result over (issue 14 §1): the province keeps the first return
 * to reach it and refuses the second for good. The second counter then loses nothing — its own
 * return event, the collector it recorded and the result documents it scanned stay in its history and
 * file store — but its copy takes the province's state, and a `returnRefused` entry says why. Online,
 * the officer learns it at once: the return is pushed as soon as it is recorded and a refusal is
 * answered with DOSSIER_RETURN_CONFLICT; offline, the next sync pass makes the same correction.
 */
export class ReturnConflicts {
  constructor(private readonly deps: ReturnConflictsDeps) {}

  async returnWithResults(actor: Officer, input: ReturnInput & { results: ResultDocumentInput[] }): Promise<DossierView> {
    const view = await this.deps.returns.returnWithResults(actor, input);
    if (!this.deps.enrolled()) return view;
    const command = this.lastReturn(input.dossierId);
    if (!command) return view;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        // A pass already in flight may have started before this return was written: then a second one sends it.
        await this.deps.pushNow();
      } catch {
        return view;
      }
      const state = this.state(command.id);
      if (state?.acknowledgedAt) return view;
      if (state?.lastError === ALREADY_RETURNED) {
        const province = await this.correct(state).catch(() => null);
        throw new AppError('DOSSIER_RETURN_CONFLICT', {
          code: view.code,
          returnedTo: province?.returnedTo ?? '?',
          at: (province?.returnedAt ?? '?').replace('T', ' '),
        });
      }
      if (state?.lastError) return view;
    }
    return view;
  }

  /** A sync step: corrects every refused return not corrected yet (one made offline, pushed later). */
  async correctAll(): Promise<void> {
    for (const command of this.deps.outbox.refused(ALREADY_RETURNED)) {
      if (!this.corrected(command)) await this.correct(command);
    }
  }

  private lastReturn(dossierId: string): OutboxRow | undefined {
    return this.deps.outbox
      .forDossier(dossierId)
      .filter((row) => row.kind === 'dossier.resultReturned')
      .at(-1);
  }

  private state(commandId: string): OutboxRow | undefined {
    return this.deps.outbox.byId(commandId);
  }

  private corrected(command: OutboxRow): boolean {
    if (!command.dossierId) return true;
    return this.deps.dossiers
      .events(command.dossierId)
      .some((event) => event.type === 'returnRefused' && event.payload.includes(command.id));
  }

  /** Brings the copy to the province's state, then records the refusal once; returns the province's view. */
  private async correct(command: OutboxRow): Promise<DossierView> {
    const row = command.dossierId ? this.deps.dossiers.findById(command.dossierId) : undefined;
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code: String(command.dossierId).slice(0, 40) });
    const { view } = await this.deps.refresh(row.code);
    const sent = sentReturnSchema.safeParse(parseStoredText(command.payload, 'outbox.payload', command.id));
    const at = this.deps.clock.now().toISOString();
    this.deps.transaction(() => {
      if (this.corrected(command)) return;
      this.deps.dossiers.insertEvent({
        id: this.deps.newId(),
        dossierId: row.id,
        type: 'returnRefused',
        status: view.status,
        at,
        actorAccountId: null,
        actorName: PROVINCE_ACTOR,
        payload: JSON.stringify({
          commandId: command.id,
          reason: ALREADY_RETURNED,
          returnedTo: view.returnedTo,
          returnedAt: view.returnedAt,
          refusedReturn: sent.success ? (sent.data.event?.payload ?? null) : null,
        }),
      });
      this.deps.audit.record(SYSTEM_ACTOR, 'dossier.returnConflict', row.code, {
        commandId: command.id,
        returnedTo: view.returnedTo,
      });
    });
    return view;
  }
}
