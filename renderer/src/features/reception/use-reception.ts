import { App, type FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CccdField } from '../../../../shared/domain/cccd';
import type { FieldSuggestion } from '../../../../shared/digitize/page-view';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import type { Result } from '../../../../shared/ipc/result';
import type { ReceptionDraftInput } from '../../../../shared/reception/draft';
import type { DossierView } from '../../../../shared/reception/dossier-view';
import { classifyScan, excerpt } from '../../common/scan-routing';
import { decisionFormNotice } from '../online/decision-form-notice';
import { onlinePrefill, type OnlineSubmission } from './online-prefill';
import type { SubmittedFile } from '../../../../shared/online/online-queue-protocol';
import { useScanSession, type ScanSession } from '../digitization/use-scan-session';
import type { ComponentEntry } from './component-entry';
import type { FeeEntry } from './fee-entry';
import type { PartyKind, PartyRole } from './party-form';
import {
  cardRole,
  doubtfulFields,
  draftOf,
  faultLabels,
  initialReceptionState,
  knownPartyFill,
  receptionReducer,
  type ReceptionAction,
  type ReceptionFormValues,
  type ReceptionModal,
  type ReceptionState,
} from './reception-state';

const text = uiText.reception;

/**
 * The reducer with its latest state readable at any moment, so an answer arriving from the core
 * is judged against what the officer has entered by then, not against the render that asked.
 */
export function useReceptionState(): [ReceptionState, (action: ReceptionAction) => void, () => ReceptionState] {
  const current = useRef(initialReceptionState);
  const [state, setState] = useState(initialReceptionState);
  const dispatch = useCallback((action: ReceptionAction) => {
    current.current = receptionReducer(current.current, action);
    setState(current.current);
  }, []);
  const latest = useCallback(() => current.current, []);
  return [state, dispatch, latest];
}

/** A claimed online or postal dossier received through this form (issue 15 §1): accepted with online.accept. */
export interface OnlineSource {
  id: string;
  channel: 2 | 3;
  /** The gateway's, from the queue: the submission it keeps has the applicant and files, not MaTTHC. */
  procedureCode: string;
  submission: OnlineSubmission;
  /** The filed files as the gateway fetched them (the claim's `files`). */
  files: SubmittedFile[];
}

export interface Reception {
  state: ReceptionState;
  scanSession: ScanSession;
  pickProcedure: (code: string) => Promise<void>;
  /** A scan from the wedge, a reader or the scan field; `field` is where the focus was. */
  handleScan: (scanned: string, field: Element | null) => void;
  closeScanNotice: () => void;
  lookUpKnown: (role: PartyRole, kind: PartyKind, identifier: string) => Promise<void>;
  formEdited: (changed: Partial<ReceptionFormValues>) => void;
  confirmField: (role: PartyRole, field: CccdField) => void;
  applySuggestion: (suggestion: FieldSuggestion) => void;
  updateEntry: (code: string, change: (entry: ComponentEntry) => ComponentEntry) => void;
  changeFee: (index: number, entry: FeeEntry) => void;
  openModal: (modal: ReceptionModal | null) => void;
  check: () => Promise<void>;
  accept: () => Promise<void>;
  startNext: () => void;
  /** Drops the draft and the pages scanned for it (the page asks first when there is something to lose). */
  startOver: () => Promise<void>;
  /** A scan on the success screen: the next dossier starts with it (a card fills its owner). */
  scanIntoNext: (scanned: string) => void;
}

/**
 * The reception of one dossier: the state machine of reception-state.ts plus the calls to the core.
 * `onAccepted` runs after every accept attempt that reached the core (the sequence banner changes).
 */
export function useReception({
  form,
  active,
  onAcceptAttempted,
  online,
}: {
  form: FormInstance<ReceptionFormValues>;
  active: boolean;
  onAcceptAttempted: () => void;
  online?: OnlineSource;
}): Reception {
  const { message } = App.useApp();
  const [state, dispatch, latest] = useReceptionState();
  const lastLookup = useRef<Record<PartyRole, string>>({ owner: '', submitter: '' });
  const procedureCode = state.procedure?.code ?? null;
  const scanSession = useScanSession(state.accepted ? null : procedureCode);

  // The fields show what the state machine decided (a card, a known party, a reset).
  const { formRevision, formReset } = state;
  useEffect(() => {
    if (formRevision === 0) return;
    if (formReset) form.resetFields();
    form.setFieldsValue(latest().form);
  }, [form, formRevision, formReset, latest]);

  /**
   * The preview is asked for when the officer does something, never on a timer: every call counts
   * as activity for the idle screen lock, and a poll would keep an abandoned counter unlocked.
   */
  const refreshDue = useCallback(async () => {
    if (!procedureCode) return;
    const result = await api.reception.dueDate({ procedureCode });
    dispatch({ type: 'dueLoaded', due: result.ok ? result.value : null });
  }, [procedureCode, dispatch]);

  useEffect(() => {
    if (active && !state.accepted) void refreshDue();
  }, [active, state.accepted, refreshDue]);

  // The citizen-facing screen follows the draft as it grows (issue 18 §2); a short pause groups
  // keystrokes. Once accepted the core asks the citizen for a rating there instead. An online applicant is
  // not at the counter: whoever stands there must not see their data.
  const citizenDraft = state.accepted || online ? null : draftOf(state, scanSession.slot);
  const citizenDraftJson = citizenDraft ? JSON.stringify(citizenDraft) : null;
  useEffect(() => {
    if (!active || !citizenDraftJson) return;
    const timer = setTimeout(() => void api.screen.showDraft({ draft: JSON.parse(citizenDraftJson) as ReceptionDraftInput }), 400);
    return () => clearTimeout(timer);
  }, [active, citizenDraftJson]);

  async function pickProcedure(code: string) {
    const result = await api.catalog.get({ code });
    dispatch(result.ok ? { type: 'procedurePicked', procedure: result.value } : { type: 'procedureFailed', message: result.error.message });
  }

  // An online dossier opens with its procedure, applicant and filed components already in the form.
  useEffect(() => {
    if (!online) return;
    void api.catalog.get({ code: online.procedureCode }).then((result) => {
      if (!result.ok) return dispatch({ type: 'procedureFailed', message: result.error.message });
      dispatch({
        type: 'onlinePrefilled',
        procedure: result.value,
        ...onlinePrefill(online.submission, online.channel, result.value, online.files),
      });
    });
  }, [online, dispatch]);

  const lookUpKnown = useCallback(
    async (role: PartyRole, kind: PartyKind, identifier: string) => {
      const key = `${kind}:${identifier}`;
      if (lastLookup.current[role] === key) return;
      lastLookup.current[role] = key;
      const result = await api.reception.knownParty({ kind, identifier });
      if (!result.ok || !result.value) return;
      if (!knownPartyFill(latest(), role, kind, identifier, result.value)) return;
      dispatch({ type: 'knownPartyFound', role, kind, identifier, party: result.value });
      message.info(formatMessage(text.knownPartyFilled, { name: result.value.fullName }));
    },
    [dispatch, latest, message],
  );

  const handleScan = useCallback(
    (scanned: string, field: Element | null) => {
      const scan = classifyScan(scanned);
      switch (scan.kind) {
        case 'cccd': {
          const role = cardRole(latest(), Boolean(field?.closest('[data-party="submitter"]')));
          dispatch({ type: 'cardScanned', card: scan.value, role });
          lastLookup.current[role] = '';
          const idNumber = latest().form[role].idNumber;
          if (idNumber) void lookUpKnown(role, 'citizen', idNumber);
          break;
        }
        case 'cccdRejected':
          dispatch({
            type: 'scanNoticed',
            notice: { type: 'error', text: formatMessage(uiText.scanner.cccdRejected, { message: scan.error.message }) },
          });
          break;
        case 'dossierCode':
          dispatch({
            type: 'scanNoticed',
            notice: { type: 'info', text: formatMessage(uiText.scanner.dossierCodeFound, { code: scan.code }), dossierCode: scan.code },
          });
          break;
        case 'unknown':
          dispatch({
            type: 'scanNoticed',
            notice: { type: 'error', text: formatMessage(uiText.scanner.unrecognized, { excerpt: excerpt(scanned) }) },
          });
          break;
      }
    },
    [dispatch, latest, lookUpKnown],
  );

  /** Asks the core which components are still missing; null when it could not say. */
  async function runCheck() {
    const draft = draftOf(latest(), scanSession.slot);
    if (!draft) {
      dispatch({ type: 'problem', message: text.chooseProcedureFirst });
      return null;
    }
    const result = await api.reception.check({ draft });
    if (!result.ok) {
      dispatch({ type: 'problem', message: result.error.message });
      return null;
    }
    dispatch({ type: 'checked', missing: result.value.missing });
    return result.value.missing;
  }

  /**
   * Checks the applicant and delivery fields: the first one at fault is scrolled to and focused, and
   * the answer names every field at fault (issue 13 point 3). Null when the fields are in order.
   */
  async function fieldFault(): Promise<string | null> {
    try {
      await form.validateFields();
    } catch (failure) {
      const errorFields = (failure as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      if (errorFields.length === 0) return text.fixFields;
      form.scrollToField(errorFields[0]!.name, { block: 'center', focus: true });
      return formatMessage(text.fieldsAtFault, { fields: faultLabels(errorFields).join(', ') });
    }
    const doubtful = doubtfulFields(latest());
    return doubtful.length > 0 ? formatMessage(text.toConfirmFirst, { fields: doubtful.join(', ') }) : null;
  }

  /** "Kiểm tra" checks the whole form: the fields first, then which components are missing. */
  async function check() {
    dispatch({ type: 'busy', busy: 'check' });
    const [fault] = await Promise.all([fieldFault(), runCheck(), refreshDue()]);
    if (fault) dispatch({ type: 'problem', message: fault });
    dispatch({ type: 'busy', busy: null });
  }

  /**
   * With scanned pages, accepting also assembles the component PDFs from them. An online dossier's receipt is sent
   * to the applicant electronically, signed in the officer's signing session when one is open: the notice says
   * when it was not.
   */
  async function acceptThroughCore(
    draft: ReceptionDraftInput,
    sessionId: string | null,
  ): Promise<Result<{ dossier: DossierView; notice: string | null }>> {
    if (online) {
      const result = await api.online.accept({ id: online.id, draft, sessionId });
      return result.ok ? { ok: true, value: { dossier: result.value.dossier, notice: decisionFormNotice(result.value.form) } } : result;
    }
    const result = sessionId ? await api.pages.accept({ sessionId, draft }) : await api.reception.accept({ draft });
    return result.ok ? { ok: true, value: { dossier: result.value.dossier, notice: null } } : result;
  }

  async function accept() {
    if (!latest().procedure) return dispatch({ type: 'problem', message: text.chooseProcedureFirst });
    const fault = await fieldFault();
    if (fault) return dispatch({ type: 'problem', message: fault });
    dispatch({ type: 'busy', busy: 'accept' });
    const stillMissing = await runCheck();
    const draft = draftOf(latest(), scanSession.slot);
    // Every click says it, not only the first, and in one place: the missing list turns into the refusal.
    if (stillMissing !== null && stillMissing.length > 0) dispatch({ type: 'acceptRefusedMissing' });
    if (stillMissing === null || stillMissing.length > 0 || !draft) return dispatch({ type: 'busy', busy: null });
    const result = await acceptThroughCore(draft, scanSession.sessionId);
    if (result.ok) dispatch({ type: 'accepted', ...result.value });
    else {
      dispatch({ type: 'busy', busy: null });
      dispatch({ type: 'problem', message: result.error.message });
    }
    onAcceptAttempted();
  }

  function startNext() {
    dispatch({ type: 'reset' });
    // A new citizen: nothing of the previous one stays on their screen.
    void api.screen.clear();
    lastLookup.current = { owner: '', submitter: '' };
  }

  async function startOver() {
    await scanSession.discardAll();
    startNext();
  }

  function scanIntoNext(scanned: string) {
    startNext();
    handleScan(scanned, null);
  }

  return {
    state,
    scanSession,
    pickProcedure,
    handleScan,
    closeScanNotice: () => dispatch({ type: 'scanNoticed', notice: null }),
    lookUpKnown,
    formEdited: (changed) => dispatch({ type: 'formEdited', changed }),
    confirmField: (role, field) => dispatch({ type: 'fieldConfirmed', role, field }),
    applySuggestion: (suggestion) => dispatch({ type: 'suggestionApplied', suggestion }),
    updateEntry: (code, change) => dispatch({ type: 'entryChanged', code, change }),
    changeFee: (index, entry) => dispatch({ type: 'feeChanged', index, entry }),
    openModal: (modal) => dispatch({ type: 'modal', modal }),
    check,
    accept,
    startNext,
    startOver,
    scanIntoNext,
  };
}
