import { describe, expect, it } from 'vitest';
import { CITIZEN, KHAI_SINH, khaiSinhDraft, PDF_BASE64, startReception, startTestCore, startWithAdmin } from '../../helpers/test-core';

const count = (t: { core: { database: { sqlite: { prepare(sql: string): { pluck(): { get(): unknown } } } } } }, table: string) =>
  t.core.database.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('accepting a dossier', () => {
  it('writes the dossier, history, outbox and receipt job together, with code and due date', async () => {
    const t = await startReception();
    const { dossier, printJobId } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    expect(dossier.code).toBe('000.00.06.H56-260302-0001');
    expect(dossier).toMatchObject({
      status: 2,
      receivedLocal: '2026-03-02T08:00',
      // Birth registration is same-day (docs/domain.md §8.4): received before the cut-off, due when Monday closes.
      dueLocal: '2026-03-02T17:00',
      owner: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '038190012345', phone: '0912345678' },
      officer: { username: 'quantri' },
      // The register entry comes from the code: the day's book, the code's daily sequence (unique across desks).
      register: { book: '02/03/2026', number: 1 },
    });
    expect(dossier.components.map((c: { code: string; state: string }) => `${c.code}:${c.state}`)).toEqual(
      expect.arrayContaining(['TP01:attached', 'TP02:attached', 'TP03:missing']),
    );
    const db = t.core.database.sqlite;
    expect(db.prepare(`SELECT type, status FROM dossier_events`).all()).toEqual([{ type: 'received', status: 2 }]);
    expect(db.prepare(`SELECT kind, acknowledged_at FROM outbox`).all()).toEqual([{ kind: 'dossier.received', acknowledged_at: null }]);
    expect(db.prepare(`SELECT id, form_key, copies, status FROM print_jobs`).get()).toEqual({
      id: printJobId,
      form_key: 'receipt',
      copies: 2,
      status: 'pending',
    });
    expect(count(t, 'component_files')).toBe(2);
  });

  it('numbers dossiers of the day in order and never repeats a code across a restart', async () => {
    const t = await startReception();
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) })).dossier.code);
    t.core.close();
    const again = await startTestCore(t.dataDir);
    await again.must('w', 'auth.signIn', { username: 'quantri', password: 'QuanTri2026' });
    codes.push((await again.must('w', 'reception.accept', { draft: await khaiSinhDraft(again, 'w') })).dossier.code);
    expect(codes.map((c) => c.slice(-4))).toEqual(['0001', '0002', '0003', '0004']);
  });

  it('gives unique codes to two windows accepting at once', async () => {
    const t = await startReception();
    await t.must('second-window', 'auth.signIn', { username: 'quantri', password: 'QuanTri2026' });
    const [a, b] = await Promise.all([
      khaiSinhDraft(t).then((draft) => t.must('admin-window', 'reception.accept', { draft })),
      khaiSinhDraft(t, 'second-window').then((draft) => t.must('second-window', 'reception.accept', { draft })),
    ]);
    expect(a.dossier.code).not.toBe(b.dossier.code);
  });

  it('warns before the block runs out and refuses cleanly when it has, writing nothing', async () => {
    const t = await startReception({ block: [7, 9] });
    expect((await t.must('admin-window', 'sequence.status')).today).toMatchObject({ total: 3, remaining: 3, low: true });
    for (let i = 0; i < 3; i++) await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    const before = [count(t, 'dossiers'), count(t, 'outbox'), count(t, 'dossier_events'), count(t, 'print_jobs')];
    const refused = await t.call('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SEQUENCE_EXHAUSTED', message: expect.stringContaining('02/03/2026') } });
    expect([count(t, 'dossiers'), count(t, 'outbox'), count(t, 'dossier_events'), count(t, 'print_jobs')]).toEqual(before);
    await t.must('admin-window', 'sequence.addBlock', { first: 9000, last: 9009, source: 'emergency', date: '2026-03-02' });
    expect((await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) })).dossier.code).toMatch(/-9000$/);
  });

  it.each([
    [{ first: 0, last: 5 }, 'SEQUENCE_BLOCK_INVALID'],
    [{ first: 10, last: 5 }, 'SEQUENCE_BLOCK_INVALID'],
    [{ first: 1, last: 10000 }, 'SEQUENCE_BLOCK_INVALID'],
    [{ first: 400, last: 600 }, 'SEQUENCE_BLOCK_OVERLAP'],
  ])('refuses the block %j with %s', async (block, code) => {
    const t = await startReception();
    expect(await t.call('admin-window', 'sequence.addBlock', block)).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses an incomplete dossier, naming the missing components, and writes nothing', async () => {
    const t = await startReception();
    const draft = await khaiSinhDraft(t);
    draft.components = [draft.components[0]];
    const check = await t.must('admin-window', 'reception.check', { draft });
    expect(check.missing.map((c: { code: string }) => c.code)).toEqual(['TP02']);
    const result = await t.call('admin-window', 'reception.accept', { draft });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'RECEPTION_INCOMPLETE', message: expect.stringContaining('Giấy chứng sinh') },
    });
    expect(count(t, 'dossiers')).toBe(0);
    expect(count(t, 'sequence_usage')).toBe(0);
  });

  it('accepts reused and waived components with their reference or reason', async () => {
    const t = await startReception();
    const draft = await khaiSinhDraft(t);
    draft.components[1] = { code: 'TP02', state: 'reused', reuseRef: 'Giấy chứng sinh số 123/GCS kho dữ liệu' };
    const accepted = await t.must('admin-window', 'reception.accept', { draft });
    expect(accepted.dossier.components[1]).toMatchObject({
      state: 'reused',
      digitization: 'reused',
      reuseRef: 'Giấy chứng sinh số 123/GCS kho dữ liệu',
    });
  });

  it.each([
    ['an ID number of 11 digits', (d: any) => (d.owner = { ...CITIZEN, idNumber: '03819001234' }), 'RECEPTION_ID_NUMBER_INVALID'],
    [
      'an old 9-digit ID with 10 digits',
      (d: any) => (d.owner = { ...CITIZEN, documentType: 'cmnd', idNumber: '0381900123' }),
      'ID_DOCUMENT_CMND_INVALID',
    ],
    [
      'a passport number with punctuation',
      (d: any) => (d.owner = { ...CITIZEN, documentType: 'passport', idNumber: 'C123-4567' }),
      'ID_DOCUMENT_PASSPORT_INVALID',
    ],
    ['an unknown document type', (d: any) => (d.owner = { ...CITIZEN, documentType: 'visa', idNumber: 'C1234567' }), 'INVALID_INPUT'],
    ['letters in the phone number', (d: any) => (d.owner = { ...CITIZEN, phone: 'gọi sau' }), 'RECEPTION_PHONE_INVALID'],
    ['an impossible birth date', (d: any) => (d.owner = { ...CITIZEN, dateOfBirth: '1990-02-30' }), 'RECEPTION_DATE_INVALID'],
    ['an empty name', (d: any) => (d.owner = { ...CITIZEN, fullName: '   ' }), 'RECEPTION_OWNER_NAME_REQUIRED'],
    ['a bad e-mail', (d: any) => (d.owner = { ...CITIZEN, email: 'nhung@' }), 'RECEPTION_EMAIL_INVALID'],
    [
      'a component of another procedure',
      (d: any) => d.components.push({ code: 'XX99', state: 'waived', waiveReason: 'x' }),
      'RECEPTION_UNKNOWN_COMPONENT',
    ],
    ['an attached slot without files', (d: any) => (d.components[0].files = []), 'RECEPTION_COMPONENT_FILES_REQUIRED'],
    [
      'a file the store does not have',
      (d: any) => (d.components[0].files = [{ sha256: 'a'.repeat(64), fileName: 'mat.pdf', mediaType: 'application/pdf', bytes: 10 }]),
      'RECEPTION_FILE_MISSING',
    ],
    ['a waiver without reason', (d: any) => (d.components[1] = { code: 'TP02', state: 'waived' }), 'RECEPTION_WAIVE_REASON_REQUIRED'],
    [
      'a slot submitted online on a dossier received at the counter',
      (d: any) => (d.components[1] = { code: 'TP02', state: 'submittedOnline' }),
      'RECEPTION_ONLINE_COMPONENT_AT_COUNTER',
    ],
    ['postal return without address', (d: any) => (d.returnMethod = 'post'), 'RECEPTION_RETURN_ADDRESS_REQUIRED'],
    ['fees that do not match the catalogue', (d: any) => (d.fees = [{ status: 'paid' }, { status: 'paid' }]), 'RECEPTION_FEES_MISMATCH'],
    ['an unknown procedure', (d: any) => (d.procedureCode = '9.999999'), 'PROCEDURE_NOT_FOUND'],
    ['a sets count of zero', (d: any) => (d.setsCount = 0), 'INVALID_INPUT'],
  ])('rejects %s in Vietnamese and writes nothing', async (_label, spoil, code) => {
    const t = await startReception();
    const draft = await khaiSinhDraft(t);
    spoil(draft);
    const result = await t.call('admin-window', 'reception.accept', { draft });
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).toMatch(/[àáảãạăâđêôơưếốớứ]/i);
    expect(count(t, 'dossiers')).toBe(0);
  });

  it.each([
    ['a Vietnamese passport', 'passport', ' c1234567 ', 'C1234567'],
    ['a foreign passport', 'passport', 'X98765432AB', 'X98765432AB'],
    ['an old 9-digit ID', 'cmnd', '038190012', '038190012'],
    ['another paper', 'other', 'TT-2026/123', 'TT-2026/123'],
  ])('accepts an applicant with %s and keeps its type on the dossier', async (_label, documentType, idNumber, stored) => {
    const t = await startReception();
    const draft = await khaiSinhDraft(t);
    draft.owner = { ...CITIZEN, documentType, idNumber };
    const accepted = await t.must('admin-window', 'reception.accept', { draft });
    expect(accepted.dossier.owner).toMatchObject({ documentType, idNumber: stored });
  });

  it('treats a draft without a document type as a CCCD and stores no type', async () => {
    const t = await startReception();
    const draft = await khaiSinhDraft(t);
    const accepted = await t.must('admin-window', 'reception.accept', { draft });
    expect(accepted.dossier.owner.documentType).toBeUndefined();
    expect(accepted.dossier.owner.idNumber).toBe(CITIZEN.idNumber);
  });

  it('refuses reception until the site is configured', async () => {
    const t = await startWithAdmin();
    const file = await t.must('admin-window', 'reception.storeFile', { fileName: 'a.pdf', dataBase64: PDF_BASE64 });
    const draft = {
      procedureCode: KHAI_SINH,
      owner: CITIZEN,
      components: [
        { code: 'TP01', state: 'attached', files: [file] },
        { code: 'TP02', state: 'attached', files: [file] },
      ],
    };
    expect(await t.call('admin-window', 'reception.accept', { draft })).toMatchObject({
      ok: false,
      error: { code: 'SITE_NOT_CONFIGURED' },
    });
    expect(await t.call('admin-window', 'site.update', { agencyCode: 'H56' })).toMatchObject({
      ok: false,
      error: { code: 'SITE_INVALID' },
    });
  });

  it('keeps a receipt owed when the app dies between accept and print', async () => {
    const t = await startReception();
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    // No close: a crash right after the transaction committed.
    const again = await startTestCore(t.dataDir);
    const pending = again.core.database.sqlite.prepare(`SELECT dossier_id, status FROM print_jobs`).all();
    expect(pending).toEqual([{ dossier_id: dossier.id, status: 'pending' }]);
    expect(again.core.database.sqlite.prepare(`SELECT code FROM dossiers`).pluck().get()).toBe(dossier.code);
  });

  it('remembers the applicant, so a known ID number fills the form', async () => {
    const t = await startReception();
    expect(await t.must('admin-window', 'reception.knownParty', { kind: 'citizen', identifier: '038190012345' })).toBeNull();
    await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    expect(await t.must('admin-window', 'reception.knownParty', { kind: 'citizen', identifier: '038190012345' })).toMatchObject({
      fullName: 'Nguyễn Thị Hồng Nhung',
      address: 'Thôn Đông, xã Quảng Phú, tỉnh Thanh Hóa',
    });
  });
});

describe('fees paid with an online filing', () => {
  it('keeps the online payment only off the direct channel, where DVCQG counts it as paid online', async () => {
    const t = await startReception();
    const file = await t.must('admin-window', 'reception.storeFile', { fileName: 'to-khai.pdf', dataBase64: PDF_BASE64 });
    const paidOnline = {
      status: 'paid',
      method: 'transfer',
      receiptNumber: 'PAY-001',
      onlinePayment: { provider: 'dvcqg', transactionId: 'PAY-001' },
    };
    const draft = (channel: 'direct' | 'post') => ({
      procedureCode: '1.001022.000.00.00.H56',
      owner: CITIZEN,
      channel,
      components: [
        { code: 'TP01', state: 'attached', files: [file] },
        { code: 'TP02', state: 'attached', files: [file] },
      ],
      fees: [paidOnline],
    });
    const postal = await t.must('admin-window', 'reception.accept', { draft: draft('post') });
    expect(postal.dossier.fees[0]).toMatchObject({ status: 'paid', onlinePayment: { provider: 'dvcqg', transactionId: 'PAY-001' } });
    const direct = await t.must('admin-window', 'reception.accept', { draft: draft('direct') });
    expect(direct.dossier.fees[0]).toMatchObject({ status: 'paid', receiptNumber: 'PAY-001' });
    expect(direct.dossier.fees[0].onlinePayment).toBeUndefined();
  });
});

describe('files attached at reception', () => {
  it('stores a PDF once by its content hash', async () => {
    const t = await startReception();
    const a = await t.must('admin-window', 'reception.storeFile', { fileName: 'a.pdf', dataBase64: PDF_BASE64 });
    const b = await t.must('admin-window', 'reception.storeFile', { fileName: 'b.pdf', dataBase64: PDF_BASE64 });
    expect(a.sha256).toBe(b.sha256);
    expect(a).toMatchObject({ mediaType: 'application/pdf', bytes: Buffer.from(PDF_BASE64, 'base64').length });
  });

  it.each([
    ['', 'FILE_EMPTY'],
    ['not base64!!', 'FILE_DATA_INVALID'],
    [Buffer.from('MZ\x90\x00 an exe renamed to pdf').toString('base64'), 'FILE_TYPE_NOT_ALLOWED'],
    [Buffer.from('<html>hello</html>').toString('base64'), 'FILE_TYPE_NOT_ALLOWED'],
  ])('refuses %j with %s', async (dataBase64, code) => {
    const t = await startReception();
    expect(await t.call('admin-window', 'reception.storeFile', { fileName: 'x.pdf', dataBase64 })).toMatchObject({
      ok: false,
      error: { code },
    });
  });
});
