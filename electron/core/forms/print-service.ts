import fs from 'node:fs';
import type { DossierRepository } from '../../../db/repositories/dossier-repository';
import type { PrintJobRepository, PrintJobRow } from '../../../db/repositories/print-job-repository';
import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import { controlSlipOf, dossierSite, hasForm, type FormKey, type PageSize } from '../../../shared/forms';
import { AppError } from '../../../shared/ipc/result';
import type { DossierView, Site } from '../../../shared/reception/dossier-view';
import type { PartyInput } from '../../../shared/reception/draft';
import type { FormService, FormServiceInput, PrintedForm } from './';
import type { FormPrintOutcome } from '../printing/form-printers/form-printer';
import type { Clock } from '../platform/clock';
import type { AuditService } from '../audit/audit-service';
import type { CatalogService } from '../catalog/catalog-service';
import { normalizeParty, type Officer } from '../reception/reception-service';

export interface PrintResult {
  jobId: string;
  /** True only when a printer took the job; until printers are set up forms are saved as PDFs. */
  printed: boolean;
  savedPath: string | null;
  pdfBase64: string;
}

export interface OutstandingJob {
  id: string;
  dossierId: string | null;
  dossierCode: string | null;
  formKey: string;
  status: string;
  createdAt: string;
  lastError: string | null;
}

const MAX_REGISTER_ROWS = 5000;

function cleanLines(lines: readonly string[], max: number): string[] {
  return lines.map((l) => l.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, max)).filter(Boolean);
}

/**
 * Printing the counter's forms. Every job is recorded before it runs and finished after, so a
 * form owed to a citizen survives a crash; every print and reprint of personal data is audited.
 */
export class PrintService {
  constructor(
    private readonly deps: {
      forms: FormService;
      /** The site today, for documents issued now and dossiers without a reception snapshot. */
      site: () => Site;
      dossiers: DossierRepository;
      printJobs: PrintJobRepository;
      catalog: CatalogService;
      audit: AuditService;
      clock: Clock;
      newId: () => string;
      transaction: <T>(work: () => T) => T;
    },
  ) {}

  /** The device settings' Test button for a form printer: no dossier, no personal data, not a job. */
  testPage(pageSize: PageSize, printer: string | null): Promise<FormPrintOutcome> {
    return this.deps.forms.printTestPage(pageSize, printer, toVietnamLocal(this.deps.clock.now()).replace('T', ' '));
  }

  private dossier(id: string): DossierView {
    const row = this.deps.dossiers.findById(id);
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code: id.slice(0, 40) });
    return row.view;
  }

  private newJob(
    officer: Officer,
    formKey: FormKey,
    dossierId: string | null,
    copies: number,
    reprintNumber = 0,
    reason: string | null = null,
  ): PrintJobRow {
    const job: PrintJobRow = {
      id: this.deps.newId(),
      dossierId,
      formKey,
      copies,
      status: 'pending',
      reprintNumber,
      reason,
      requestedBy: officer.username,
      createdAt: this.deps.clock.now().toISOString(),
      finishedAt: null,
      outputPath: null,
      lastError: null,
    };
    this.deps.printJobs.insert(job);
    return job;
  }

  /** Runs a recorded job; a failure is kept on the job (to retry) and reported, never hidden. */
  private run<K extends FormKey>(
    job: PrintJobRow,
    key: K,
    input: FormServiceInput<K>,
    subject: string | null,
    officer: Officer,
  ): Promise<PrintResult> {
    return this.runPrint(job, key, subject, officer, () => this.deps.forms.print(key, input));
  }

  private async runPrint(
    job: PrintJobRow,
    key: FormKey,
    subject: string | null,
    officer: Officer,
    print: () => Promise<PrintedForm>,
  ): Promise<PrintResult> {
    try {
      const outcome = await print();
      const pdf = outcome.savedPath ? fs.readFileSync(outcome.savedPath) : Buffer.alloc(0);
      this.deps.transaction(() => {
        this.deps.printJobs.finish(job.id, {
          status: outcome.printed ? 'printed' : 'saved',
          finishedAt: this.deps.clock.now().toISOString(),
          outputPath: outcome.savedPath,
          lastError: null,
        });
        this.deps.audit.record(
          { accountId: officer.accountId, username: officer.username },
          job.reprintNumber > 0 ? 'print.formReprinted' : 'print.formPrinted',
          subject,
          { form: key, reprintNumber: job.reprintNumber, ...(job.reason ? { reason: job.reason } : {}) },
        );
      });
      return { jobId: job.id, printed: outcome.printed, savedPath: outcome.savedPath, pdfBase64: pdf.toString('base64') };
    } catch (error) {
      const detail = String((error as Error)?.message ?? error)
        .split('\n')[0]!
        .slice(0, 300);
      this.deps.printJobs.finish(job.id, {
        status: 'failed',
        finishedAt: this.deps.clock.now().toISOString(),
        outputPath: null,
        lastError: detail,
      });
      throw error instanceof AppError ? error : new AppError('PRINT_FAILED', { details: detail });
    }
  }

  /**
   * Prints the receipt (Form 01, two copies) with the control slip after copy 1, which stays with the
   * paper file (docs/domain.md §5.1): the job written at accept, or a fresh one.
   */
  async receipt(officer: Officer, dossierId: string): Promise<PrintResult> {
    const dossier = this.dossier(dossierId);
    const owed = this.deps.printJobs.outstanding().find((j) => j.dossierId === dossierId && j.formKey === 'receipt');
    const job = owed ?? this.newJob(officer, 'receipt', dossierId, 2);
    return this.runPrint(job, 'receipt', dossier.code, officer, () => this.deps.forms.printReceiptWithControlSlip(dossier));
  }

  /**
   * The control slip alone, when the one in the file is full or lost: always a reprint (audited as
   * one), since the first slip was printed with the receipt.
   */
  async controlSlip(officer: Officer, dossierId: string): Promise<PrintResult> {
    const dossier = this.dossier(dossierId);
    const site = dossierSite(dossier, this.deps.site());
    const job = this.deps.transaction(() =>
      this.newJob(officer, 'control_slip', dossierId, 1, this.deps.printJobs.reprintCount(dossierId, 'control_slip') + 1),
    );
    return this.run(job, 'control_slip', controlSlipOf(dossier, site), dossier.code, officer);
  }

  /** The 2025 set's stop-processing notice for a received dossier, with its reasons (docs/domain.md §5.2). */
  async stopNotice(officer: Officer, input: { dossierId: string; reasons: string[] }): Promise<PrintResult> {
    const reasons = cleanLines(input.reasons, 1000);
    if (reasons.length === 0) throw new AppError('RECEPTION_REASONS_REQUIRED');
    const dossier = this.dossier(input.dossierId);
    const set = this.deps.site().formSet;
    if (!hasForm(set, 'stop_notice')) throw new AppError('FORM_NOT_IN_SET', { set, form: 'stop_notice' });
    const job = this.newJob(officer, 'stop_notice', dossier.id, 1);
    return this.run(
      job,
      'stop_notice',
      { dossier, reasons, issuedAtLocal: toVietnamLocal(this.deps.clock.now()), signer: null },
      dossier.code,
      officer,
    );
  }

  async reprintReceipt(officer: Officer, dossierId: string, reason: string): Promise<PrintResult> {
    const why = reason.normalize('NFC').trim().slice(0, 500);
    if (!why) throw new AppError('REPRINT_REASON_REQUIRED');
    const dossier = this.dossier(dossierId);
    const job = this.deps.transaction(() =>
      this.newJob(officer, 'receipt', dossierId, 2, this.deps.printJobs.reprintCount(dossierId, 'receipt') + 1, why),
    );
    return this.run(job, 'receipt', { dossier }, dossier.code, officer);
  }

  async supplementRequest(
    officer: Officer,
    input: {
      procedureCode: string;
      applicant: PartyInput;
      items: { name: string; reason: string }[];
      contactPhone: string;
      /** The received dossier a recorded request belongs to: its code on the form, the job in its history. */
      dossier?: { id: string; code: string };
    },
  ): Promise<PrintResult> {
    const items = input.items
      .map((i) => ({ name: cleanLines([i.name], 500)[0] ?? '', reason: cleanLines([i.reason], 1000)[0] ?? '' }))
      .filter((i) => i.name);
    if (items.length === 0) throw new AppError('RECEPTION_REASONS_REQUIRED');
    const procedure = this.deps.catalog.get(input.procedureCode);
    const job = this.newJob(officer, 'supplement_request', input.dossier?.id ?? null, 1);
    return this.run(
      job,
      'supplement_request',
      {
        applicant: normalizeParty(input.applicant),
        procedure: { code: procedure.code, name: procedure.name },
        dossierCode: input.dossier?.code ?? null,
        items,
        guidingOfficer: { fullName: officer.fullName },
        contactPhone: input.contactPhone.trim().slice(0, 40),
        issuedAtLocal: toVietnamLocal(this.deps.clock.now()),
      },
      procedure.code,
      officer,
    );
  }

  async refusal(officer: Officer, input: { procedureCode: string; applicant: PartyInput; reasons: string[] }): Promise<PrintResult> {
    const reasons = cleanLines(input.reasons, 1000);
    if (reasons.length === 0) throw new AppError('RECEPTION_REASONS_REQUIRED');
    const procedure = this.deps.catalog.get(input.procedureCode);
    const job = this.newJob(officer, 'refusal', null, 1);
    return this.run(
      job,
      'refusal',
      {
        applicant: normalizeParty(input.applicant),
        procedure: { code: procedure.code, name: procedure.name },
        reasons,
        officer: { fullName: officer.fullName },
        issuedAtLocal: toVietnamLocal(this.deps.clock.now()),
      },
      procedure.code,
      officer,
    );
  }

  async apology(officer: Officer, input: { dossierId: string; reason: string; newDueLocal: string }): Promise<PrintResult> {
    const reason = cleanLines([input.reason], 1000)[0];
    if (!reason) throw new AppError('RECEPTION_REASONS_REQUIRED');
    const dossier = this.dossier(input.dossierId);
    const job = this.newJob(officer, 'apology', dossier.id, 1);
    return this.run(
      job,
      'apology',
      { dossier, reason, newDueLocal: input.newDueLocal, issuedAtLocal: toVietnamLocal(this.deps.clock.now()) },
      dossier.code,
      officer,
    );
  }

  async register(officer: Officer, fromLocal: string, toLocal: string): Promise<PrintResult> {
    const rows = this.deps.dossiers
      .search({ fromDate: fromLocal, toDate: toLocal, limit: MAX_REGISTER_ROWS })
      .map((r) => r.view)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const job = this.newJob(officer, 'register', null, 1);
    return this.run(job, 'register', { rows, fromLocal, toLocal }, `${fromLocal}..${toLocal}`, officer);
  }

  outstanding(): OutstandingJob[] {
    return this.deps.printJobs.outstanding().map((job) => ({
      id: job.id,
      dossierId: job.dossierId,
      dossierCode: job.dossierId ? (this.deps.dossiers.findById(job.dossierId)?.code ?? null) : null,
      formKey: job.formKey,
      status: job.status,
      createdAt: job.createdAt,
      lastError: job.lastError,
    }));
  }
}
