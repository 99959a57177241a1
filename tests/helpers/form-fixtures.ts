import type { FormInputs } from '../../shared/forms';
import type { DossierView, Party, Site } from '../../shared/reception/dossier-view';

/** A commune's counter and a birth registration received there: the data every form test renders. */

export const site: Site = {
  agencyCode: '000.00.06.H56',
  agencyName: 'UBND xã Quảng Phú',
  unitName: 'Bộ phận tiếp nhận và trả kết quả',
  place: 'Quảng Phú',
  hotline: '0237 3852 123',
  lookupUrlTemplate: 'https://dichvucong.example.gov.vn/tra-cuu?ma={code}',
  formSet: '2018',
};

export const owner: Party = {
  kind: 'citizen',
  fullName: 'Nguyễn Thị Hồng Nhung',
  idNumber: '038190012345',
  oldIdNumber: null,
  taxCode: null,
  dateOfBirth: '1990-01-01',
  sex: 'female',
  address: 'Thôn Phú Lâm, xã Quảng Phú, tỉnh Thanh Hóa',
  issueDate: '2021-08-15',
  phone: '0912 345 678',
  email: 'nhung.nth@example.vn',
};

export function dossier(overrides: Partial<DossierView> = {}): DossierView {
  return {
    id: '0196a0b2-7c1e-7c3a-9f00-000000000012',
    code: '000.00.06.H56-260423-0012',
    status: 2,
    procedure: {
      code: '1.001193.000.00.00.H56',
      name: 'Đăng ký khai sinh',
      sectorName: 'Hộ tịch',
      duration: { unit: 'workingDays', value: 3 },
    },
    owner,
    submitter: null,
    channel: 'direct',
    returnMethod: 'counter',
    returnAddress: null,
    receivedAt: '2026-04-23T02:32:00.000Z',
    receivedLocal: '2026-04-23T09:32',
    dueLocal: '2026-04-28T09:32',
    setsCount: 1,
    components: [
      {
        code: 'TP1',
        name: 'Tờ khai đăng ký khai sinh theo mẫu',
        required: true,
        originals: 1,
        copies: 0,
        state: 'attached',
        digitization: 'digitizedHere',
        pageCount: 1,
        reuseRef: null,
        waiveReason: null,
      },
      {
        code: 'TP2',
        name: 'Giấy chứng sinh',
        required: true,
        originals: 1,
        copies: 0,
        state: 'attached',
        digitization: 'digitizedHere',
        pageCount: 1,
        reuseRef: null,
        waiveReason: null,
      },
      {
        code: 'TP3',
        name: 'Giấy chứng nhận kết hôn của cha, mẹ',
        required: false,
        originals: 0,
        copies: 1,
        state: 'reused',
        digitization: 'reused',
        pageCount: 1,
        reuseRef: 'KQ-2019-000123',
        waiveReason: null,
      },
    ],
    fees: [],
    officer: { username: 'lan.tt', fullName: 'Trần Thị Lan' },
    register: { book: '2026', number: 412 },
    note: '',
    returnedAt: null,
    returnedTo: null,
    ...overrides,
  };
}

/** Stand-ins for the SVGs the core generates; the integration test uses the real generators. */
export const qrSvg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><path d="M0 0h7v7H0z"/></svg>';
export const barcodeSvg = '<svg viewBox="0 0 100 10" xmlns="http://www.w3.org/2000/svg"><path d="M2 10L2 0" stroke="#000"/></svg>';

/** One valid input per form key, built on the same dossier. */
export function sampleInputs(overrides: { site?: Site; dossier?: DossierView } = {}): FormInputs {
  const s = overrides.site ?? site;
  const d = overrides.dossier ?? dossier();
  const procedure = { code: d.procedure.code, name: d.procedure.name };
  return {
    receipt: { site: s, dossier: d, qrSvg, barcodeSvg },
    supplement_request: {
      site: s,
      applicant: d.owner,
      procedure,
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản đã nộp bị mờ, không đọc được họ tên người mẹ.' }],
      guidingOfficer: { fullName: d.officer.fullName },
      contactPhone: '0237 3852 123',
      issuedAtLocal: '2026-04-23T09:40',
    },
    refusal: {
      site: s,
      applicant: d.owner,
      procedure,
      reasons: ['Việc khai sinh thuộc thẩm quyền của UBND xã nơi cư trú của người mẹ.'],
      officer: { fullName: d.officer.fullName },
      issuedAtLocal: '2026-04-23T09:45',
    },
    apology: {
      site: s,
      dossier: d,
      reason: 'Cần xác minh thêm thông tin về nơi sinh.',
      newDueLocal: '2026-05-05T16:00',
      issuedAtLocal: '2026-04-28T08:00',
    },
    stop_notice: {
      site: s,
      dossier: d,
      reasons: ['Người yêu cầu đã có văn bản đề nghị rút hồ sơ.'],
      issuedAtLocal: '2026-04-27T10:00',
    },
    control_slip: {
      site: s,
      dossier: d,
      leadAgency: 'Công chức tư pháp - hộ tịch xã Quảng Phú',
      coAgencies: [],
      steps: [
        {
          agencyName: 'Bộ phận tiếp nhận và trả kết quả',
          handedOverLocal: '2026-04-23T10:00',
          handedOverBy: 'Trần Thị Lan',
          receivedLocal: '2026-04-23T10:15',
          receivedBy: 'Lê Văn Đức',
          result: 'onTime',
          note: '',
        },
      ],
    },
    register: { site: s, rows: [d], fromLocal: '2026-04-01', toLocal: '2026-04-30' },
  };
}
