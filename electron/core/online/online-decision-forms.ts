import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import { uiText } from '../../../shared/i18n/vi';
import type { AppErrorData } from '../../../shared/ipc/result';
import { RECEIPT_FILE_CODE, type DecisionFormKind } from '../../../shared/online/decision-forms';
import { submissionParty } from '../../../shared/online/submission-party';
import type { DossierView } from '../../../shared/reception/dossier-view';
import type { FileRef } from '../../../shared/sync/protocol';
import type { AuditService } from '../audit/audit-service';
import type { FormService } from '../forms';
import type { Clock } from '../platform/clock';
import type { FileStore } from '../platform/file-store';
import type { DecisionForms, Officer, SubmissionDecision } from './online-decision';

/** A form kept at the counter: its blob, and whether the unit signed it ("chưa ký" otherwise). */
export interface IssuedForm {
  sha256: string;
  bytes: number;
  signed: boolean;
}

export interface OnlineDecisionFormsDeps {
  /** The forms room's renderer, the one printing uses (electron/core/forms/form-service.ts). */
  forms: Pick<FormService, 'pdf'>;
  /** The signing room's session signer (DossierSigningService.signInSession): unsigned when no session is open. */
  sign(accountId: string, pdf: Uint8Array, label: string): Promise<{ pdf: Uint8Array; signed: boolean; error: AppErrorData | null }>;
  files: Pick<FileStore, 'put'>;
  /** Queues the receipt as a file of the received dossier: sync uploads its blob before the command. */
  attachToDossier(dossier: DossierView, file: FileRef): void;
  /** The procedure's name from the catalogue; null when the counter does not know the code. */
  procedureName(code: string): string | null;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}

/**
 * The forms an online decision sends electronically (issue 15 §1, issue 16 §3, docs/architecture.md
 * §8.1): rendered by the forms room as printing does, signed in the officer's open session when there
 * is one, and kept in the file store like any dossier file.
 */
export class OnlineDecisionForms implements DecisionForms {
  constructor(private readonly deps: OnlineDecisionFormsDeps) {}

  /** Form 01 of a dossier just accepted, queued to the gateway as the dossier's receipt file. */
  async receipt(officer: Officer, dossier: DossierView): Promise<IssuedForm> {
    const { pdf } = await this.deps.forms.pdf('receipt', { dossier });
    const form = await this.keep(officer, 'receipt', pdf, dossier.code);
    this.deps.attachToDossier(dossier, {
      componentCode: RECEIPT_FILE_CODE,
      sha256: form.sha256,
      size: form.bytes,
      mediaType: 'application/pdf',
      pageCount: 0,
      signed: form.signed,
    });
    return form;
  }

  /** Form 02 (supplement) or 03 (refusal) of a submission, with the officer's reason, kept for upload. */
  async notice(officer: Officer, decision: SubmissionDecision): Promise<IssuedForm> {
    const applicant = submissionParty(decision.submission);
    const procedure = { code: decision.procedureCode, name: this.deps.procedureName(decision.procedureCode) ?? decision.procedureCode };
    const issuedAtLocal = toVietnamLocal(this.deps.clock.now());
    const lines = decision.reason
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    const { pdf } =
      decision.kind === 'supplement'
        ? await this.deps.forms.pdf('supplement_request', {
            applicant,
            procedure,
            dossierCode: null,
            items: lines.map((name) => ({ name, reason: uiText.onlineQueue.formSupplementItemReason })),
            guidingOfficer: { fullName: officer.fullName },
            contactPhone: '',
            issuedAtLocal,
          })
        : await this.deps.forms.pdf('refusal', {
            applicant,
            procedure,
            reasons: lines,
            officer: { fullName: officer.fullName },
            issuedAtLocal,
          });
    return this.keep(officer, decision.kind, pdf, decision.procedureCode);
  }

  private async keep(officer: Officer, kind: DecisionFormKind, pdf: Uint8Array, subject: string): Promise<IssuedForm> {
    const signing = await this.deps.sign(officer.accountId, pdf, `${kind}:${subject}`);
    const stored = this.deps.files.put(signing.pdf);
    this.deps.audit.record({ accountId: officer.accountId, username: officer.username }, 'online.formIssued', subject, {
      form: kind,
      signed: signing.signed,
      ...(signing.error ? { signingError: signing.error.code } : {}),
    });
    return { sha256: stored.sha256, bytes: stored.bytes, signed: signing.signed };
  }
}
