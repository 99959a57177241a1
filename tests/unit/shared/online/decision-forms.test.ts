import { describe, expect, it } from 'vitest';
import { decisionFormFileName, decisionFormRefSchema } from '../../../../shared/online/decision-forms';
import { submissionParty } from '../../../../shared/online/submission-party';

describe('the forms of online decisions (issue 15 §1)', () => {
  it('names the attachment in plain ASCII after the dossier code or the portal’s id', () => {
    expect(decisionFormFileName('receipt', '000.00.06.H56-260309-0001')).toBe('phieu-tiep-nhan-000.00.06.H56-260309-0001.pdf');
    expect(decisionFormFileName('supplement', 'HS/2026 Đợt 1')).toBe('phieu-yeu-cau-bo-sung-HS-2026-Dot-1.pdf');
    expect(decisionFormFileName('refused', '../../')).toBe('phieu-tu-choi.pdf');
    expect(decisionFormFileName('refused', 'x'.repeat(300))).toHaveLength('phieu-tu-choi-.pdf'.length + 80);
  });

  it('takes a form reference only as a sha256 with its signed flag', () => {
    expect(decisionFormRefSchema.safeParse({ sha256: 'a'.repeat(64), signed: false }).success).toBe(true);
    expect(decisionFormRefSchema.safeParse({ sha256: '../etc/passwd', signed: true }).success).toBe(false);
    expect(decisionFormRefSchema.safeParse({ sha256: 'a'.repeat(64) }).success).toBe(false);
  });

  it('prints the applicant as filed: a citizen by ID number, an organisation by tax code, nothing invented', () => {
    const filed = {
      ChuHoSo: ' Nguyễn Văn An ',
      SoGiayToChuHoSo: '001090012345',
      LoaiDoiTuong: '1',
      SoDienThoai: '0912345678',
      Email: 'an@example.vn',
    };
    expect(submissionParty(filed)).toEqual({
      kind: 'citizen',
      fullName: 'Nguyễn Văn An',
      idNumber: '001090012345',
      oldIdNumber: null,
      taxCode: null,
      dateOfBirth: null,
      sex: null,
      address: '',
      issueDate: null,
      phone: '0912345678',
      email: 'an@example.vn',
    });
    expect(submissionParty({ ChuHoSo: 'Công ty TNHH Yên Thái', SoGiayToChuHoSo: '0101234567', LoaiDoiTuong: '2' })).toMatchObject({
      kind: 'organisation',
      idNumber: null,
      taxCode: '0101234567',
    });
    expect(submissionParty({ ChuHoSo: 42 })).toMatchObject({ kind: 'citizen', fullName: '', idNumber: null });
  });
});
