import { describe, expect, it } from 'vitest';
import {
  OnlineDecisionService,
  onlineDecisionId,
  type OnlineDecisionDeps,
  type ProvinceOnlineDecisions,
} from '../../../../electron/core/online/online-decision';
import type { DecisionForms, SubmissionDecision } from '../../../../electron/core/online/online-decision';
import type { IssuedForm } from '../../../../electron/core/online/online-decision-forms';
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

function service(channel: 2 | 3, province: Partial<ProvinceOnlineDecisions> = {}, extra: Partial<OnlineDecisionDeps> = {}) {
  const received: { draft: ReceptionDraft; online: unknown; sessionId?: string | null }[] = [];
  const kept: { id: string; sha256s: string[] }[] = [];
  const decided: { id: string; decision: OnlineDecisionRequest }[] = [];
  let nudged = 0;
  const decisions = new OnlineDecisionService({
    province: {
      enrolled: () => true,
      claimOnlineDossier: async () => ({ until: '2026-03-09T02:15:00.000Z', channel, submission: {}, files: [] }),
      decideOnlineDossier: async (id, _officer, decision) => decided.push({ id, decision }),
      ...province,
    },
    reception: {
      accept: (_officer, d, online, sessionId) => {
        received.push({ draft: d, online, ...(sessionId ? { sessionId } : {}) });
        return { dossier: { code: `000.00.06.H56-260309-000${received.length}` } as DossierView, printJobId: 'p' };
      },
    },
    nudgeSync: () => (nudged += 1),
    keepFiledFiles: async (id, sha256s) => void kept.push({ id, sha256s }),
    ...extra,
  });
  return { decisions, received, decided, kept, nudged: () => nudged };
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

  describe('the forms sent electronically (issue 15 §1, issue 16 §3)', () => {
    const SHA = 'f'.repeat(64);
    const SUBMISSION = { ChuHoSo: 'Nguyễn Văn An', Email: 'an@example.vn', MaTTHC: 'from-submission' };

    function withForms(options: { fail?: 'render' | 'upload'; signed?: boolean } = {}) {
      const made: Array<{ kind: string; decision?: SubmissionDecision; dossierCode?: string }> = [];
      const uploaded: string[] = [];
      const logs: string[] = [];
      const issued = (): IssuedForm => ({ sha256: SHA, bytes: 1000, signed: options.signed ?? false });
      const forms = {
        receipt: async (_officer: unknown, dossier: DossierView) => {
          if (options.fail === 'render') throw new AppError('PDF_RENDER_FAILED');
          made.push({ kind: 'receipt', dossierCode: dossier.code });
          return issued();
        },
        notice: async (_officer: unknown, decision: SubmissionDecision) => {
          if (options.fail === 'render') throw new AppError('PDF_RENDER_FAILED');
          made.push({ kind: decision.kind, decision });
          return issued();
        },
      } satisfies DecisionForms;
      const online = service(
        2,
        {
          claimOnlineDossier: async () => ({
            until: '2026-03-09T02:15:00.000Z',
            channel: 2,
            submission: SUBMISSION,
            procedureCode: '1.001193.000.00.00.H56',
            files: [],
          }),
        },
        {
          forms,
          uploadBlob: async (sha256) => {
            if (options.fail === 'upload') throw new AppError('SYNC_OFFLINE');
            uploaded.push(sha256);
          },
          log: (line) => logs.push(line),
        },
      );
      return { ...online, made, uploaded, logs };
    }

    it('sends the receipt with an acceptance, and names Form 02/03 in the decision once uploaded, signed or not', async () => {
      const online = withForms({ signed: true });
      const accepted = await online.decisions.accept(officer, ONLINE_ID, draft);
      expect(accepted.form).toEqual({ sha256: SHA, signed: true, attached: true });
      expect(online.made).toEqual([{ kind: 'receipt', dossierCode: accepted.dossier.code }]);
      // Pushed after the receipt is queued, so both go in one push.
      expect(online.nudged()).toBe(1);

      const unsigned = withForms({ signed: false });
      expect(await unsigned.decisions.refuse(officer, ONLINE_ID, 'Không thuộc thẩm quyền')).toEqual({
        decision: 'refused',
        form: { sha256: SHA, signed: false, attached: true },
      });
      expect(unsigned.made).toEqual([
        {
          kind: 'refused',
          decision: { kind: 'refused', procedureCode: '1.001193.000.00.00.H56', submission: SUBMISSION, reason: 'Không thuộc thẩm quyền' },
        },
      ]);
      expect(unsigned.uploaded).toEqual([SHA]);
      expect(unsigned.decided[0]!.decision).toEqual({
        id: onlineDecisionId(ONLINE_ID, 'refused'),
        kind: 'refused',
        reason: 'Không thuộc thẩm quyền',
        form: { sha256: SHA, signed: false },
      });
    });

    it('never stops a decision for its form: one that cannot be made goes without, one not uploaded stays at the counter', async () => {
      const broken = withForms({ fail: 'render' });
      expect((await broken.decisions.accept(officer, ONLINE_ID, draft)).form).toBeNull();
      expect(await broken.decisions.requestSupplement(officer, ONLINE_ID, 'Thiếu tờ khai')).toEqual({ decision: 'supplement', form: null });
      expect(broken.decided[0]!.decision).not.toHaveProperty('form');
      expect(broken.logs).toEqual([
        'online decision form: receipt failed (PDF_RENDER_FAILED); the decision goes without it',
        'online decision form: supplement failed (PDF_RENDER_FAILED); the decision goes without it',
      ]);

      const offline = withForms({ fail: 'upload' });
      expect(await offline.decisions.requestSupplement(officer, ONLINE_ID, 'Thiếu tờ khai')).toEqual({
        decision: 'supplement',
        form: { sha256: SHA, signed: false, attached: false },
      });
      expect(offline.decided[0]!.decision).not.toHaveProperty('form');
    });
  });

  it('brings the files filed online into the counter before the code is issued, and hands the scan session on for assembly', async () => {
    const online = service(2);
    const filed = { sha256: 'a'.repeat(64), fileName: 'to-khai.pdf', mediaType: 'application/pdf', bytes: 1200 };
    const withFiles = receptionDraftSchema.parse({
      ...draft,
      components: [
        { code: 'TP01', state: 'submittedOnline', files: [filed] },
        { code: 'TP02', state: 'missing' },
      ],
    });
    await online.decisions.accept(officer, ONLINE_ID, withFiles, 'session-1');
    expect(online.kept).toEqual([{ id: ONLINE_ID, sha256s: [filed.sha256] }]);
    expect(online.received[0]).toMatchObject({ sessionId: 'session-1' });
    expect(online.received[0]!.draft.components[0]).toMatchObject({ state: 'submittedOnline', files: [filed] });
  });
});
