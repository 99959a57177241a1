import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CITIZEN, KHAI_SINH, khaiSinhDraft, startReception, type TestCore } from '../../helpers/test-core';

async function accepted(t: TestCore) {
  return (await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) })).dossier;
}

const jobs = (t: TestCore) =>
  t.core.database.sqlite.prepare(`SELECT form_key, status, reprint_number, reason FROM print_jobs ORDER BY created_at, rowid`).all();

describe('printing forms', () => {
  it('prints the receipt owed since accept: two A5 copies, saved as a PDF, not claimed as printed', async () => {
    const t = await startReception();
    const dossier = await accepted(t);
    const result = await t.must('admin-window', 'print.receipt', { dossierId: dossier.id });
    expect(result.printed).toBe(false);
    expect(fs.existsSync(result.savedPath)).toBe(true);
    expect(Buffer.from(result.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(t.pdf.rendered).toHaveLength(1);
    expect(t.pdf.rendered[0]!.pageSize).toBe('A5');
    expect(t.pdf.rendered[0]!.html).toContain(dossier.code);
    expect(t.pdf.rendered[0]!.html).toContain('Nguyễn Thị Hồng Nhung');
    expect(t.pdf.rendered[0]!.html).toMatch(/Liên 1/);
    expect(jobs(t)).toEqual([{ form_key: 'receipt', status: 'saved', reprint_number: 0, reason: null }]);
    expect(await t.must('admin-window', 'print.outstanding')).toEqual([]);
  });

  it('closing the core lets a print in flight finish and record its job before the database closes', async () => {
    const t = await startReception();
    const dossier = await accepted(t);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const render = t.pdf.renderPdf.bind(t.pdf);
    t.pdf.renderPdf = async (html, options) => {
      await held;
      return render(html, options);
    };
    const printing = t.call('admin-window', 'print.receipt', { dossierId: dossier.id });
    const closing = t.core.close();
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(t.core.database.sqlite.open).toBe(true);
    release();
    expect(await printing).toMatchObject({ ok: true, value: { printed: false } });
    await closing;
    expect(t.core.database.sqlite.open).toBe(false);
  });

  it('keeps a failed print owed, with its reason, and succeeds on retry', async () => {
    const t = await startReception();
    const dossier = await accepted(t);
    t.pdf.failWith = new Error('Chromium exited\nstack…');
    const failed = await t.call('admin-window', 'print.receipt', { dossierId: dossier.id });
    expect(failed).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED', message: expect.stringContaining('Chromium exited') } });
    expect(await t.must('admin-window', 'print.outstanding')).toMatchObject([
      { dossierCode: dossier.code, status: 'failed', lastError: 'Chromium exited' },
    ]);
    t.pdf.failWith = null;
    expect((await t.must('admin-window', 'print.receipt', { dossierId: dossier.id })).printed).toBe(false);
    expect(await t.must('admin-window', 'print.outstanding')).toEqual([]);
  });

  it('audits each reprint with its count and reason, and only for supervisors and admins', async () => {
    const t = await startReception();
    const dossier = await accepted(t);
    await t.must('admin-window', 'print.receipt', { dossierId: dossier.id });
    expect(await t.call('admin-window', 'print.reprintReceipt', { dossierId: dossier.id, reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'REPRINT_REASON_REQUIRED' },
    });
    await t.must('admin-window', 'print.reprintReceipt', { dossierId: dossier.id, reason: 'Công dân làm mất phiếu' });
    await t.must('admin-window', 'print.reprintReceipt', { dossierId: dossier.id, reason: 'Phiếu bị rách' });
    expect(jobs(t).map((j: any) => [j.reprint_number, j.reason])).toEqual([
      [0, null],
      [1, 'Công dân làm mất phiếu'],
      [2, 'Phiếu bị rách'],
    ]);
    const audit = await t.must('admin-window', 'audit.list', { limit: 3 });
    expect(audit[0]).toMatchObject({
      action: 'print.formReprinted',
      subject: dossier.code,
      details: { reprintNumber: 2, reason: 'Phiếu bị rách' },
    });

    await t.must('admin-window', 'admin.createAccount', { username: 'canbo', fullName: 'Cán Bộ', password: 'CanBo2026x', role: 'officer' });
    await t.must('o', 'auth.signIn', { username: 'canbo', password: 'CanBo2026x' });
    await t.must('o', 'auth.changePassword', { currentPassword: 'CanBo2026x', newPassword: 'CanBo2026y' });
    expect(await t.call('o', 'print.reprintReceipt', { dossierId: dossier.id, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_ROLE' },
    });
  });

  it('prints Form 02 listing what is missing, and Form 03 with the officer’s reasons, without a dossier', async () => {
    const t = await startReception();
    const supplement = await t.must('admin-window', 'print.supplementRequest', {
      procedureCode: KHAI_SINH,
      applicant: CITIZEN,
      items: [{ name: 'Giấy chứng sinh', reason: 'Chưa nộp' }],
      contactPhone: '0237 3852 123',
    });
    expect(supplement.printed).toBe(false);
    expect(t.pdf.rendered.at(-1)!.html).toContain('Giấy chứng sinh');
    await t.must('admin-window', 'print.refusal', {
      procedureCode: KHAI_SINH,
      applicant: CITIZEN,
      reasons: ['Không thuộc thẩm quyền giải quyết của xã'],
    });
    expect(t.pdf.rendered.at(-1)!.html).toContain('Không thuộc thẩm quyền giải quyết của xã');
    expect(t.core.database.sqlite.prepare(`SELECT count(*) FROM dossiers`).pluck().get()).toBe(0);
    expect(await t.call('admin-window', 'print.refusal', { procedureCode: KHAI_SINH, applicant: CITIZEN, reasons: ['  '] })).toMatchObject({
      ok: false,
      error: { code: 'RECEPTION_REASONS_REQUIRED' },
    });
  });

  it('prints Form 04 for a late dossier and the register for a date range', async () => {
    const t = await startReception();
    const dossier = await accepted(t);
    await t.must('admin-window', 'print.apology', { dossierId: dossier.id, reason: 'Cần xác minh thêm', newDueLocal: '2026-03-06T16:00' });
    expect(t.pdf.rendered.at(-1)!.html).toContain('Cần xác minh thêm');
    await t.must('admin-window', 'print.register', { fromDate: '2026-03-01', toDate: '2026-03-31' });
    expect(t.pdf.rendered.at(-1)).toMatchObject({ pageSize: 'A4' });
    expect(t.pdf.rendered.at(-1)!.html).toContain(dossier.code);
  });
});
