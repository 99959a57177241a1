import { describe, expect, it } from 'vitest';
import { PARTY_NAME_MAX_LENGTH } from '../../../shared/reception/limits';
import { khaiSinhDraft, startReception } from '../../helpers/test-core';

/** One limit for a party's name in every layer, and nothing cut silently (issue 13 point 9). */

const ORGANISATION = 'Công ty trách nhiệm hữu hạn một thành viên Thương mại, Dịch vụ và Xây dựng công trình giao thông, thủy lợi Quảng Phú';

function nameOf(length: number): string {
  let name = ORGANISATION;
  while (name.length < length) name += ` – chi nhánh ${name.length}`;
  return name.slice(0, length).trimEnd().padEnd(length, 'A');
}

describe('a party name of the longest allowed length', () => {
  it('is stored, opened and printed in full', async () => {
    expect(PARTY_NAME_MAX_LENGTH).toBe(300);
    const t = await startReception();
    const draft = await khaiSinhDraft(t);
    const fullName = nameOf(PARTY_NAME_MAX_LENGTH);
    draft.owner = { ...draft.owner, kind: 'organisation', fullName, idNumber: null, taxCode: '2801234567', dateOfBirth: null, sex: null };
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft });
    expect(dossier.owner.fullName).toBe(fullName);
    expect((await t.must('admin-window', 'dossier.open', { id: dossier.id })).owner.fullName).toBe(fullName);
    await t.must('admin-window', 'print.receipt', { dossierId: dossier.id });
    expect(t.pdf.rendered[0]!.html).toContain(fullName);
  });

  it('one letter longer is refused, not cut', async () => {
    const t = await startReception();
    const draft = await khaiSinhDraft(t);
    draft.owner = { ...draft.owner, fullName: nameOf(PARTY_NAME_MAX_LENGTH + 1) };
    expect(await t.call('admin-window', 'reception.accept', { draft })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a collector’s name of that length is recorded in full at the return', async () => {
    const t = await startReception();
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    const collectorName = nameOf(PARTY_NAME_MAX_LENGTH);
    const returned = await t.must('admin-window', 'dossier.markReturned', {
      dossierId: dossier.id,
      collectorName,
      confirmUnsettled: { reason: 'Người dân cần bản giấy tờ gốc đã nộp' },
    });
    expect(returned.returnedTo).toBe(collectorName);
  });
});
