import { z } from 'zod';
import { documentTypes } from '../domain/identity-document';
import { componentStates } from './dossier-view';
import { safeText } from '../domain/safe-text';
import { PARTY_ADDRESS_MAX_LENGTH, PARTY_NAME_MAX_LENGTH } from './limits';

/**
 * What the reception screen sends to accept a dossier. Limits guard against garbage; the
 * reception service checks the business rules and answers in Vietnamese. Every text goes through
 * `safeText` (shared/domain/safe-text.ts): what is accepted here is stored and pushed to the gateway,
 * so a control, bidi or broken character is refused at the door; only addresses, notes and reasons
 * (text officers paste, possibly over several lines) may hold tab and line breaks.
 */
const optionalText = (max: number) => safeText().max(max).nullable().default(null);
const optionalMultilineText = (max: number) => safeText({ multiline: true }).max(max).nullable().default(null);

export const partyInputSchema = z.object({
  kind: z.enum(['citizen', 'organisation']),
  fullName: safeText().max(PARTY_NAME_MAX_LENGTH),
  /** What `idNumber` is; absent (drafts saved before passports were taken) means CCCD. */
  documentType: z.enum(documentTypes).optional(),
  idNumber: optionalText(32),
  oldIdNumber: optionalText(32),
  taxCode: optionalText(32),
  dateOfBirth: optionalText(10),
  sex: z.enum(['male', 'female']).nullable().default(null),
  address: safeText({ multiline: true }).max(PARTY_ADDRESS_MAX_LENGTH).default(''),
  issueDate: optionalText(10),
  phone: safeText().max(40).default(''),
  email: safeText().max(254).default(''),
  /** For an organisation: what kind it is (DVCQG LoaiDoiTuong); absent means another kind. */
  organisationKind: z.enum(['business', 'stateAgency', 'other']).optional(),
  /** The applicant agrees to SMS and e-mail notices about the dossier (sent by the gateway); absent means no. */
  contactConsent: z.boolean().optional(),
});
export type PartyInput = z.infer<typeof partyInputSchema>;

export const storedFileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: safeText().max(255),
  mediaType: z.string().max(100),
  bytes: z.number().int().min(0),
});
export type StoredFile = z.infer<typeof storedFileSchema>;

export const componentInputSchema = z.object({
  code: safeText().max(64),
  state: z.enum(componentStates),
  files: z.array(storedFileSchema).max(500).default([]),
  reuseRef: optionalText(300),
  /** 'result' when the slot reuses an earlier dossier's result (TrangThaiSoHoa 3); otherwise a document (2). */
  reuseKind: z.enum(['document', 'result']).optional(),
  waiveReason: optionalMultilineText(1000),
});
export type ComponentInput = z.infer<typeof componentInputSchema>;

export const feeInputSchema = z.object({
  status: z.enum(['paid', 'unpaid', 'exempt']),
  method: z.enum(['cash', 'transfer', 'card']).nullable().default(null),
  receiptNumber: optionalText(64),
  /** Paid through the portal's payment service, as an online filing says (kept only off the direct channel). */
  onlinePayment: z.object({ provider: safeText().max(64), transactionId: safeText().max(100) }).optional(),
});

export const receptionDraftSchema = z.object({
  procedureCode: safeText().max(64),
  owner: partyInputSchema,
  submitter: partyInputSchema.nullable().default(null),
  components: z.array(componentInputSchema).max(200),
  /** One entry per fee of the procedure, in catalogue order; amounts come from the catalogue. */
  fees: z.array(feeInputSchema).max(50).default([]),
  channel: z.enum(['direct', 'post', 'online']).default('direct'),
  returnMethod: z.enum(['counter', 'post']).default('counter'),
  returnAddress: optionalMultilineText(1000),
  setsCount: z.number().int().min(1).max(50).default(1),
  note: safeText({ multiline: true }).max(2000).default(''),
});
export type ReceptionDraft = z.infer<typeof receptionDraftSchema>;
export type ReceptionDraftInput = z.input<typeof receptionDraftSchema>;
