import type { DossierView, Party, Site } from '../reception/dossier-view';

/** Stable keys: the form numbers shift between sets (docs/domain.md §5.2), the keys never do. */
export const formKeys = ['receipt', 'supplement_request', 'refusal', 'apology', 'stop_notice', 'control_slip', 'register'] as const;
export type FormKey = (typeof formKeys)[number];

/** Each agency picks its set in its site settings. */
export type FormSetId = Site['formSet'];

export type PageSize = 'A5' | 'A4';

export interface RenderedForm {
  /** A complete, self-contained HTML document (inline CSS, inline SVG, no scripts, no network). */
  html: string;
  pageSize: PageSize;
  /**
   * How many copies (liên) the document holds, each starting on its own page: 2 for the receipt.
   * The document is printed once.
   */
  copies: number;
}

/** Every form may carry the province's local document code (docs/domain.md §5.3), printed small at the top. */
interface CommonInput {
  site: Site;
  documentCode?: string | null;
}

export interface FormProcedure {
  code: string;
  name: string;
}

export interface Signer {
  fullName: string;
  /** Replaces the template's signature title, e.g. when the head of the unit signs a refusal. */
  title?: string | null;
}

export interface ReceiptInput extends CommonInput {
  dossier: DossierView;
  /** QR code of the lookup URL, as SVG text; null when the site has no lookup portal. */
  qrSvg: string | null;
  /** Code 128 of the dossier code, as SVG text. */
  barcodeSvg: string;
  /** One label per copy; the template's labels when absent. */
  copyLabels?: readonly string[];
}

export interface SupplementItem {
  /** The paper to add or correct. */
  name: string;
  reason: string;
}

export interface SupplementRequestInput extends CommonInput {
  applicant: Party;
  procedure: FormProcedure;
  /** Set when the request follows a dossier already received. */
  dossierCode?: string | null;
  items: readonly SupplementItem[];
  guidingOfficer: Signer;
  contactPhone: string;
  /** Local `YYYY-MM-DDTHH:mm`. */
  issuedAtLocal: string;
}

export interface RefusalInput extends CommonInput {
  applicant: Party;
  procedure: FormProcedure;
  reasons: readonly string[];
  officer: Signer;
  issuedAtLocal: string;
}

export interface ApologyInput extends CommonInput {
  dossier: DossierView;
  reason: string;
  /** The new appointment (2018) or the requested extended deadline (2025), local `YYYY-MM-DDTHH:mm`. */
  newDueLocal: string;
  issuedAtLocal: string;
  signer?: Signer | null;
}

export interface StopNoticeInput extends CommonInput {
  dossier: DossierView;
  reasons: readonly string[];
  issuedAtLocal: string;
  signer?: Signer | null;
}

export type HandOverResult = 'early' | 'onTime' | 'late';

/** One hand-over along the processing chain; blanks are left for the paper to be filled by hand. */
export interface ControlStep {
  agencyName: string;
  handedOverLocal: string | null;
  handedOverBy: string | null;
  receivedLocal: string | null;
  receivedBy: string | null;
  result: HandOverResult | null;
  note: string;
}

export interface ControlSlipInput extends CommonInput {
  dossier: DossierView;
  leadAgency: string;
  coAgencies: readonly string[];
  steps: readonly ControlStep[];
}

export interface RegisterInput extends CommonInput {
  rows: readonly DossierView[];
  /** Local `YYYY-MM-DD`, inclusive. */
  fromLocal: string;
  toLocal: string;
}

export interface FormInputs {
  receipt: ReceiptInput;
  supplement_request: SupplementRequestInput;
  refusal: RefusalInput;
  apology: ApologyInput;
  stop_notice: StopNoticeInput;
  control_slip: ControlSlipInput;
  register: RegisterInput;
}
