import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../../shared/catalog/procedure';
import type { CccdLenientValue } from '../../../shared/domain/cccd';
import type { DossierView } from '../../../shared/reception/dossier-view';
import {
  draftHasData,
  faultLabels,
  initialReceptionState,
  receptionReducer,
  type ReceptionAction,
  type ReceptionState,
} from '../../../renderer/src/features/reception/reception-state';

const procedure = {
  code: '1.000001',
  name: 'Đăng ký khai sinh',
  sectorCode: 'HT',
  sectorName: 'Hộ tịch',
  level: 'commune',
  duration: { unit: 'workingDays', value: 1 },
  fees: [],
  components: [{ code: 'TK', name: 'Tờ khai', required: true, originals: 1, copies: 0, formTemplate: null }],
  resultCode: null,
  sample: true,
} as Procedure;

const card: CccdLenientValue = {
  sure: {
    idNumber: '001090012345',
    oldIdNumber: null,
    fullName: 'Trần Thị Bình',
    dateOfBirth: '1990-05-14',
    sex: 'female',
    address: 'Hà Nội',
    issueDate: '2021-04-01',
  },
  toConfirm: [],
};

const run = (...actions: ReceptionAction[]): ReceptionState => actions.reduce(receptionReducer, initialReceptionState);

describe('starting over asks only when there is something to lose (issue 13 point 4)', () => {
  it('an untouched draft has no data', () => {
    expect(draftHasData(initialReceptionState, 0)).toBe(false);
  });

  it('a chosen procedure, a typed name, a note or scanned pages are data', () => {
    expect(draftHasData(run({ type: 'procedurePicked', procedure }), 0)).toBe(true);
    expect(draftHasData(run({ type: 'formEdited', changed: { owner: { kind: 'citizen', fullName: 'An' } } }), 0)).toBe(true);
    expect(draftHasData(run({ type: 'formEdited', changed: { note: 'gấp' } }), 0)).toBe(true);
    expect(draftHasData(initialReceptionState, 2)).toBe(true);
  });

  it('blank or whitespace-only fields and an unticked submitter are not data', () => {
    const state = run(
      { type: 'formEdited', changed: { owner: { kind: 'organisation', fullName: '  ' } } },
      { type: 'formEdited', changed: { submitter: { kind: 'citizen', fullName: 'Ai đó' }, hasSubmitter: false } },
    );
    expect(draftHasData(state, 0)).toBe(false);
  });

  it('a card scanned on the success screen starts the next dossier with that applicant and nothing of the last one', () => {
    const accepted = run(
      { type: 'procedurePicked', procedure },
      { type: 'formEdited', changed: { owner: { kind: 'citizen', fullName: 'Người trước', phone: '0912345678' } } },
      { type: 'accepted', dossier: { id: 'd1', code: 'X-1' } as DossierView },
    );
    const next = [{ type: 'reset' } as const, { type: 'cardScanned', card, role: 'owner' } as const].reduce(receptionReducer, accepted);
    expect(next.accepted).toBeNull();
    expect(next.procedure).toBeNull();
    expect(next.form.owner.fullName).toBe('Trần Thị Bình');
    expect(next.form.owner.phone).toBe('');
    expect(next.scanNotice?.type).toBe('success');
  });
});

describe('the fields at fault are named (issue 13 point 3)', () => {
  it('lists each field once by its label, in form order, marking the submitter’s', () => {
    expect(
      faultLabels([
        { name: ['owner', 'fullName'] },
        { name: ['owner', 'idNumber'] },
        { name: ['owner', 'idNumber'] },
        { name: ['submitter', 'phone'] },
      ]),
    ).toEqual(['Họ và tên', 'Số định danh cá nhân', 'Điện thoại (Người nộp hồ sơ)']);
  });
});
