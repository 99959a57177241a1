import { z } from 'zod';
import { durationUnits, feeKinds } from '../catalog/procedure';
import { documentTypes } from '../domain/identity-document';
import { formSetIds } from '../site/form-set-schedule';

/**
 * A dossier as the UI and the form templates see it: plain data, snapshotted at reception so a
 * receipt reprinted years later shows what the citizen was given, not today's catalogue.
 */
export const partySchema = z.object({
  kind: z.enum(['citizen', 'organisation']),
  fullName: z.string(),
  /** What `idNumber` is; absent in views stored before passports were taken, meaning CCCD. */
  documentType: z.enum(documentTypes).optional(),
  /** The number of that document for citizens (12-digit personal ID on a CCCD). */
  idNumber: z.string().nullable(),
  oldIdNumber: z.string().nullable(),
  /** Mã số thuế for organisations. */
  taxCode: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  sex: z.enum(['male', 'female']).nullable(),
  address: z.string(),
  issueDate: z.string().nullable(),
  phone: z.string(),
  email: z.string(),
  /** For an organisation: a business, a state agency or another kind (DVCQG LoaiDoiTuong 2, 3, 4); absent means another kind. */
  organisationKind: z.enum(['business', 'stateAgency', 'other']).optional(),
  /** The applicant agreed to be told of the dossier by SMS and e-mail at the phone and address above; absent means no. */
  contactConsent: z.boolean().optional(),
});
export type Party = z.infer<typeof partySchema>;

/** 'submittedOnline': the applicant filed it through the portal (channel 2 or 3), and the portal keeps the file. */
export const componentStates = ['attached', 'reused', 'waived', 'missing', 'submittedOnline'] as const;
export const digitizationStates = ['notDigitized', 'digitizedHere', 'reused', 'reusedFromResult'] as const;

export const dossierComponentViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  required: z.boolean(),
  originals: z.number().int(),
  copies: z.number().int(),
  state: z.enum(componentStates),
  digitization: z.enum(digitizationStates),
  pageCount: z.number().int(),
  reuseRef: z.string().nullable(),
  waiveReason: z.string().nullable(),
  /** Where a reused document came from; only 'nationalStore' makes DuocLayTuKhoDMQG 1. Absent: this counter's own store. */
  reuseSource: z.enum(['localStore', 'nationalStore']).optional(),
});
export type DossierComponentView = z.infer<typeof dossierComponentViewSchema>;

export const feeRecordSchema = z.object({
  kind: z.enum(feeKinds),
  name: z.string(),
  amount: z.number().int(),
  status: z.enum(['paid', 'unpaid', 'exempt']),
  method: z.enum(['cash', 'transfer', 'card']).nullable(),
  receiptNumber: z.string().nullable(),
  /** Paid through an online payment service (an online filing); the only payment DVCQG counts as DuocThanhToanTrucTuyen. */
  onlinePayment: z.object({ provider: z.string(), transactionId: z.string() }).optional(),
});
export type FeeRecord = z.infer<typeof feeRecordSchema>;

/** The receiving site as printed on forms. */
export const siteSchema = z.object({
  /** QCVN 102 agency code, the prefix of every dossier code. */
  agencyCode: z.string(),
  /** "UBND xã …" — the header's first line. */
  agencyName: z.string(),
  /** "Bộ phận tiếp nhận và trả kết quả" or the local name. */
  unitName: z.string(),
  /** Place name for "<place>, ngày … tháng … năm …". */
  place: z.string(),
  hotline: z.string(),
  /** Lookup URL with `{code}` where the dossier code goes; printed as the receipt's QR. */
  lookupUrlTemplate: z.string(),
  /** The set in force: today's for the site, the day of reception in a dossier's snapshot (docs/domain.md §5.4). */
  formSet: z.enum(formSetIds),
});
export type Site = z.infer<typeof siteSchema>;

export const dossierViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  /** DVCQG TrangThaiHoSo 1–10 (docs/domain.md §3.1). */
  status: z.number().int().min(1).max(10),
  procedure: z.object({
    code: z.string(),
    name: z.string(),
    sectorName: z.string(),
    duration: z.object({ unit: z.enum(durationUnits), value: z.number() }),
    /** Fingerprint of the catalogue entry the dossier was received under; absent before view version 3. */
    version: z.string().optional(),
    /** Cơ quan chủ trì giải quyết from the catalogue, when it names one. */
    leadAgency: z.string().optional(),
  }),
  /**
   * The receiving site as it was at reception: the form set in force that day, the agency and unit
   * names, the place. Reprints print this, not today's settings (docs/domain.md §5.4). Absent only in
   * views stored before version 3 that migration 0009 could not stamp, and in commands queued before it.
   */
  site: siteSchema.optional(),
  owner: partySchema,
  /** Null when the owner filed in person. */
  submitter: partySchema.nullable(),
  /** KenhThucHien 1, 3 and 2 (docs/domain.md §2): an online dossier is received from the counter's online queue (issue 15 §1). */
  channel: z.enum(['direct', 'post', 'online']),
  returnMethod: z.enum(['counter', 'post']),
  returnAddress: z.string().nullable(),
  /** UTC instant of reception. */
  receivedAt: z.string(),
  /** Local wall-clock `YYYY-MM-DDTHH:mm` (Asia/Ho_Chi_Minh). */
  receivedLocal: z.string(),
  /** Local `YYYY-MM-DDTHH:mm`, or null for procedures without a due date. */
  dueLocal: z.string().nullable(),
  setsCount: z.number().int(),
  components: z.array(dossierComponentViewSchema),
  fees: z.array(feeRecordSchema),
  officer: z.object({ username: z.string(), fullName: z.string() }),
  /** Entry in the register (Sổ theo dõi): book = year, number = running number in that book. */
  register: z.object({ book: z.string(), number: z.number().int() }),
  note: z.string(),
  returnedAt: z.string().nullable(),
  returnedTo: z.string().nullable(),
});
export type DossierView = z.infer<typeof dossierViewSchema>;
