import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/result';
import { receivedSlip, returnedSlip, type SlipBlock } from '../../../../shared/printing/slip-layout';
import { dossier, site } from '../../../helpers/form-fixtures';

const lines = (blocks: SlipBlock[]) => blocks.flatMap((b) => (b.kind === 'text' ? [b.runs.map((r) => r.text).join('')] : []));
const qrs = (blocks: SlipBlock[]) => blocks.flatMap((b) => (b.kind === 'qr' ? [b] : []));

describe('slip layout', () => {
  it('puts agency, code, procedure, applicant, received and due times and a lookup QR on the received slip', () => {
    const d = dossier();
    const text = lines(receivedSlip(site, d, '80mm')).join('\n');
    for (const expected of [
      'UBND xã Quảng Phú',
      'PHIẾU HẸN TRẢ KẾT QUẢ',
      '000.00.06.H56-260423-0012',
      'Thủ tục: Đăng ký khai sinh',
      'Chủ hồ sơ: Nguyễn Thị Hồng Nhung',
      'Tiếp nhận lúc: 09 giờ 32 phút, ngày 23/04/2026',
      'Hẹn trả kết quả: 09 giờ 32 phút, ngày 28/04/2026',
      'Đường dây nóng: 0237 3852 123',
    ]) {
      expect(text).toContain(expected);
    }
    expect(qrs(receivedSlip(site, d, '80mm'))).toEqual([
      { kind: 'qr', text: 'https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.06.H56-260423-0012', moduleDots: 6 },
    ]);
  });

  it('keeps text NFC, so a decomposed name from an old import prints as the same letters', () => {
    const decomposed = 'Nguyễn Thị Hồng Nhung'.normalize('NFD');
    const blocks = receivedSlip(site, dossier({ owner: { ...dossier().owner, fullName: decomposed } }), '80mm');
    expect(lines(blocks)).toContain('Chủ hồ sơ: Nguyễn Thị Hồng Nhung');
    expect(lines(blocks).every((l) => l === l.normalize('NFC'))).toBe(true);
  });

  it('stacks label over value and uses smaller sizes on 58 mm', () => {
    const narrow = receivedSlip(site, dossier(), '58mm');
    const wide = receivedSlip(site, dossier(), '80mm');
    expect(lines(narrow)).toEqual(expect.arrayContaining(['Chủ hồ sơ:', 'Nguyễn Thị Hồng Nhung']));
    expect(lines(wide)).not.toContain('Chủ hồ sơ:');
    const code = (blocks: SlipBlock[]) => blocks.find((b) => b.kind === 'text' && b.runs[0]!.text === '000.00.06.H56-260423-0012');
    expect(code(narrow)).toMatchObject({ size: 'normal' });
    expect(code(wide)).toMatchObject({ size: 'large' });
    expect(qrs(narrow)[0]!.moduleDots).toBeLessThan(qrs(wide)[0]!.moduleDots);
  });

  it('prints the bare code as the QR, with the counter hint, where the site has no lookup portal', () => {
    const blocks = receivedSlip({ ...site, lookupUrlTemplate: '' }, dossier(), '80mm');
    expect(qrs(blocks)[0]!.text).toBe('000.00.06.H56-260423-0012');
    expect(lines(blocks)).toContain('Xuất trình mã QR này khi đến nhận kết quả');
  });

  it('shows the submitter when someone filed for the owner', () => {
    const blocks = receivedSlip(site, dossier({ submitter: { ...dossier().owner, fullName: 'Trần Văn Đức' } }), '80mm');
    expect(lines(blocks)).toContain('Người nộp: Trần Văn Đức');
  });

  it('shows who took the result and when on the returned slip, in Vietnam time', () => {
    const d = dossier({ returnedAt: '2026-04-28T03:05:00.000Z', returnedTo: 'Lê Văn Ấn' });
    const text = lines(returnedSlip(site, d, '80mm')).join('\n');
    expect(text).toContain('PHIẾU TRẢ KẾT QUẢ');
    expect(text).toContain('Người nhận kết quả: Lê Văn Ấn');
    expect(text).toContain('Trả kết quả lúc: 10 giờ 05 phút, ngày 28/04/2026');
  });

  it('refuses a returned slip for a dossier not returned yet', () => {
    let thrown: unknown = null;
    try {
      returnedSlip(site, dossier(), '58mm');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'SLIP_NOT_RETURNED' });
  });
});
