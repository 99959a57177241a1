import { describe, expect, it } from 'vitest';
import { OnlineDecisionService, onlineDecisionId, type ProvinceOnlineDecisions } from '../../../../electron/core/online/online-decision';
import { AppError } from '../../../../shared/ipc/result';
import type { OnlineDecisionRequest } from '../../../../shared/online/online-queue-protocol';
import { receptionDraftSchema, type ReceptionDraft } from '../../../../shared/reception/draft';
import type { DossierView } from '../../../../shared/reception/dossier-view';

const officer = { accountId: 'acc-1', username: 'lan.nt', fullName: 'Nguyễn Thị Lan' };
const ONLINE_ID = '0193a1b2-0000-7000-8000-000000000001';
const draft = receptionDraftSchema.parse({
  procedureCode: '1.001193.000.00.00.H56',
  owner: { kind: 'citizen', fullName: 'Nguyễn Văn An', idNumber: '001090012345' },
  components: [],
});

function service(channel: 2 | 3, province: Partial<ProvinceOnlineDecisions> = {}) {
  const received: { draft: ReceptionDraft; online: unknown }[] = [];
  const decided: { id: string; decision: OnlineDecisionRequest }[] = [];
  let nudged = 0;
  const decisions = new OnlineDecisionService({
    province: {
      enrolled: () => true,
      claimOnlineDossier: async () => ({ until: '2026-03-09T02:15:00.000Z', channel, submission: {} }),
      decideOnlineDossier: async (id, _officer, decision) => decided.push({ id, decision }),
      ...province,
    },
    reception: {
      accept: (_officer, d, online) => {
        received.push({ draft: d, online });
        return { dossier: { code: `000.00.06.H56-260309-000${received.length}` } as DossierView, printJobId: 'p' };
      },
    },
    nudgeSync: () => (nudged += 1),
  });
  return { decisions, received, decided, nudged: () => nudged };
}

describe('OnlineDecisionService (issue 15 §1)', () => {
  it('accepts through the reception path on the channel the gateway gives, carrying the acceptance once, and pushes at once', async () => {
    const online = service(2);
    const result = await online.decisions.accept(officer, ONLINE_ID, draft);
    expect(result.dossier.code).toBe('000.00.06.H56-260309-0001');
    expect(online.received).toEqual([
      { draft: { ...draft, channel: 'online' }, online: { dossierId: ONLINE_ID, decisionId: onlineDecisionId(ONLINE_ID, 'accepted') } },
    ]);
    expect(online.nudged()).toBe(1);
    // A second accept of the same dossier would issue a second code: refused.
    await expect(online.decisions.accept(officer, ONLINE_ID, draft)).rejects.toMatchObject({ code: 'ONLINE_DOSSIER_DECIDED' });
    expect(online.received).toHaveLength(1);

    const postal = service(3);
    await postal.decisions.accept(officer, ONLINE_ID, draft);
    expect(postal.received[0]!.draft.channel).toBe('post');
  });

  it('issues no code when the claim cannot be renewed (another officer holds it)', async () => {
    const held = service(2, {
      claimOnlineDossier: async () => {
        throw new AppError('ONLINE_DOSSIER_HELD', { name: 'Trần Văn Bình', until: '09:45' });
      },
    });
    await expect(held.decisions.accept(officer, ONLINE_ID, draft)).rejects.toMatchObject({ code: 'ONLINE_DOSSIER_HELD' });
    expect(held.received).toEqual([]);
  });

  it('sends a supplement request and a refusal with the reason under an id fixed by dossier and kind, so a resend is the same decision', async () => {
    const online = service(2);
    await online.decisions.requestSupplement(officer, ONLINE_ID, '  Thiếu giấy chứng sinh bản chính ');
    await online.decisions.requestSupplement(officer, ONLINE_ID, 'Thiếu giấy chứng sinh bản chính');
    await online.decisions.refuse(officer, ONLINE_ID, 'Không thuộc thẩm quyền');
    expect(online.decided.map((d) => [d.id, d.decision.kind, d.decision.reason])).toEqual([
      [ONLINE_ID, 'supplement', 'Thiếu giấy chứng sinh bản chính'],
      [ONLINE_ID, 'supplement', 'Thiếu giấy chứng sinh bản chính'],
      [ONLINE_ID, 'refused', 'Không thuộc thẩm quyền'],
    ]);
    expect(online.decided[0]!.decision.id).toBe(online.decided[1]!.decision.id);
    expect(online.decided[2]!.decision.id).not.toBe(online.decided[0]!.decision.id);
    await expect(online.decisions.refuse(officer, ONLINE_ID, '   ')).rejects.toMatchObject({ code: 'ONLINE_DECISION_REASON_REQUIRED' });
  });

  it('says the counter is not enrolled before anything else', async () => {
    const offline = service(2, { enrolled: () => false });
    await expect(offline.decisions.accept(officer, ONLINE_ID, draft)).rejects.toMatchObject({ code: 'SYNC_NOT_ENROLLED' });
    await expect(offline.decisions.refuse(officer, ONLINE_ID, 'x')).rejects.toMatchObject({ code: 'SYNC_NOT_ENROLLED' });
  });
});
