import { describe, expect, it } from 'vitest';
import { khaiSinhDraft, startReception } from '../../helpers/test-core';

/** The channels the look-up drawer and the lifecycle actions print through (issue 14 point 3). */
describe('control slip and stop notice through the IPC', () => {
  it('prints the receipt with the control slip between the copies, and the slip alone later as an audited reprint', async () => {
    const t = await startReception();
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    await t.must('admin-window', 'print.receipt', { dossierId: dossier.id });
    const packet = t.pdf.rendered[0]!.html;
    expect(packet.indexOf('Phiếu kiểm soát quá trình giải quyết hồ sơ')).toBeGreaterThan(packet.indexOf('Liên 1'));
    expect(packet.indexOf('Liên 2')).toBeGreaterThan(packet.indexOf('Phiếu kiểm soát quá trình giải quyết hồ sơ'));

    await t.must('admin-window', 'print.controlSlip', { dossierId: dossier.id });
    expect(t.pdf.rendered[1]!.html).toContain('Phiếu kiểm soát quá trình giải quyết hồ sơ');
    expect(t.pdf.rendered[1]!.html).not.toContain('Liên 1');
    const [entry] = await t.must('admin-window', 'audit.list', { limit: 1 });
    expect(entry).toMatchObject({ action: 'print.formReprinted', subject: dossier.code });
  });

  it('prints the stop notice only once the site uses the 2025 set', async () => {
    const t = await startReception();
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    const input = { dossierId: dossier.id, reasons: ['Người yêu cầu đã chết'] };
    expect(await t.call('admin-window', 'print.stopNotice', input)).toMatchObject({ ok: false, error: { code: 'FORM_NOT_IN_SET' } });
    await t.must('admin-window', 'site.update', {
      formSets: [
        { set: '2025', from: '2026-03-02' },
        { set: '2018', from: '2018-01-01' },
      ],
    });
    await t.must('admin-window', 'print.stopNotice', input);
    expect(t.pdf.rendered.at(-1)!.html).toContain('Người yêu cầu đã chết');
    expect(t.pdf.rendered.at(-1)!.html).toContain('Thông báo dừng giải quyết hồ sơ');
  });
});
