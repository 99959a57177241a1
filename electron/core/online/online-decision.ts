import { v5 as uuidv5 } from 'uuid';
import { AppError } from '../../../shared/ipc/result';
import type { OnlineClaim, OnlineDecisionRequest } from '../../../shared/online/online-queue-protocol';
import type { ReceptionDraft } from '../../../shared/reception/draft';
import type { DossierView } from '../../../shared/reception/dossier-view';

/** The signed-in officer, as the reception room knows them. */
export interface Officer {
  accountId: string;
  username: string;
  fullName: string;
}

/** The province's side of a decision (electron/core/sync/gateway-client.ts), as this room needs it. */
export interface ProvinceOnlineDecisions {
  enrolled(): boolean;
  claimOnlineDossier(id: string, officer: { username: string; fullName: string }): Promise<OnlineClaim>;
  decideOnlineDossier(id: string, officer: { username: string; fullName: string }, decision: OnlineDecisionRequest): Promise<unknown>;
}

/** The counter's reception (electron/core/reception/reception-service.ts): the one path that issues a code. */
export interface OnlineReception {
  accept(
    officer: Officer,
    draft: ReceptionDraft,
    online: { dossierId: string; decisionId: string },
  ): { dossier: DossierView; printJobId: string };
}

export interface OnlineDecisionDeps {
  province: ProvinceOnlineDecisions;
  reception: OnlineReception;
  /** Pushes the outbox now when online, so the gateway hears of the acceptance at once (sync room). */
  nudgeSync?: () => void;
}

/** Namespace of the decision ids: one id per online dossier and decision kind, whoever sends it and however often. */
const DECISION_NAMESPACE = '6f1d2a3c-55b4-4f3e-9a51-0c2b7d9e8a14';

export function onlineDecisionId(onlineDossierId: string, kind: 'accepted' | 'supplement' | 'refused'): string {
  return uuidv5(`${onlineDossierId}/${kind}`, DECISION_NAMESPACE);
}

/**
 * An officer's decision on an online or postal dossier they claimed (issue 15 §1, docs/architecture.md §8.1):
 *
 * - accept: the claim is renewed (so no one else decided meanwhile), then the dossier is received through the
 *   counter's normal reception path — code, due date, receipt print job, history event — on channel 2 (online)
 *   or 3 (postal) as the gateway says, and the acceptance rides with the received command, which the gateway
 *   applies once and records together with the dossier; from there the gateway forwards DongBoHoSoMC and the
 *   progress to DVCQG and sends the applicant the receipt notice.
 * - supplement or refuse: the decision goes to the gateway under an id fixed by the dossier and kind, so a
 *   resend after a lost answer is recorded once.
 */
export class OnlineDecisionService {
  /** Accepted in this session: a second accept of the same dossier would issue a second code. */
  private readonly accepted = new Map<string, DossierView>();

  constructor(private readonly deps: OnlineDecisionDeps) {}

  async accept(officer: Officer, onlineDossierId: string, draft: ReceptionDraft): Promise<{ dossier: DossierView; printJobId: string }> {
    if (!this.deps.province.enrolled()) throw new AppError('SYNC_NOT_ENROLLED');
    if (this.accepted.has(onlineDossierId)) throw new AppError('ONLINE_DOSSIER_DECIDED');
    const claim = await this.deps.province.claimOnlineDossier(onlineDossierId, { username: officer.username, fullName: officer.fullName });
    const received = this.deps.reception.accept(
      officer,
      { ...draft, channel: claim.channel === 3 ? 'post' : 'online' },
      { dossierId: onlineDossierId, decisionId: onlineDecisionId(onlineDossierId, 'accepted') },
    );
    this.accepted.set(onlineDossierId, received.dossier);
    this.deps.nudgeSync?.();
    return received;
  }

  requestSupplement(officer: Officer, onlineDossierId: string, reason: string): Promise<{ decision: 'supplement' }> {
    return this.decide(officer, onlineDossierId, 'supplement', reason);
  }

  refuse(officer: Officer, onlineDossierId: string, reason: string): Promise<{ decision: 'refused' }> {
    return this.decide(officer, onlineDossierId, 'refused', reason);
  }

  private async decide<K extends 'supplement' | 'refused'>(
    officer: Officer,
    id: string,
    kind: K,
    reason: string,
  ): Promise<{ decision: K }> {
    if (!this.deps.province.enrolled()) throw new AppError('SYNC_NOT_ENROLLED');
    const text = reason.normalize('NFC').trim();
    if (!text) throw new AppError('ONLINE_DECISION_REASON_REQUIRED');
    await this.deps.province.decideOnlineDossier(
      id,
      { username: officer.username, fullName: officer.fullName },
      { id: onlineDecisionId(id, kind), kind, reason: text.slice(0, 2000) },
    );
    return { decision: kind };
  }
}
