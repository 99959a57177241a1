import { describe, expect, it } from 'vitest';
import { registerEntryOf } from '../../../shared/reception/register-entry';
import { khaiSinhDraft, startReception } from '../../helpers/test-core';

describe('register entries (Form 06 "Quyển số … Số thứ tự …", issue 14 point 5)', () => {
  it('are the day of reception and the code’s daily sequence', () => {
    expect(registerEntryOf({ date: '2026-03-02', sequence: 361 })).toEqual({ book: '02/03/2026', number: 361 });
  });

  it('differ between two desks of one agency that received on the same day, each numbering from its own leased block', async () => {
    const deskA = await startReception({ block: [1, 100] });
    const deskB = await startReception({ block: [101, 200] });
    const a = (await deskA.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(deskA) })).dossier;
    const b = (await deskB.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(deskB) })).dossier;
    expect(a.register).toEqual({ book: '02/03/2026', number: 1 });
    expect(b.register).toEqual({ book: '02/03/2026', number: 101 });
    expect(deskA.pdf.rendered).toEqual([]);
    await deskA.must('admin-window', 'print.receipt', { dossierId: a.id });
    expect(deskA.pdf.rendered[0]!.html).toContain('Quyển số: 02/03/2026, Số thứ tự: 1');
  });
});
