import { partyIdentifier, type DossierRepository } from '../../../db/repositories/dossier-repository';
import type { OweSlip } from '../printing/slip-debt';
import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import type { PartyRepository } from '../../../db/repositories/party-repository';
import type { PrintJobRepository } from '../../../db/repositories/print-job-repository';
import type { Procedure } from '../../../shared/catalog/procedure';
import { formatDossierCode } from '../../../shared/domain/dossier-code';
import { checkDocumentNumber } from '../../../shared/domain/identity-document';
import { isRealDate, parseIsoDate } from '../../../shared/domain/local-date';
import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import { addWorkingTime } from '../../../shared/domain/working-time';
import { calendarGaps } from '../../../shared/domain/calendar-gaps';
import { errorMessage } from '../../../shared/i18n/vi';
import { AppError } from '../../../shared/ipc/result';
import { DOSSIER_STATUS } from '../../../shared/reception/dossier-status';
import { registerEntryOf } from '../../../shared/reception/register-entry';
import type { DossierComponentView, DossierView, FeeRecord, Party } from '../../../shared/reception/dossier-view';
import type { PartyInput, ReceptionDraft, StoredFile } from '../../../shared/reception/draft';
import type { FileStore } from '../platform/file-store';
import { sha256Hex } from '../platform/node-sha256';
import type { Clock } from '../platform/clock';
import type { AuditService } from '../audit/audit-service';
import type { CalendarService } from '../calendar/calendar-service';
import type { CatalogService } from '../catalog/catalog-service';
import type { SequenceService } from '../site/sequence-service';
import type { SiteService } from '../site/site-service';
import { PARTY_ADDRESS_MAX_LENGTH, PARTY_NAME_MAX_LENGTH } from '../../../shared/reception/limits';

export interface Officer {
  accountId: string;
  username: string;
  fullName: string;
}

export interface ReceptionDeps {
  catalog: CatalogService;
  site: SiteService;
  calendar: CalendarService;
  sequences: SequenceService;
  files: FileStore;
  parties: PartyRepository;
  dossiers: DossierRepository;
  outbox: OutboxRepository;
  printJobs: PrintJobRepository;
  audit: AuditService;
  clock: Clock;
  newId: () => string;
  transaction: <T>(work: () => T) => T;
  oweSlip?: OweSlip;
}

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const ALLOWED_MEDIA_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']);

/** Magic numbers, so a renamed file is judged by what it is, not by its name. */
function sniffMediaType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  return null;
}

function cleanText(text: string, max: number): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** Phone numbers as officers type them ("0912 345 678", "+84 912.345.678") reduced to digits. */
export function normalizePhone(raw: string): string {
  const compact = raw.replace(/[\s.\-()]/g, '');
  if (compact === '') return '';
  if (!/^\+?\d{8,15}$/.test(compact)) throw new AppError('RECEPTION_PHONE_INVALID', { value: raw.slice(0, 40) });
  return compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
}

function checkDate(value: string | null): string | null {
  if (value === null || value === '') return null;
  const parsed = parseIsoDate(value);
  if (!parsed || !isRealDate(parsed)) throw new AppError('RECEPTION_DATE_INVALID', { value: value.slice(0, 20) });
  return value;
}

export function normalizeParty(input: PartyInput): Party {
  const fullName = cleanText(input.fullName, PARTY_NAME_MAX_LENGTH);
  if (!fullName) throw new AppError('RECEPTION_OWNER_NAME_REQUIRED');
  const documentType = input.documentType ?? 'cccd';
  const rawIdNumber = input.idNumber?.trim() || null;
  const checked = rawIdNumber === null ? null : checkDocumentNumber(documentType, rawIdNumber);
  if (checked && !checked.ok) throw new AppError(checked.code, { value: rawIdNumber!.slice(0, 32) });
  const idNumber = checked?.ok ? checked.number : null;
  const taxCode = input.taxCode?.trim() || null;
  if (taxCode !== null && !/^\d{10}(-\d{3})?$/.test(taxCode))
    throw new AppError('RECEPTION_TAX_CODE_INVALID', { value: taxCode.slice(0, 20) });
  const email = input.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError('RECEPTION_EMAIL_INVALID', { value: email.slice(0, 60) });
  return {
    kind: input.kind,
    fullName,
    ...(input.kind === 'citizen' && documentType !== 'cccd' ? { documentType } : {}),
    idNumber: input.kind === 'citizen' ? idNumber : null,
    oldIdNumber: input.oldIdNumber?.trim() || null,
    taxCode: input.kind === 'organisation' ? taxCode : null,
    dateOfBirth: checkDate(input.dateOfBirth),
    sex: input.sex,
    address: cleanText(input.address, PARTY_ADDRESS_MAX_LENGTH),
    issueDate: checkDate(input.issueDate),
    phone: normalizePhone(input.phone),
    email,
    ...(input.kind === 'organisation' && input.organisationKind ? { organisationKind: input.organisationKind } : {}),
    ...(input.contactConsent ? { contactConsent: true } : {}),
  };
}

/** The checklist from the catalogue, filled with what the officer marked for each slot. */
export function buildChecklist(
  procedure: Procedure,
  draft: ReceptionDraft,
  fileExists: (sha256: string) => boolean,
): DossierComponentView[] {
  const known = new Set(procedure.components.map((c) => c.code));
  for (const input of draft.components) {
    if (!known.has(input.code)) throw new AppError('RECEPTION_UNKNOWN_COMPONENT', { code: input.code.slice(0, 64) });
  }
  return procedure.components.map((component) => {
    const input = draft.components.find((c) => c.code === component.code);
    const state = input?.state ?? 'missing';
    if (state === 'attached') {
      if (!input || input.files.length === 0) throw new AppError('RECEPTION_COMPONENT_FILES_REQUIRED', { name: component.name });
    }
    // Files filed online are kept here (fetched from the gateway) before accepting, like the counter's own.
    if (state === 'attached' || state === 'submittedOnline') {
      const lost = input?.files.find((f) => !fileExists(f.sha256));
      if (lost) throw new AppError('RECEPTION_FILE_MISSING', { name: lost.fileName });
    }
    if (state === 'reused' && !input?.reuseRef?.trim()) throw new AppError('RECEPTION_REUSE_REF_REQUIRED', { name: component.name });
    if (state === 'waived' && !input?.waiveReason?.trim()) throw new AppError('RECEPTION_WAIVE_REASON_REQUIRED', { name: component.name });
    // Only a dossier that came through the portal has files the portal keeps (online-decision.ts sets its channel).
    if (state === 'submittedOnline' && draft.channel === 'direct')
      throw new AppError('RECEPTION_ONLINE_COMPONENT_AT_COUNTER', { name: component.name });
    return {
      code: component.code,
      name: component.name,
      required: component.required,
      originals: component.originals,
      copies: component.copies,
      state,
      digitization:
        state === 'attached'
          ? 'digitizedHere'
          : state === 'reused'
            ? input?.reuseKind === 'result'
              ? 'reusedFromResult'
              : 'reused'
            : 'notDigitized',
      pageCount: 0,
      reuseRef: state === 'reused' ? cleanText(input!.reuseRef!, 300) : null,
      waiveReason: state === 'waived' ? cleanText(input!.waiveReason!, 1000) : null,
    };
  });
}

export function missingRequired(checklist: DossierComponentView[]): DossierComponentView[] {
  return checklist.filter((c) => c.required && c.state === 'missing');
}

function buildFees(procedure: Procedure, draft: ReceptionDraft): FeeRecord[] {
  if (draft.fees.length !== 0 && draft.fees.length !== procedure.fees.length) {
    throw new AppError('RECEPTION_FEES_MISMATCH', { expected: procedure.fees.length });
  }
  return procedure.fees.map((fee, i) => {
    const input = draft.fees[i] ?? { status: fee.amount === 0 ? 'exempt' : 'unpaid', method: null, receiptNumber: null };
    return {
      kind: fee.kind,
      name: fee.name,
      amount: fee.amount,
      status: input.status,
      method: input.status === 'paid' ? input.method : null,
      receiptNumber: input.status === 'paid' ? input.receiptNumber?.trim() || null : null,
      // Only a filing through the portal can have been paid online; at the counter the officer collects it.
      ...(input.status === 'paid' && input.onlinePayment && draft.channel !== 'direct' ? { onlinePayment: input.onlinePayment } : {}),
    };
  });
}

/**
 * The catalogue entry a dossier was received under, as a short fingerprint: the catalogue has no
 * version numbers of its own, and a later import or pull that changes the procedure changes this.
 */
export function procedureVersion(procedure: Procedure): string {
  return sha256Hex(JSON.stringify(procedure)).slice(0, 16);
}

/**
 * Receiving a dossier: checks the draft, computes the due date and writes the dossier, its files,
 * the applicant, the first history event, the outbox command and the receipt's print job in one
 * transaction — all of it or nothing.
 */
export class ReceptionService {
  constructor(private readonly deps: ReceptionDeps) {}

  storeFile(input: { fileName: string; dataBase64: string }): StoredFile {
    const name = cleanText(input.fileName, 255) || 'tep';
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.dataBase64) || input.dataBase64.length % 4 !== 0) {
      throw new AppError('FILE_DATA_INVALID', { name });
    }
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.byteLength === 0) throw new AppError('FILE_EMPTY', { name });
    if (bytes.byteLength > MAX_FILE_BYTES)
      throw new AppError('FILE_TOO_LARGE', { name, size: `${(bytes.byteLength / 1024 ** 2).toFixed(1)} MB`, max: '50 MB' });
    const mediaType = sniffMediaType(bytes);
    if (!mediaType || !ALLOWED_MEDIA_TYPES.has(mediaType)) throw new AppError('FILE_TYPE_NOT_ALLOWED', { name });
    const stored = this.deps.files.put(bytes);
    return { sha256: stored.sha256, fileName: name, mediaType, bytes: stored.bytes };
  }

  /** A person or organisation known from earlier dossiers at this counter. */
  knownParty(kind: Party['kind'], identifier: string): Party | null {
    return this.deps.parties.find(kind, identifier.trim());
  }

  /** Today's local date at the counter, the day dossier codes are numbered for. */
  today(): string {
    return toVietnamLocal(this.deps.clock.now()).slice(0, 10);
  }

  dueDate(procedureCode: string): {
    receivedLocal: string;
    dueLocal: string | null;
    calendarWarning?: { years: number[]; message: string };
  } {
    const procedure = this.deps.catalog.get(procedureCode);
    const receivedLocal = toVietnamLocal(this.deps.clock.now());
    const calendar = this.deps.calendar.calendar();
    const dueLocal = addWorkingTime(receivedLocal, procedure.duration, calendar);
    const years = calendarGaps(calendar, receivedLocal, dueLocal);
    if (years.length === 0) return { receivedLocal, dueLocal };
    const message = errorMessage('CALENDAR_YEAR_WITHOUT_DAYS_OFF', { years: years.join(', ') });
    return { receivedLocal, dueLocal, calendarWarning: { years, message } };
  }

  /** The checklist with what is still missing, for the completeness check before accepting. */
  check(draft: ReceptionDraft): { checklist: DossierComponentView[]; missing: DossierComponentView[] } {
    const procedure = this.deps.catalog.get(draft.procedureCode);
    // Files filed online are on the gateway; accepting fetches those not viewed here yet (online/online-decision.ts).
    const filedOnline = new Set(draft.components.filter((c) => c.state === 'submittedOnline').flatMap((c) => c.files.map((f) => f.sha256)));
    const checklist = buildChecklist(procedure, draft, (sha) => filedOnline.has(sha) || this.deps.files.has(sha));
    return { checklist, missing: missingRequired(checklist) };
  }

  /**
   * The draft arrives parsed once, at the contract boundary (reception.accept, pages.accept). `online`: the
   * gateway's online or postal dossier this reception accepts (electron/core/online/online-decision.ts), carried
   * with the received command so the gateway records the decision with the dossier.
   */
  accept(
    officer: Officer,
    draft: ReceptionDraft,
    online?: { dossierId: string; decisionId: string },
  ): { dossier: DossierView; printJobId: string } {
    const site = this.deps.site.requireConfigured();
    const procedure = this.deps.catalog.get(draft.procedureCode);
    const owner = normalizeParty(draft.owner);
    const submitter = draft.submitter ? normalizeParty(draft.submitter) : null;
    const checklist = buildChecklist(procedure, draft, (sha) => this.deps.files.has(sha));
    const missing = missingRequired(checklist);
    if (missing.length > 0) throw new AppError('RECEPTION_INCOMPLETE', { components: missing.map((c) => c.name).join('; ') });
    const returnAddress = draft.returnMethod === 'post' ? cleanText(draft.returnAddress ?? '', 500) : null;
    if (draft.returnMethod === 'post' && !returnAddress) throw new AppError('RECEPTION_RETURN_ADDRESS_REQUIRED');
    const fees = buildFees(procedure, draft);

    const now = this.deps.clock.now();
    const at = now.toISOString();
    const receivedLocal = toVietnamLocal(now);
    const dueLocal = addWorkingTime(receivedLocal, procedure.duration, this.deps.calendar.calendar());
    const filesByComponent = new Map(
      draft.components.filter((c) => c.state === 'attached' || c.state === 'submittedOnline').map((c) => [c.code, c.files]),
    );

    return this.deps.transaction(() => {
      const id = this.deps.newId();
      const date = receivedLocal.slice(0, 10);
      const sequence = this.deps.sequences.allocate(site.agencyCode, date, id);
      const view: DossierView = {
        id,
        code: formatDossierCode({ agencyCode: site.agencyCode, date, sequence }),
        status: DOSSIER_STATUS.received,
        procedure: {
          code: procedure.code,
          name: procedure.name,
          sectorName: procedure.sectorName,
          duration: procedure.duration,
          version: procedureVersion(procedure),
          ...(procedure.leadAgency ? { leadAgency: procedure.leadAgency } : {}),
        },
        // The snapshot reprints use (docs/domain.md §5.4): the set in force today and today's names.
        site,
        owner,
        submitter,
        channel: draft.channel,
        returnMethod: draft.returnMethod,
        returnAddress,
        receivedAt: at,
        receivedLocal,
        dueLocal,
        setsCount: draft.setsCount,
        components: checklist.map((c) => ({ ...c, pageCount: filesByComponent.get(c.code)?.length ?? 0 })),
        fees,
        officer: { username: officer.username, fullName: officer.fullName },
        register: registerEntryOf({ date, sequence }),
        note: cleanText(draft.note, 2000),
        returnedAt: null,
        returnedTo: null,
      };
      this.deps.dossiers.insert(view, officer.accountId, at);
      for (const [componentCode, files] of filesByComponent) {
        files.forEach((file, position) =>
          this.deps.dossiers.insertFile({ id: this.deps.newId(), dossierId: id, componentCode, position, ...file }),
        );
      }
      for (const party of [owner, submitter]) {
        const identifier = party && partyIdentifier(party);
        if (party && identifier) {
          this.deps.parties.upsert({ id: this.deps.newId(), identifier, party, updatedAt: at });
        }
      }
      const eventPayload = { note: 'Tiếp nhận hồ sơ' };
      const event = {
        id: this.deps.newId(),
        dossierId: id,
        type: 'received',
        status: DOSSIER_STATUS.received,
        at,
        actorAccountId: officer.accountId,
        actorName: officer.fullName,
        payload: JSON.stringify(eventPayload),
      };
      this.deps.dossiers.insertEvent(event);
      // The files ride as references; the sync uploads their bytes before this command (protocol fileRefSchema).
      const files = [...filesByComponent].flatMap(([componentCode, list]) =>
        list.map((f) => ({
          componentCode,
          sha256: f.sha256,
          size: f.bytes,
          mediaType: f.mediaType,
          pageCount: f.mediaType.startsWith('image/') ? 1 : 0,
        })),
      );
      this.deps.outbox.append({
        id: this.deps.newId(),
        dossierId: id,
        kind: 'dossier.received',
        payload: { dossier: view, event: { ...event, payload: eventPayload }, files, ...(online ? { online } : {}) },
        createdAt: at,
      });
      const printJobId = this.deps.newId();
      this.deps.printJobs.insert({
        id: printJobId,
        dossierId: id,
        formKey: 'receipt',
        copies: 2,
        status: 'pending',
        reprintNumber: 0,
        reason: null,
        requestedBy: officer.username,
        createdAt: at,
        finishedAt: null,
        outputPath: null,
        lastError: null,
      });
      this.deps.oweSlip?.({ dossierId: id, kind: 'slip_received', requestedBy: officer.username, at });
      this.deps.audit.record({ accountId: officer.accountId, username: officer.username }, 'dossier.received', view.code, {
        procedure: procedure.code,
      });
      return { dossier: view, printJobId };
    });
  }
}
