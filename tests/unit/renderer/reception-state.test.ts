import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../../shared/catalog/procedure';
import type { CccdLenientValue } from '../../../shared/domain/cccd';
import type { PageView } from '../../../shared/digitize/page-view';
import { uiText } from '../../../shared/i18n/vi';
import type { Party } from '../../../shared/reception/dossier-view';
import {
  cardRole,
  doubtfulFields,
  draftOf,
  initialReceptionState,
  INITIAL_FORM,
  knownPartyFill,
  receptionReducer,
  type ReceptionAction,
  type ReceptionState,
} from '../../../renderer/src/features/reception/reception-state';

const procedure: Procedure = {
  code: '1.000001',
  name: 'Đăng ký khai sinh',
  sectorCode: 'HT',
  sectorName: 'Hộ tịch',
  level: 'commune',
  duration: { unit: 'workingDays', value: 1 },
  fees: [
    { kind: 'lePhi', name: 'Lệ phí', amount: 0 },
    { kind: 'phi', name: 'Phí bản sao', amount: 8000 },
  ],
  components: [
    { code: 'TK', name: 'Tờ khai', required: true, originals: 1, copies: 0, formTemplate: null },
    { code: 'GCS', name: 'Giấy chứng sinh', required: true, originals: 1, copies: 0, formTemplate: null },
  ],
  resultCode: null,
  sample: true,
};

const sureCard: CccdLenientValue = {
  sure: {
    idNumber: '001090012345',
    oldIdNumber: null,
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1990-05-14',
    sex: 'male',
    address: 'Hà Nội',
    issueDate: '2021-04-01',
  },
  toConfirm: [],
};

const damagedCard: CccdLenientValue = {
  sure: { idNumber: '001090012345', dateOfBirth: '1990-05-14', sex: 'male', address: 'Hà Nội', issueDate: '2021-04-01', oldIdNumber: null },
  toConfirm: [{ field: 'fullName', code: 'CCCD_TEXT_GARBLED', message: 'Tên đọc không rõ', guess: 'Nguyen Van An' }],
};

const knownParty: Party = {
  kind: 'citizen',
  fullName: 'Nguyễn Văn An',
  idNumber: '001090012345',
  oldIdNumber: null,
  taxCode: null,
  dateOfBirth: '1990-05-14',
  sex: 'male',
  address: 'Hà Nội',
  issueDate: null,
  phone: '0912345678',
  email: 'an@example.vn',
};

const run = (...actions: ReceptionAction[]): ReceptionState => actions.reduce(receptionReducer, initialReceptionState);
const noPages = (): PageView[] => [];

describe('reception state machine', () => {
  it('picking a procedure lays out one empty slot per component and the fees, free ones exempt', () => {
    const state = run({ type: 'procedurePicked', procedure });
    expect(Object.keys(state.entries)).toEqual(['TK', 'GCS']);
    expect(state.entries.TK).toMatchObject({ mode: 'attach', files: [], uploading: 0 });
    expect(state.fees.map((f) => f.status)).toEqual(['exempt', 'unpaid']);
    expect(state.procedureError).toBeNull();
  });

  it('a failed catalogue read keeps the procedure already chosen and says why', () => {
    const state = run({ type: 'procedurePicked', procedure }, { type: 'procedureFailed', message: 'Không đọc được' });
    expect(state.procedure?.code).toBe(procedure.code);
    expect(state.procedureError).toBe('Không đọc được');
  });

  it('a scanned card fills the owner, asks the form to show it, and says so', () => {
    const state = run({ type: 'cardScanned', card: sureCard, role: 'owner' });
    expect(state.form.owner).toMatchObject({ kind: 'citizen', idNumber: '001090012345', fullName: 'Nguyễn Văn An', address: 'Hà Nội' });
    expect(state.form.owner.dateOfBirth?.format('YYYY-MM-DD')).toBe('1990-05-14');
    expect(state.formRevision).toBe(1);
    expect(state.scanNotice?.type).toBe('success');
    expect(state.toConfirm.owner).toEqual({});
  });

  it('a damaged card leaves the doubtful field to confirm, and accepting is blocked until it is', () => {
    const scanned = run({ type: 'procedurePicked', procedure }, { type: 'cardScanned', card: damagedCard, role: 'owner' });
    expect(scanned.form.owner.fullName).toBe('Nguyen Van An');
    expect(scanned.scanNotice?.type).toBe('warning');
    expect(doubtfulFields(scanned)).toEqual([uiText.party.fullName]);

    const confirmed = receptionReducer({ ...scanned, problem: 'x' }, { type: 'fieldConfirmed', role: 'owner', field: 'fullName' });
    expect(doubtfulFields(confirmed)).toEqual([]);
    expect(confirmed.problem).toBeNull();
  });

  it('typing into a doubtful field confirms it; changing the owner kind drops its doubts', () => {
    const scanned = run({ type: 'cardScanned', card: damagedCard, role: 'owner' });
    const typed = receptionReducer(scanned, { type: 'formEdited', changed: { owner: { kind: 'citizen', fullName: 'Nguyễn Văn An' } } });
    expect(typed.toConfirm.owner).toEqual({});
    expect(typed.form.owner.fullName).toBe('Nguyễn Văn An');
    expect(typed.form.owner.idNumber).toBe('001090012345');
    expect(typed.formRevision).toBe(scanned.formRevision);

    const other = receptionReducer(scanned, { type: 'formEdited', changed: { owner: { kind: 'organisation' } } });
    expect(other.toConfirm.owner).toEqual({});
  });

  it('keeps phone and e-mail only when the same person is scanned again', () => {
    const first = run(
      { type: 'cardScanned', card: sureCard, role: 'owner' },
      { type: 'formEdited', changed: { owner: { kind: 'citizen', phone: '0912345678' } } },
    );
    expect(receptionReducer(first, { type: 'cardScanned', card: sureCard, role: 'owner' }).form.owner.phone).toBe('0912345678');
    const stranger = { ...sureCard, sure: { ...sureCard.sure, idNumber: '079085000111' } };
    expect(receptionReducer(first, { type: 'cardScanned', card: stranger, role: 'owner' }).form.owner.phone).toBe('');
  });

  it('a card for the submitter turns the submitter on; an organisation owner sends every card there', () => {
    expect(run({ type: 'cardScanned', card: sureCard, role: 'submitter' }).form.hasSubmitter).toBe(true);
    const organisation = run({ type: 'formEdited', changed: { owner: { kind: 'organisation' } } });
    expect(cardRole(organisation, false)).toBe('submitter');
    expect(cardRole(initialReceptionState, false)).toBe('owner');
    expect(cardRole(initialReceptionState, true)).toBe('submitter');
  });

  it('turning the submitter off forgets its doubts, so they no longer block accepting', () => {
    const state = run(
      { type: 'cardScanned', card: damagedCard, role: 'submitter' },
      { type: 'formEdited', changed: { hasSubmitter: false } },
    );
    expect(state.toConfirm.submitter).toEqual({});
    expect(doubtfulFields(state)).toEqual([]);
  });

  it('a known party fills only empty fields, and only while the same person is on the form', () => {
    const typed = run({ type: 'formEdited', changed: { owner: { kind: 'citizen', idNumber: '001090012345', fullName: 'Tên đã gõ' } } });
    expect(knownPartyFill(typed, 'owner', 'citizen', '001090012345', knownParty)).toMatchObject({ phone: '0912345678', address: 'Hà Nội' });
    const filled = receptionReducer(typed, {
      type: 'knownPartyFound',
      role: 'owner',
      kind: 'citizen',
      identifier: '001090012345',
      party: knownParty,
    });
    expect(filled.form.owner).toMatchObject({ fullName: 'Tên đã gõ', phone: '0912345678', email: 'an@example.vn' });
    expect(filled.formRevision).toBe(typed.formRevision + 1);

    const movedOn = run({ type: 'formEdited', changed: { owner: { kind: 'citizen', idNumber: '079085000111' } } });
    expect(knownPartyFill(movedOn, 'owner', 'citizen', '001090012345', knownParty)).toBeNull();
    expect(
      receptionReducer(movedOn, { type: 'knownPartyFound', role: 'owner', kind: 'citizen', identifier: '001090012345', party: knownParty }),
    ).toBe(movedOn);
  });

  it('an OCR suggestion sets the owner field, dates as dates', () => {
    const state = run(
      { type: 'suggestionApplied', suggestion: { field: 'dateOfBirth', value: '1990-05-14' } },
      { type: 'suggestionApplied', suggestion: { field: 'fullName', value: 'Trần Thị Bình' } },
    );
    expect(dayjs.isDayjs(state.form.owner.dateOfBirth)).toBe(true);
    expect(state.form.owner.dateOfBirth?.format('YYYY-MM-DD')).toBe('1990-05-14');
    expect(state.form.owner.fullName).toBe('Trần Thị Bình');
  });

  it('any change to a slot makes the last check stale', () => {
    const checked = run({ type: 'procedurePicked', procedure }, { type: 'checked', missing: [] });
    expect(checked.missing).toEqual([]);
    const waived = receptionReducer(checked, {
      type: 'entryChanged',
      code: 'GCS',
      change: (e) => ({ ...e, mode: 'waive', waiveReason: 'Mất' }),
    });
    expect(waived.missing).toBeNull();
    expect(waived.entries.GCS).toMatchObject({ mode: 'waive', waiveReason: 'Mất' });
  });

  it('slot changes compose on the latest entry, as concurrent uploads need', () => {
    const start: ReceptionAction = { type: 'entryChanged', code: 'TK', change: (e) => ({ ...e, uploading: e.uploading + 1 }) };
    const state = run({ type: 'procedurePicked', procedure }, start, start);
    expect(state.entries.TK?.uploading).toBe(2);
  });

  it('builds the draft from the form, the slots with their scanned pages, and the fees', () => {
    expect(draftOf(initialReceptionState, noPages)).toBeNull();
    const state = run(
      { type: 'procedurePicked', procedure },
      { type: 'cardScanned', card: sureCard, role: 'owner' },
      { type: 'entryChanged', code: 'TK', change: (e) => ({ ...e, mode: 'reuse', reuseRef: 'R1', reuseKind: 'result' }) },
      { type: 'feeChanged', index: 1, entry: { status: 'paid', method: 'cash', receiptNumber: 'BL1' } },
      { type: 'formEdited', changed: { returnMethod: 'post', returnAddress: 'Số 1 Tràng Tiền', note: 'Gấp' } },
    );
    const page = { file: { id: 'f1', name: 'p1.png', size: 10, sha256: 'a'.repeat(64), mime: 'image/png' } } as unknown as PageView;
    const draft = draftOf(state, (code) => (code === 'GCS' ? [page] : []));
    expect(draft).toMatchObject({
      procedureCode: procedure.code,
      owner: { kind: 'citizen', idNumber: '001090012345', dateOfBirth: '1990-05-14', fullName: 'Nguyễn Văn An' },
      submitter: null,
      components: [
        { code: 'TK', state: 'reused', reuseRef: 'R1', reuseKind: 'result' },
        { code: 'GCS', state: 'attached', files: [page.file] },
      ],
      fees: [{ status: 'exempt' }, { status: 'paid', method: 'cash', receiptNumber: 'BL1' }],
      channel: 'direct',
      returnMethod: 'post',
      returnAddress: 'Số 1 Tràng Tiền',
      setsCount: 1,
      note: 'Gấp',
    });
  });

  it('a submitter is always a citizen in the draft, and only while turned on', () => {
    const on = run(
      { type: 'procedurePicked', procedure },
      { type: 'formEdited', changed: { hasSubmitter: true, submitter: { kind: 'organisation', fullName: 'Lê C' } } },
    );
    expect(draftOf(on, noPages)?.submitter).toMatchObject({ kind: 'citizen', fullName: 'Lê C' });
    expect(draftOf(receptionReducer(on, { type: 'formEdited', changed: { hasSubmitter: false } }), noPages)?.submitter).toBeNull();
  });

  it('starting the next dossier forgets everything and asks the form to clear itself', () => {
    const busy = run(
      { type: 'procedurePicked', procedure },
      { type: 'cardScanned', card: damagedCard, role: 'owner' },
      { type: 'checked', missing: [] },
      { type: 'dueLoaded', due: { receivedLocal: '2026-12-07T08:00', dueLocal: '2026-12-08T08:00' } },
      { type: 'problem', message: 'x' },
      { type: 'modal', modal: 'refusal' },
    );
    const next = receptionReducer(busy, { type: 'reset' });
    expect(next).toEqual({ ...initialReceptionState, formRevision: busy.formRevision + 1, formReset: true });
    expect(next.form).toEqual(INITIAL_FORM);
  });

  it('a refused accept turns the missing list into the refusal each time, without a second message, until the next check', () => {
    const checked = run({ type: 'procedurePicked', procedure }, { type: 'problem', message: 'x' }, { type: 'checked', missing: [] });
    const once = receptionReducer(checked, { type: 'acceptRefusedMissing' });
    expect(once).toMatchObject({ refusedMissing: true, refusals: 1, problem: null });
    const twice = receptionReducer(receptionReducer(once, { type: 'checked', missing: [] }), { type: 'acceptRefusedMissing' });
    expect(twice).toMatchObject({ refusedMissing: true, refusals: 2, problem: null });
    expect(receptionReducer(twice, { type: 'checked', missing: [] }).refusedMissing).toBe(false);
  });

  it('an accepted dossier ends the busy state', () => {
    const dossier = { id: 'd1', code: 'H56.01-261207-0001' } as unknown as NonNullable<ReceptionState['accepted']>;
    const state = run({ type: 'busy', busy: 'accept' }, { type: 'accepted', dossier });
    expect(state.busy).toBeNull();
    expect(state.accepted).toBe(dossier);
  });
});
