import { v5 as uuidv5 } from 'uuid';
import { AppError } from '../../../shared/ipc/result';
import type { IssuedDecisionForm } from '../../../shared/online/decision-forms';
import type { OnlineClaim, OnlineDecisionRequest } from '../../../shared/online/online-queue-protocol';
import type { ReceptionDraft } from '../../../shared/reception/draft';
import type { DossierView } from '../../../shared/reception/dossier-view';

/** The signed-in officer, as the reception room knows them. */
export interface Officer {
  accountId: string;
  username: string;
  fullName: string;
}

/** What Forms 02 and 03 print of an online dossier that was never received. */
export interface SubmissionDecision {
  kind: 'supplement' | 'refused';
  procedureCode: string;
  submission: Record<string, unknown>;
  reason: string;
}

/** The forms a decision sends electronically (online-decision-forms.ts): kept at the counter, signed or not. */
export interface DecisionForms {
  receipt(officer: Officer, dossier: DossierView): Promise<{ sha256: string; signed: boolean }>;
  notice(officer: Officer, decision: SubmissionDecision): Promise<{ sha256: string; signed: boolean }>;
}

/** The province's side of a decision (electron/core/sync/gateway-client.ts), as this room needs it. */
export interface ProvinceOnlineDecisions {
  enrolled(): boolean;
  claimOnlineDossier(id: string, officer: { username: string; fullName: string }): Promise<OnlineClaim>;
  decideOnlineDossier(id: string, officer: { username: string; fullName: string }, decision: OnlineDecisionRequest): Promise<unknown>;
}

/**
 * The counter's reception (electron/core/digitize/dossier-digitization-service.ts over reception-service.ts): the one
 * path that issues a code. With a scan session, the pages the officer scanned (a paper supplement) are assembled into
 * the component PDFs exactly as in direct reception.
 */
export interface OnlineReception {
  accept(
    officer: Officer,
    draft: ReceptionDraft,
    online: { dossierId: string; decisionId: string },
    sessionId: string | null,
  ): Promise<{ dossier: DossierView; printJobId: string }> | { dossier: DossierView; printJobId: string };
}

export interface OnlineDecisionDeps {
  province: ProvinceOnlineDecisions;
  reception: OnlineReception;
  /** Pushes the outbox now when online, so the gateway hears of the acceptance at once (sync room). */
  nudgeSync?: () => void;
  /** The receipt and Forms 02/03 sent electronically; absent, decisions go without them. */
  forms?: DecisionForms;
  /** Uploads a kept blob to the gateway now (the sync room's uploader), before the decision that names it. */
  uploadBlob?: (sha256: string) => Promise<unknown>;
  /** Lines without personal data. */
  log?: (message: string) => void;
  /** Brings the files filed online that the draft names into the file store (online-queue.ts), before the code is issued. */
  keepFiledFiles?: (onlineDossierId: string, sha256s: string[]) => Promise<void>;
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

  async accept(
    officer: Officer,
    onlineDossierId: string,
    draft: ReceptionDraft,
    sessionId: string | null = null,
  ): Promise<{ dossier: DossierView; printJobId: string; form: IssuedDecisionForm | null }> {
    if (!this.deps.province.enrolled()) throw new AppError('SYNC_NOT_ENROLLED');
    if (this.accepted.has(onlineDossierId)) throw new AppError('ONLINE_DOSSIER_DECIDED');
    const claim = await this.deps.province.claimOnlineDossier(onlineDossierId, { username: officer.username, fullName: officer.fullName });
    const filed = draft.components.filter((c) => c.state === 'submittedOnline').flatMap((c) => c.files.map((f) => f.sha256));
    if (filed.length > 0) await this.deps.keepFiledFiles?.(onlineDossierId, filed);
    const received = await this.deps.reception.accept(
      officer,
      { ...draft, channel: claim.channel === 3 ? 'post' : 'online' },
      { dossierId: onlineDossierId, decisionId: onlineDecisionId(onlineDossierId, 'accepted') },
      sessionId,
    );
    this.accepted.set(onlineDossierId, received.dossier);
    // The code is issued: the receipt follows it as a file of the dossier, in the same push when it is quick.
    const forms = this.deps.forms;
    const receipt = forms ? await this.attempt('receipt', () => forms.receipt(officer, received.dossier)) : null;
    this.deps.nudgeSync?.();
    return { ...received, form: receipt ? { sha256: receipt.sha256, signed: receipt.signed, attached: true } : null };
  }

  requestSupplement(
    officer: Officer,
    onlineDossierId: string,
    reason: string,
  ): Promise<{ decision: 'supplement'; form: IssuedDecisionForm | null }> {
    return this.decide(officer, onlineDossierId, 'supplement', reason);
  }

  refuse(officer: Officer, onlineDossierId: string, reason: string): Promise<{ decision: 'refused'; form: IssuedDecisionForm | null }> {
    return this.decide(officer, onlineDossierId, 'refused', reason);
  }

  /** A form that cannot be made or sent never stops the decision it belongs to (docs/architecture.md §8.1). */
  private async attempt<T>(what: string, work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      const code = error instanceof AppError ? error.code : error instanceof Error ? error.name : 'unknown';
      this.deps.log?.(`online decision form: ${what} failed (${code}); the decision goes without it`);
      return null;
    }
  }

  /** Form 02 or 03 of the claimed dossier, kept and uploaded; null when it could not be made. */
  private async noticeForm(
    officer: Officer,
    id: string,
    kind: 'supplement' | 'refused',
    reason: string,
  ): Promise<IssuedDecisionForm | null> {
    const forms = this.deps.forms;
    if (!forms) return null;
    // Renewing the claim gives back what the applicant filed, which the form prints.
    const claim = await this.deps.province.claimOnlineDossier(id, { username: officer.username, fullName: officer.fullName });
    const submitted = claim.submission.MaTTHC;
    const procedureCode = claim.procedureCode ?? (typeof submitted === 'string' ? submitted : '');
    const kept = await this.attempt(kind, () => forms.notice(officer, { kind, procedureCode, submission: claim.submission, reason }));
    if (!kept) return null;
    const upload = this.deps.uploadBlob;
    const uploaded = upload ? (await this.attempt('upload', () => upload(kept.sha256))) !== null : false;
    return { sha256: kept.sha256, signed: kept.signed, attached: uploaded };
  }

  private async decide<K extends 'supplement' | 'refused'>(
    officer: Officer,
    id: string,
    kind: K,
    reason: string,
  ): Promise<{ decision: K; form: IssuedDecisionForm | null }> {
    if (!this.deps.province.enrolled()) throw new AppError('SYNC_NOT_ENROLLED');
    const text = reason.normalize('NFC').trim().slice(0, 2000);
    if (!text) throw new AppError('ONLINE_DECISION_REASON_REQUIRED');
    const form = await this.noticeForm(officer, id, kind, text);
    await this.deps.province.decideOnlineDossier(
      id,
      { username: officer.username, fullName: officer.fullName },
      {
        id: onlineDecisionId(id, kind),
        kind,
        reason: text,
        ...(form?.attached ? { form: { sha256: form.sha256, signed: form.signed } } : {}),
      },
    );
    return { decision: kind, form };
  }
}
