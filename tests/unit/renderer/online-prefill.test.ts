import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../../shared/catalog/procedure';
import { filedDate, filedFiles, onlinePrefill } from '../../../renderer/src/features/reception/online-prefill';
import { draftOf, initialReceptionState, receptionReducer } from '../../../renderer/src/features/reception/reception-state';

const procedure: Procedure = {
  code: '1.001193.000.00.00.H56',
  name: 'Thủ tục đăng ký khai sinh',
  sectorCode: 'HT',
  sectorName: 'Hộ tịch',
  level: 'commune',
  duration: { unit: 'workingDays', value: 1 },
  fees: [],
  components: [
    { code: 'TP01', name: 'Tờ khai', required: true, originals: 1, copies: 0, formTemplate: null },
    { code: 'TP02', name: 'Giấy chứng sinh', required: true, originals: 1, copies: 0, formTemplate: null },
    { code: 'TP03', name: 'Giấy tờ khác', required: false, originals: 0, copies: 1, formTemplate: null },
  ],
  resultCode: null,
  sample: true,
};

/** A submission as the gateway keeps it (central/online/portal-submission.ts): DVCQG's names, no MaTTHC. */
const submission = {
  ChuHoSo: ' Nguyễn Thị Hồng Nhung ',
  SoGiayToChuHoSo: '038190012345',
  LoaiDoiTuong: '1',
  SoDienThoai: '0912345678',
  Email: 'nhung@example.vn',
  MaDoiTuong: 'techid-1',
  TaiLieuNop: [
    { MaThanhPhanHoSo: 'TP01', TenTepDinhKem: 'to-khai.pdf', DuongDanTaiTepTin: 'https://dvc.example.vn/f/1' },
    { MaThanhPhanHoSo: 'TP02', TenTepDinhKem: 'chung-sinh-1.pdf', DuongDanTaiTepTin: 'https://dvc.example.vn/f/2' },
    { MaThanhPhanHoSo: 'TP02', TenTepDinhKem: 'chung-sinh-2.pdf', DuongDanTaiTepTin: 'https://dvc.example.vn/f/3' },
    { MaThanhPhanHoSo: 'XX99', TenTepDinhKem: 'la.pdf', DuongDanTaiTepTin: 'https://dvc.example.vn/f/4' },
  ],
};

describe('the reception form filled from an online submission', () => {
  it('fills the owner and contacts as filed and marks the components filed online, leaving the others to the officer', () => {
    const { form, entries } = onlinePrefill(submission, 2, procedure);
    expect(form.owner).toEqual({
      kind: 'citizen',
      fullName: 'Nguyễn Thị Hồng Nhung',
      idNumber: '038190012345',
      phone: '0912345678',
      email: 'nhung@example.vn',
    });
    expect(form.channel).toBe('online');
    expect(entries.TP01).toMatchObject({ mode: 'online', onlineFiles: ['to-khai.pdf'] });
    expect(entries.TP02).toMatchObject({ mode: 'online', onlineFiles: ['chung-sinh-1.pdf', 'chung-sinh-2.pdf'] });
    // Neither a slot nothing was filed for nor a code the procedure does not have.
    expect(Object.keys(entries)).toEqual(['TP01', 'TP02']);
  });

  it('takes an organisation’s number as its tax code and a postal dossier’s channel as post', () => {
    const { form } = onlinePrefill(
      { ...submission, ChuHoSo: 'Công ty TNHH A', SoGiayToChuHoSo: '0101234567', LoaiDoiTuong: '2' },
      3,
      procedure,
    );
    expect(form.owner).toMatchObject({ kind: 'organisation', fullName: 'Công ty TNHH A', taxCode: '0101234567' });
    expect(form.owner.idNumber).toBeUndefined();
    expect(form.channel).toBe('post');
  });

  it('reads a submission with odd or missing parts without failing', () => {
    expect(filedFiles({ TaiLieuNop: [null, 'x', { TenTepDinhKem: 'no-code.pdf' }, { MaThanhPhanHoSo: 'TP01' }] })).toEqual(
      new Map([['TP01', ['']]]),
    );
    expect(onlinePrefill({}, 2, procedure).form.owner).toEqual({ kind: 'citizen', fullName: '', idNumber: '', phone: '', email: '' });
  });

  it('gives the draft the procedure, the owner, the online channel and the filed slots as submitted online', () => {
    const state = receptionReducer(initialReceptionState, {
      type: 'onlinePrefilled',
      procedure,
      ...onlinePrefill(submission, 2, procedure),
    });
    // The view copies the values into the fields when the revision moves.
    expect(state.formRevision).toBe(initialReceptionState.formRevision + 1);
    const draft = draftOf(state, () => [])!;
    expect(draft.procedureCode).toBe(procedure.code);
    expect(draft.channel).toBe('online');
    expect(draft.owner).toMatchObject({
      kind: 'citizen',
      fullName: 'Nguyễn Thị Hồng Nhung',
      idNumber: '038190012345',
      phone: '0912345678',
    });
    expect(draft.components.map((c) => [c.code, c.state])).toEqual([
      ['TP01', 'submittedOnline'],
      ['TP02', 'submittedOnline'],
      ['TP03', 'missing'],
    ]);
  });

  it('fills the address, date of birth, applicant type and the fees settled online where the submission has them', () => {
    const withFees: Procedure = {
      ...procedure,
      fees: [
        { kind: 'lePhi', name: 'Lệ phí đăng ký khai sinh', amount: 8000 },
        { kind: 'phi', name: 'Phí cấp bản sao', amount: 3000 },
        { kind: 'lePhi', name: 'Lệ phí miễn', amount: 0 },
      ],
    };
    const filed = {
      ...submission,
      DiaChiChuHoSo: ' Xóm 3, xã Yên Thái ',
      NgaySinhChuHoSo: '19900215',
      DanhSachLePhi: [
        { TenPhiLePhi: 'Lệ phí đăng ký khai sinh', Gia: '8000', DaThanhToan: '1', MaGiaoDich: 'PAY-001' },
        { TenPhiLePhi: 'Phí cấp bản sao', Gia: '3000', DaThanhToan: '0' },
      ],
    };
    const { form, fees } = onlinePrefill(filed, 2, withFees);
    expect(form.owner).toMatchObject({ kind: 'citizen', address: 'Xóm 3, xã Yên Thái' });
    expect(form.owner.dateOfBirth?.format('YYYY-MM-DD')).toBe('1990-02-15');
    expect(fees).toEqual([
      { status: 'paid', method: 'transfer', receiptNumber: 'PAY-001', onlinePayment: { provider: 'dvcqg', transactionId: 'PAY-001' } },
      { status: 'unpaid', method: null, receiptNumber: null },
      { status: 'exempt', method: null, receiptNumber: null },
    ]);
    // Without DanhSachLePhi every fee starts as at the counter.
    expect(onlinePrefill(submission, 2, withFees).fees.map((f) => f.status)).toEqual(['unpaid', 'unpaid', 'exempt']);

    for (const [code, kind] of [
      ['2', 'business'],
      ['3', 'stateAgency'],
      ['4', 'other'],
    ] as const) {
      const owner = onlinePrefill({ ...filed, LoaiDoiTuong: code, SoGiayToChuHoSo: '0101234567' }, 2, procedure).form.owner;
      expect(owner).toMatchObject({ kind: 'organisation', organisationKind: kind, taxCode: '0101234567', address: 'Xóm 3, xã Yên Thái' });
      // An organisation has no date of birth.
      expect(owner.dateOfBirth).toBeUndefined();
    }
  });

  it('reads the portals’ date styles and refuses a day that does not exist', () => {
    expect(filedDate('19900215')).toBe('1990-02-15');
    expect(filedDate('1990-02-15')).toBe('1990-02-15');
    expect(filedDate('15/02/1990')).toBe('1990-02-15');
    expect(filedDate('19900230')).toBeNull();
    expect(filedDate('1990/02/15')).toBeNull();
    expect(filedDate('')).toBeNull();
  });

  it('names the files the gateway holds in the filed slots, so the draft keeps them, and leaves out those it could not fetch', () => {
    const sha = (c: string) => c.repeat(64);
    const files = [
      {
        position: 0,
        componentCode: 'TP01',
        name: 'to-khai.pdf',
        state: 'stored',
        sha256: sha('a'),
        size: 1200,
        mediaType: 'application/pdf',
        errorCode: null,
      },
      {
        position: 1,
        componentCode: 'TP02',
        name: 'chung-sinh-1.jpg',
        state: 'stored',
        sha256: sha('b'),
        size: 900,
        mediaType: 'image/jpeg',
        errorCode: null,
      },
      {
        position: 2,
        componentCode: 'TP02',
        name: 'chung-sinh-2.pdf',
        state: 'pending',
        sha256: null,
        size: null,
        mediaType: null,
        errorCode: 'ONLINE_FILE_UNREACHABLE',
      },
      {
        position: 3,
        componentCode: 'XX99',
        name: 'la.pdf',
        state: 'stored',
        sha256: sha('c'),
        size: 10,
        mediaType: 'application/pdf',
        errorCode: null,
      },
    ] as const;
    const prefilled = onlinePrefill(
      submission,
      2,
      procedure,
      files.map((f) => ({ ...f })),
    );
    const state = receptionReducer(initialReceptionState, { type: 'onlinePrefilled', procedure, ...prefilled });
    const draft = draftOf(state, () => [])!;
    expect(draft.components.map((c) => [c.code, c.state, c.files?.map((f) => f.sha256)])).toEqual([
      ['TP01', 'submittedOnline', [sha('a')]],
      ['TP02', 'submittedOnline', [sha('b')]],
      ['TP03', 'missing', []],
    ]);
    expect(draft.components[1]!.files![0]).toEqual({ sha256: sha('b'), fileName: 'chung-sinh-1.jpg', mediaType: 'image/jpeg', bytes: 900 });
  });
});
