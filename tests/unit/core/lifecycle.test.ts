import { describe, expect, it } from 'vitest';
import { khaiSinhDraft, startReception, type TestCore } from '../../helpers/test-core';

/** The counter's side of issue 14 §2: one transaction per event, with its outbox command and audit entry. */
async function received(t: TestCore): Promise<{ id: string; code: string }> {
  return (await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) })).dossier;
}

function counts(t: TestCore): { events: number; outbox: number; audit: number } {
  const count = (sql: string) => t.core.database.sqlite.prepare(sql).pluck().get() as number;
  return {
    events: count('SELECT count(*) FROM dossier_events'),
    outbox: count("SELECT count(*) FROM outbox WHERE kind = 'dossier.lifecycle'"),
    audit: count("SELECT count(*) FROM audit_log WHERE action LIKE 'dossier.%' AND action NOT IN ('dossier.received', 'dossier.viewed')"),
  };
}

describe('recording a lifecycle event at the counter', () => {
  it('writes the event, the dossier state, the outbox command and the audit entry together', async () => {
    const t = await startReception();
    const dossier = await received(t);
    const before = counts(t);
    const { dossier: view } = await t.must('admin-window', 'lifecycle.requestSupplement', {
      dossierId: dossier.id,
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản sao mờ' }],
    });
    expect(view.status).toBe(5);
    expect(counts(t)).toEqual({ events: before.events + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
    const [history] = (await t.must('admin-window', 'dossier.history', { id: dossier.id })).slice(-1);
    const outbox = t.core.database.sqlite.prepare("SELECT payload FROM outbox WHERE kind = 'dossier.lifecycle'").pluck().get() as string;
    const command = JSON.parse(outbox) as { code: string; event: { id: string; type: string; payload: { round: number } } };
    expect(command).toMatchObject({ code: dossier.code, event: { id: history.id, type: 'supplementRequested', payload: { round: 1 } } });
    const audit = t.core.database.sqlite.prepare("SELECT action, subject FROM audit_log WHERE action LIKE 'dossier.supplement%'").all();
    expect(audit).toEqual([{ action: 'dossier.supplementRequested', subject: dossier.code }]);
    // Form 02 is printed from the recorded request, after it: with the dossier's code, in the dossier's print history.
    const printed = t.core.database.sqlite.prepare("SELECT dossier_id FROM print_jobs WHERE form_key = 'supplement_request'").pluck().all();
    expect(printed).toEqual([dossier.id]);
    expect(t.pdf.rendered.at(-1)!.html).toContain(dossier.code);
  });

  it('numbers the rounds and refuses what the state does not allow, writing nothing', async () => {
    const t = await startReception();
    const dossier = await received(t);
    const ask = () =>
      t.must('admin-window', 'lifecycle.requestSupplement', { dossierId: dossier.id, items: [{ name: 'Tờ khai', reason: '' }] });
    await ask();
    await t.must('admin-window', 'lifecycle.receiveSupplement', { dossierId: dossier.id });
    await ask();
    const rounds = (await t.must('admin-window', 'dossier.history', { id: dossier.id }))
      .filter((e: { type: string }) => e.type === 'supplementRequested')
      .map((e: { payload: { round: number } }) => e.payload.round);
    expect(rounds).toEqual([1, 2]);

    const before = counts(t);
    const refused = await t.call('admin-window', 'lifecycle.apologize' as never, {
      dossierId: dossier.id,
      reason: 'Chậm',
      newDueLocal: '2026-03-20T16:00',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LIFECYCLE_EVENT_NOT_ALLOWED' } });
    expect(await t.call('admin-window', 'lifecycle.withdraw' as never, { dossierId: dossier.id, reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'LIFECYCLE_REASON_REQUIRED', message: 'Vui lòng ghi lý do.' },
    });
    expect(counts(t)).toEqual(before);
  });
});

describe('the stop-processing notice', () => {
  it('records the stop and prints the notice of the 2025 set; under the 2018 set, which has none, the stop stands alone', async () => {
    const t = await startReception();
    const first = await received(t);
    const stopped = await t.must('admin-window', 'lifecycle.stopProcessing', { dossierId: first.id, reasons: ['Có tranh chấp'] });
    expect(stopped).toMatchObject({ dossier: { status: 8 }, print: null });
    const { configured: _configured, formSets: _sets, ...site } = await t.must('admin-window', 'site.get', {});
    await t.must('admin-window', 'site.update', { ...site, formSet: '2025' });
    const second = await received(t);
    const notice = await t.must('admin-window', 'lifecycle.stopProcessing', { dossierId: second.id, reasons: ['Có tranh chấp'] });
    expect(notice.dossier.status).toBe(8);
    expect(notice.print.pdfBase64.length).toBeGreaterThan(0);
  });
});
