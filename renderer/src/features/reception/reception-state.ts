import dayjs from 'dayjs';
import type { Procedure } from '../../../../shared/catalog/procedure';
import type { CccdField, CccdLenientValue } from '../../../../shared/domain/cccd';
import type { FieldSuggestion } from '../../../../shared/digitize/page-view';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import type { DossierComponentView, DossierView, Party } from '../../../../shared/reception/dossier-view';
import type { PartyInput, ReceptionDraftInput } from '../../../../shared/reception/draft';
import type { PageView } from '../../../../shared/digitize/page-view';
import { componentInput, emptyEntry, type ComponentEntry } from './component-entry';
import { initialFee, type FeeEntry } from './fee-entry';
import {
  fillEmpty,
  fromCccd,
  fromParty,
  toPartyInput,
  type PartyFormValues,
  type PartyKind,
  type PartyRole,
  type ToConfirm,
} from './party-form';

/**
 * The reception of one dossier as a pure state machine: everything the officer has entered (the
 * draft) and what the counter has answered about it. The page renders this state and turns the
 * officer's acts and the core's answers into actions; nothing else holds a piece of the draft.
 */

/** The applicant and delivery fields, in the shape the antd form edits them. */
export interface ReceptionFormValues {
  owner: PartyFormValues;
  hasSubmitter: boolean;
  submitter: PartyFormValues;
  /** 'online' only for an online dossier being accepted (OnlineReception); the officer picks direct or post. */
  channel: 'direct' | 'post' | 'online';
  returnMethod: 'counter' | 'post';
  returnAddress?: string;
  setsCount?: number;
  note?: string;
}

export type DuePreview = ChannelOutput<'reception.dueDate'>;
export type ScanNotice = { type: 'success' | 'warning' | 'error' | 'info'; text: string; dossierCode?: string };
export type ReceptionModal = 'supplement' | 'refusal';

export interface ReceptionState {
  procedure: Procedure | null;
  procedureError: string | null;
  form: ReceptionFormValues;
  /**
   * Counts the changes the state machine made to the form values itself (a card, a known party, a
   * suggestion, a reset), so the view copies them into its fields; the officer's own edits arrive
   * from the fields and do not count.
   */
  formRevision: number;
  /** Set by a reset: the view also clears the fields' validation messages. */
  formReset: boolean;
  entries: Record<string, ComponentEntry>;
  fees: FeeEntry[];
  toConfirm: Record<PartyRole, ToConfirm>;
  scanNotice: ScanNotice | null;
  /** The components the last check found missing; null until checked, and again after any change to the checklist. */
  missing: DossierComponentView[] | null;
  /**
   * Tiếp nhận was refused for components still missing since the last check: the missing list
   * itself says so, once, instead of a second message beside it. `refusals` counts every refusal,
   * so each click shows (and announces) the list afresh.
   */
  refusedMissing: boolean;
  refusals: number;
  problem: string | null;
  busy: 'check' | 'accept' | null;
  accepted: DossierView | null;
  /** Said beside the accepted dossier: the receipt an online dossier's applicant is sent went unsigned, or not at all. */
  acceptedNotice: string | null;
  modal: ReceptionModal | null;
  due: DuePreview | null;
}

export type ReceptionAction =
  | { type: 'procedurePicked'; procedure: Procedure }
  | { type: 'procedureFailed'; message: string }
  | { type: 'formEdited'; changed: Partial<ReceptionFormValues> }
  | { type: 'cardScanned'; card: CccdLenientValue; role: PartyRole }
  | { type: 'knownPartyFound'; role: PartyRole; kind: PartyKind; identifier: string; party: Party }
  | { type: 'suggestionApplied'; suggestion: Pick<FieldSuggestion, 'field' | 'value'> }
  | { type: 'fieldConfirmed'; role: PartyRole; field: CccdField }
  | { type: 'scanNoticed'; notice: ScanNotice | null }
  | { type: 'entryChanged'; code: string; change: (entry: ComponentEntry) => ComponentEntry }
  | { type: 'feeChanged'; index: number; entry: FeeEntry }
  | { type: 'dueLoaded'; due: DuePreview | null }
  | { type: 'problem'; message: string | null }
  | { type: 'busy'; busy: ReceptionState['busy'] }
  | { type: 'checked'; missing: DossierComponentView[] }
  | { type: 'acceptRefusedMissing' }
  | { type: 'accepted'; dossier: DossierView; notice?: string | null }
  | { type: 'modal'; modal: ReceptionModal | null }
  | { type: 'onlinePrefilled'; procedure: Procedure; form: ReceptionFormValues; entries: Record<string, ComponentEntry>; fees?: FeeEntry[] }
  | { type: 'reset' };

export const INITIAL_FORM: ReceptionFormValues = {
  owner: { kind: 'citizen' },
  hasSubmitter: false,
  submitter: { kind: 'citizen' },
  channel: 'direct',
  returnMethod: 'counter',
  setsCount: 1,
  note: '',
};

const NO_DOUBTS: Record<PartyRole, ToConfirm> = { owner: {}, submitter: {} };

export const initialReceptionState: ReceptionState = {
  procedure: null,
  procedureError: null,
  form: INITIAL_FORM,
  formRevision: 0,
  formReset: false,
  entries: {},
  fees: [],
  toConfirm: NO_DOUBTS,
  scanNotice: null,
  missing: null,
  refusedMissing: false,
  refusals: 0,
  problem: null,
  busy: null,
  accepted: null,
  acceptedNotice: null,
  modal: null,
  due: null,
};

/** The state after the machine itself changed the form values. */
function withForm(state: ReceptionState, form: ReceptionFormValues): ReceptionState {
  return { ...state, form, formRevision: state.formRevision + 1, formReset: false };
}

function withoutDoubt(toConfirm: Record<PartyRole, ToConfirm>, role: PartyRole, field: string): Record<PartyRole, ToConfirm> {
  if (!(field in toConfirm[role])) return toConfirm;
  const rest = { ...toConfirm[role] };
  delete rest[field as CccdField];
  return { ...toConfirm, [role]: rest };
}

/** A card fills every field it carries; phone and e-mail are not on it and stay only for the same person. */
function cardScanned(state: ReceptionState, card: CccdLenientValue, role: PartyRole): ReceptionState {
  const { values, toConfirm } = fromCccd(card);
  const previous = state.form[role];
  const samePerson = previous.idNumber === values.idNumber;
  const party = { ...values, phone: samePerson ? previous.phone : '', email: samePerson ? previous.email : '' };
  const form = { ...state.form, [role]: party, ...(role === 'submitter' ? { hasSubmitter: true } : {}) };
  const count = Object.keys(toConfirm).length;
  const params = { name: values.fullName || values.idNumber || '', idNumber: values.idNumber ?? '', count };
  const filled = role === 'owner' ? uiText.scanner.filledOwner : uiText.scanner.filledSubmitter;
  const scanNotice: ScanNotice =
    count === 0
      ? { type: 'success', text: formatMessage(filled, params) }
      : { type: 'warning', text: formatMessage(uiText.scanner.filledToConfirm, params) };
  return { ...withForm(state, form), toConfirm: { ...state.toConfirm, [role]: toConfirm }, scanNotice };
}

/** The empty fields a known party fills, while the form still shows the person who was looked up; null when nothing to fill. */
export function knownPartyFill(
  state: ReceptionState,
  role: PartyRole,
  kind: PartyKind,
  identifier: string,
  party: Party,
): Partial<PartyFormValues> | null {
  const current = state.form[role];
  // The officer may have moved on to another person while the answer was on its way.
  const now = (kind === 'citizen' ? current.idNumber : current.taxCode)?.trim();
  if (now !== identifier) return null;
  const filled = fillEmpty(current, fromParty(party));
  return Object.keys(filled).length === 0 ? null : filled;
}

/** Editing a doubtful field by hand is confirming it; another kind of owner starts without doubts. */
function formEdited(state: ReceptionState, changed: Partial<ReceptionFormValues>): ReceptionState {
  let toConfirm = state.toConfirm;
  let confirmed = false;
  const form = { ...state.form, ...changed };
  for (const role of ['owner', 'submitter'] as const) {
    const fields = changed[role];
    if (!fields) continue;
    form[role] = { ...state.form[role], ...fields };
    if ('kind' in fields) toConfirm = { ...toConfirm, [role]: {} };
    for (const field of Object.keys(fields)) {
      const before = toConfirm;
      toConfirm = withoutDoubt(toConfirm, role, field);
      confirmed ||= toConfirm !== before;
    }
  }
  if (changed.hasSubmitter === false) toConfirm = { ...toConfirm, submitter: {} };
  return { ...state, form, toConfirm, problem: confirmed ? null : state.problem };
}

export function receptionReducer(state: ReceptionState, action: ReceptionAction): ReceptionState {
  switch (action.type) {
    case 'procedurePicked':
      return {
        ...state,
        procedure: action.procedure,
        procedureError: null,
        entries: Object.fromEntries(action.procedure.components.map((c) => [c.code, emptyEntry()])),
        fees: action.procedure.fees.map(initialFee),
        missing: null,
        problem: null,
      };
    case 'procedureFailed':
      return { ...state, procedureError: action.message };
    case 'formEdited':
      return formEdited(state, action.changed);
    case 'cardScanned':
      return cardScanned(state, action.card, action.role);
    case 'knownPartyFound': {
      const filled = knownPartyFill(state, action.role, action.kind, action.identifier, action.party);
      return filled ? withForm(state, { ...state.form, [action.role]: { ...state.form[action.role], ...filled } }) : state;
    }
    case 'suggestionApplied': {
      const { field, value } = action.suggestion;
      return withForm(state, { ...state.form, owner: { ...state.form.owner, [field]: field === 'dateOfBirth' ? dayjs(value) : value } });
    }
    case 'fieldConfirmed':
      return { ...state, problem: null, toConfirm: withoutDoubt(state.toConfirm, action.role, action.field) };
    case 'scanNoticed':
      return { ...state, scanNotice: action.notice };
    case 'entryChanged':
      return {
        ...state,
        entries: { ...state.entries, [action.code]: action.change(state.entries[action.code] ?? emptyEntry()) },
        missing: null,
      };
    case 'feeChanged':
      return { ...state, fees: state.fees.map((entry, i) => (i === action.index ? action.entry : entry)) };
    case 'dueLoaded':
      return { ...state, due: action.due };
    case 'problem':
      return { ...state, problem: action.message };
    case 'busy':
      return { ...state, busy: action.busy };
    case 'checked':
      return { ...state, problem: null, missing: action.missing, refusedMissing: false };
    case 'acceptRefusedMissing':
      return { ...state, problem: null, refusedMissing: true, refusals: state.refusals + 1 };
    case 'accepted':
      return { ...state, busy: null, accepted: action.dossier, acceptedNotice: action.notice ?? null };
    case 'modal':
      return { ...state, modal: action.modal };
    case 'onlinePrefilled': {
      const picked = receptionReducer(state, { type: 'procedurePicked', procedure: action.procedure });
      return withForm({ ...picked, entries: { ...picked.entries, ...action.entries }, fees: action.fees ?? picked.fees }, action.form);
    }
    case 'reset':
      return { ...initialReceptionState, formRevision: state.formRevision + 1, formReset: true };
  }
}

/** An organisation's card is never scanned: a card then belongs to the person filing for it. */
export function cardRole(state: ReceptionState, inSubmitterFields: boolean): PartyRole {
  return inSubmitterFields || state.form.owner.kind === 'organisation' ? 'submitter' : 'owner';
}

/** The draft the core checks and accepts, with the scanned pages of each slot; null before a procedure is chosen. */
export function draftOf(state: ReceptionState, pagesOf: (componentCode: string) => PageView[]): ReceptionDraftInput | null {
  const { procedure, form } = state;
  if (!procedure) return null;
  return {
    procedureCode: procedure.code,
    owner: toPartyInput(form.owner),
    submitter: form.hasSubmitter ? toPartyInput({ ...form.submitter, kind: 'citizen' }) : null,
    components: procedure.components.map((c) => componentInput(c.code, state.entries[c.code] ?? emptyEntry(), pagesOf(c.code))),
    fees: state.fees,
    channel: form.channel,
    returnMethod: form.returnMethod,
    returnAddress: form.returnMethod === 'post' ? (form.returnAddress ?? '') : null,
    setsCount: form.setsCount ?? 1,
    note: form.note ?? '',
  };
}

/** Whether starting over would throw away something the officer entered (then it asks first). */
export function draftHasData(state: ReceptionState, scannedPages: number): boolean {
  if (state.procedure || scannedPages > 0) return true;
  const { owner, submitter, hasSubmitter, note, returnAddress } = state.form;
  const filled = (party: PartyFormValues) =>
    Object.entries(party).some(([key, value]) => key !== 'kind' && value !== undefined && value !== null && String(value).trim() !== '');
  return filled(owner) || (hasSubmitter && filled(submitter)) || Boolean(note?.trim()) || Boolean(returnAddress?.trim());
}

export const applicantOf = (state: ReceptionState): PartyInput => toPartyInput(state.form.owner);

/** The labels of the fields a form check found at fault, in form order, each once; the submitter's are marked as such. */
export function faultLabels(errorFields: { name: (string | number)[] }[]): string[] {
  const labels = { ...(uiText.party as Record<string, string>), ...(uiText.reception as unknown as Record<string, string>) };
  const named = errorFields.map(({ name }) => {
    const field = String(name[name.length - 1]);
    const label = labels[field] ?? field;
    return name[0] === 'submitter' ? `${label} (${uiText.reception.submitter})` : label;
  });
  return [...new Set(named)];
}

/** The labels of the card fields still waiting for the officer's confirmation. */
export function doubtfulFields(state: ReceptionState): string[] {
  const labels = uiText.party as Record<string, string>;
  return (['owner', 'submitter'] as const)
    .filter((role) => role === 'owner' || state.form.hasSubmitter)
    .flatMap((role) => Object.keys(state.toConfirm[role]).map((field) => labels[field] ?? field));
}
