import { describe, expect, it } from 'vitest';
import { extractDossierCode } from '../../../electron/core/lookup/dossier-service';
import { returnDoubts } from '../../../electron/core/return/return-service';
import { CITIZEN, khaiSinhDraft, startReception, type TestCore } from '../../helpers/test-core';

async function receive(t: TestCore, owner = CITIZEN) {
  const draft = await khaiSinhDraft(t);
  draft.owner = owner;
  return (await t.must('admin-window', 'reception.accept', { draft })).dossier;
}

describe('finding dossiers', () => {
  it('finds by code, ID number, folded name and phone', async () => {
    const t = await startReception();
    const nhung = await receive(t);
    const duc = await receive(t, { ...CITIZEN, fullName: 'Lê Văn Đức', idNumber: '038095001122', phone: '0987654321' });
    const codes = async (text: string) => (await t.must('admin-window', 'dossier.search', { text })).map((d: { code: string }) => d.code);
    expect(await codes(nhung.code)).toEqual([nhung.code]);
    expect(await codes(nhung.code.toLowerCase())).toEqual([nhung.code]);
    expect(await codes('038095001122')).toEqual([duc.code]);
    expect(await codes('nguyen thi hong')).toEqual([nhung.code]);
    expect(await codes('Nguyễn Nhung')).toEqual([nhung.code]);
    expect(await codes('le van duc')).toEqual([duc.code]);
    expect(await codes('Đức')).toEqual([duc.code]);
    expect(await codes('0987 654 321')).toEqual([duc.code]);
    expect(await codes('+84987654321')).toEqual([duc.code]);
    expect(await codes('khai sinh')).toHaveLength(2);
    expect(await codes('khong co ai')).toEqual([]);
  });

  it('finds a dossier by any part of its code', async () => {
    const t = await startReception();
    const first = await receive(t);
    const second = await receive(t);
    const codes = async (text: string) => (await t.must('admin-window', 'dossier.search', { text })).map((d: { code: string }) => d.code);
    const [, date, number] = /-(\d{6})-(\d{4})$/.exec(second.code)!;
    expect(await codes(`${date}-${number}`)).toEqual([second.code]);
    expect(await codes(` ${date}-${number} `)).toEqual([second.code]);
    expect(await codes(`h56-${date}`)).toEqual([second.code, first.code]);
    expect(await codes(`-${number}`)).toEqual([second.code]);
    expect(await codes(`${date}-9999`)).toEqual([]);
    expect(await codes('%-_')).toEqual([]);
  });

  it('takes the trailing number alone for today’s dossiers of this counter, at the return desk and in the search', async () => {
    const t = await startReception();
    await receive(t);
    const second = await receive(t);
    const number = second.code.slice(-4);
    expect((await t.must('admin-window', 'dossier.openByScan', { scanned: number })).id).toBe(second.id);
    expect((await t.must('admin-window', 'dossier.openByScan', { scanned: String(Number(number)) })).id).toBe(second.id);
    expect((await t.must('admin-window', 'dossier.search', { text: number })).map((d: { id: string }) => d.id)).toEqual([second.id]);
    expect(await t.call('admin-window', 'dossier.openByScan', { scanned: '0999' })).toMatchObject({
      ok: false,
      error: { code: 'DOSSIER_NOT_FOUND' },
    });
    // The next day the same number is another day's dossier: the bare number no longer opens this one.
    t.clock.advance(24 * 3600_000);
    await t.must('admin-window', 'auth.unlockScreen', { password: 'QuanTri2026' });
    expect(await t.call('admin-window', 'dossier.openByScan', { scanned: number })).toMatchObject({
      ok: false,
      error: { code: 'DOSSIER_NOT_FOUND' },
    });
  });

  it('filters by date range and status', async () => {
    const t = await startReception();
    await receive(t);
    expect(await t.must('admin-window', 'dossier.search', { fromDate: '2026-03-02', toDate: '2026-03-02' })).toHaveLength(1);
    expect(await t.must('admin-window', 'dossier.search', { fromDate: '2026-03-03' })).toHaveLength(0);
    expect(await t.must('admin-window', 'dossier.search', { status: 10 })).toHaveLength(0);
  });

  it.each(['"', "' OR 1=1 --", 'NEAR(', '*', 'a AND b OR', '\u0000'])('treats search syntax %j as plain text', async (text) => {
    const t = await startReception();
    await receive(t);
    const result = await t.call('admin-window', 'dossier.search', { text });
    expect(result.ok).toBe(true);
  });

  it('records who opened a dossier in the audit log', async () => {
    const t = await startReception();
    const dossier = await receive(t);
    await t.must('admin-window', 'dossier.open', { id: dossier.id });
    const audit = await t.must('admin-window', 'audit.list', { limit: 1 });
    expect(audit[0]).toMatchObject({ action: 'dossier.viewed', subject: dossier.code, actorUsername: 'quantri' });
  });
});

describe('reading a code from a scan', () => {
  it.each([
    ['000.00.06.H56-260302-0001', '000.00.06.H56-260302-0001'],
    ['  000.00.06.h56-260302-0001\r\n', '000.00.06.H56-260302-0001'],
    ['https://dichvucong.thanhhoa.gov.vn/tra-cuu?MHS=000.00.06.H56-260302-0001', '000.00.06.H56-260302-0001'],
    ['https://x.vn/tra-cuu?MHS=000.00.06.H56%2D260302%2D0001', '000.00.06.H56-260302-0001'],
    ['rác %E0%A4%A 000.00.06.H56-260302-0001', '000.00.06.H56-260302-0001'],
  ])('reads %j', (scanned, code) => {
    expect(extractDossierCode(scanned)).toBe(code);
  });

  it.each(['', 'hello', '000.00.06.H56-261302-0001', '038190012345|…'])('finds no code in %j', (scanned) => {
    expect(extractDossierCode(scanned)).toBeNull();
  });
});

describe('returning the result', () => {
  it('opens the dossier from the receipt QR and marks it returned, with history and outbox', async () => {
    const t = await startReception();
    const dossier = await receive(t);
    const opened = await t.must('admin-window', 'dossier.openByScan', {
      scanned: `https://dichvucong.thanhhoa.gov.vn/tra-cuu?MHS=${dossier.code}\n`,
    });
    expect(opened.id).toBe(dossier.id);
    t.clock.advance(3 * 24 * 3600_000);
    // Three days later the screen has locked itself; the officer unlocks first.
    await t.must('admin-window', 'auth.unlockScreen', { password: 'QuanTri2026' });
    const returned = await t.must('admin-window', 'dossier.markReturned', {
      dossierId: dossier.id,
      collectorName: ' Nguyễn  Thị Hồng Nhung ',
      collectorIdNumber: '038190012345',
      confirmUnsettled: { reason: 'Trả theo đề nghị của người dân' },
    });
    expect(returned).toMatchObject({ status: 10, returnedAt: '2026-03-05T08:00', returnedTo: 'Nguyễn Thị Hồng Nhung (038190012345)' });
    const db = t.core.database.sqlite;
    expect(db.prepare(`SELECT type, status FROM dossier_events ORDER BY at`).all()).toEqual([
      { type: 'received', status: 2 },
      { type: 'resultReturned', status: 10 },
    ]);
    expect(db.prepare(`SELECT kind FROM outbox ORDER BY seq`).pluck().all()).toEqual(['dossier.received', 'dossier.resultReturned']);
    expect((await t.must('admin-window', 'dossier.search', { status: 10 })).map((d: { id: string }) => d.id)).toEqual([dossier.id]);
  });

  it('refuses a second return and keeps the first', async () => {
    const t = await startReception();
    const dossier = await receive(t);
    await t.must('admin-window', 'dossier.markReturned', {
      dossierId: dossier.id,
      collectorName: 'Nhung',
      confirmUnsettled: { reason: 'Trả theo đề nghị của người dân' },
    });
    const again = await t.call('admin-window', 'dossier.markReturned', { dossierId: dossier.id, collectorName: 'Người khác' });
    expect(again).toMatchObject({ ok: false, error: { code: 'DOSSIER_ALREADY_RETURNED' } });
    expect(t.core.database.sqlite.prepare(`SELECT count(*) FROM dossier_events WHERE type = 'resultReturned'`).pluck().get()).toBe(1);
  });

  it.each([
    [{ scanned: 'rác rưởi' }, 'DOSSIER_CODE_UNREADABLE'],
    [{ scanned: '000.00.06.H56-260302-0999' }, 'DOSSIER_NOT_FOUND'],
  ])('answers the scan %j with %s', async (input, code) => {
    const t = await startReception();
    await receive(t);
    expect(await t.call('admin-window', 'dossier.openByScan', input)).toMatchObject({ ok: false, error: { code } });
  });

  it('needs the collector’s name and a valid ID number when given', async () => {
    const t = await startReception();
    const dossier = await receive(t);
    expect(await t.call('admin-window', 'dossier.markReturned', { dossierId: dossier.id, collectorName: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'RETURN_COLLECTOR_REQUIRED' },
    });
    expect(
      await t.call('admin-window', 'dossier.markReturned', { dossierId: dossier.id, collectorName: 'A', collectorIdNumber: '123' }),
    ).toMatchObject({ ok: false, error: { code: 'RECEPTION_ID_NUMBER_INVALID' } });
  });

  it('holds back a dossier not settled or without a result until the officer confirms with a reason, and records the reason', async () => {
    const t = await startReception();
    const dossier = await receive(t);
    const refused = await t.call('admin-window', 'dossier.markReturned', { dossierId: dossier.id, collectorName: 'Nhung' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'RETURN_NEEDS_CONFIRMATION',
        message: `Hồ sơ ${dossier.code}: bộ phận chuyên môn chưa báo đã giải quyết xong; chưa đính kèm giấy tờ kết quả. Muốn vẫn trả, vui lòng xác nhận và ghi lý do.`,
      },
    });
    const blank = await t.call('admin-window', 'dossier.markReturned', {
      dossierId: dossier.id,
      collectorName: 'Nhung',
      confirmUnsettled: { reason: '   ' },
    });
    expect(blank).toMatchObject({ ok: false, error: { code: 'RETURN_NEEDS_CONFIRMATION' } });
    expect((await t.must('admin-window', 'dossier.open', { id: dossier.id })).status).toBe(2);

    const reason = 'Công dân rút hồ sơ, nhận lại giấy tờ đã nộp';
    const returned = await t.must('admin-window', 'dossier.markReturned', {
      dossierId: dossier.id,
      collectorName: 'Nhung',
      confirmUnsettled: { reason },
    });
    expect(returned.status).toBe(10);
    const db = t.core.database.sqlite;
    const payload = JSON.parse(db.prepare(`SELECT payload FROM dossier_events WHERE type = 'resultReturned'`).pluck().get() as string);
    expect(payload).toMatchObject({ confirmedDespite: ['notSettled', 'noResult'], confirmationReason: reason });
    const [audit] = await t.must('admin-window', 'audit.list', { limit: 1 });
    expect(audit).toMatchObject({
      action: 'dossier.returned',
      subject: dossier.code,
      details: { confirmedDespite: ['notSettled', 'noResult'], reason },
    });
  });

  it('needs no confirmation once the back office settled the dossier and a result is attached', () => {
    expect(returnDoubts(9, 1)).toEqual([]);
    expect(returnDoubts(9, 0)).toEqual(['noResult']);
    expect(returnDoubts(2, 1)).toEqual(['notSettled']);
    expect(returnDoubts(4, 3)).toEqual(['notSettled']);
  });

  it('keeps the history append-only in the database', async () => {
    const t = await startReception();
    await receive(t);
    expect(() => t.core.database.sqlite.exec(`UPDATE dossier_events SET status = 10`)).toThrow(/append-only/);
    expect(() => t.core.database.sqlite.exec(`DELETE FROM dossier_events`)).toThrow(/append-only/);
  });
});
