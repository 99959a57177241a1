import type { DossierComponentView, FeeRecord, Party } from '../reception/dossier-view';
import type { HandOverResult } from './types';

/**
 * The shape of a form set's legal wording. The wording itself is versioned data in `sets/`; templates
 * only arrange it. `{name}` marks where a value goes (see `fill`).
 */

export interface CommonWording {
  nationalName: string;
  motto: string;
  /** Under every signature title. */
  signHint: string;
  /** How the citizen or organisation is addressed in running text. */
  addressee: Record<Party['kind'], string>;
  idNumber: string;
  taxCode: string;
  address: string;
  phone: string;
  email: string;
  request: string;
  dossierCode: string;
  to: string;
}

export interface ReceiptWording {
  title: string;
  copyLabels: readonly string[];
  receivingUnit: string;
  owner: string;
  submitter: string;
  byPost: string;
  item1: string;
  columns: { no: string; name: string; originals: string; copies: string; note: string };
  componentNotes: Record<DossierComponentView['state'], string>;
  waivedBecause: string;
  noComponents: string;
  item2: string;
  item3: string;
  item4: string;
  item5: string;
  item6: string;
  returnAtCounter: string;
  returnByPost: string;
  register: string;
  fees: string;
  feesNone: string;
  feeKinds: Record<FeeRecord['kind'], string>;
  feeStatus: Record<FeeRecord['status'], string>;
  feeMethod: Record<NonNullable<FeeRecord['method']>, string>;
  feeReceipt: string;
  feesTotal: string;
  signFiler: string;
  signOfficer: string;
  qrCaption: string;
  hotline: string;
}

export interface SupplementRequestWording {
  title: string;
  dossierOf: string;
  intro: string;
  reason: string;
  contact: string;
  signer: string;
}

export interface RefusalWording {
  title: string;
  receivedFrom: string;
  decision: string;
  closing: string;
  signer: string;
}

export interface ApologyWording {
  title: string;
  received: string;
  originalDue: string;
  notReturned: string;
  apology: string;
  closing: string;
  signer: string;
}

export interface StopNoticeWording {
  title: string;
  received: string;
  decision: string;
  closing: string;
  signer: string;
}

export interface ControlSlipWording {
  title: string;
  attachedTo: string;
  receivedAndDue: string;
  leadAgency: string;
  coAgencies: string;
  columns: { agency: string; handOver: string; result: string; note: string };
  handedOver: string;
  received: string;
  handedOverBy: string;
  receivedBy: string;
  blankTime: string;
  results: Record<HandOverResult, string>;
  /** Rows added for hand-filling when the known steps are fewer. */
  minRows: number;
}

export interface RegisterWording {
  title: string;
  period: string;
  columns: {
    no: string;
    code: string;
    procedure: string;
    sets: string;
    applicant: string;
    leadAgency: string;
    datesGroup: string;
    received: string;
    due: string;
    transferred: string;
    resultReceived: string;
    returned: string;
    signature: string;
    note: string;
  };
  noDueDate: string;
  empty: string;
}

export interface FormWordings {
  receipt: ReceiptWording;
  supplement_request: SupplementRequestWording;
  refusal: RefusalWording;
  apology: ApologyWording;
  stop_notice: StopNoticeWording;
  control_slip: ControlSlipWording;
  register: RegisterWording;
}
