import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OnlineQueueService, type ProvinceOnlineDossiers } from '../../../../electron/core/online/online-queue';
import { defaultCalendar } from '../../../../shared/domain/working-time';
import { fromVietnamLocal } from '../../../../shared/domain/vietnam-time';
import { AppError } from '../../../../shared/ipc/result';
import type { RemoteOnlineDossier } from '../../../../shared/online/online-queue-protocol';

const dossier = (id: string, deadline: string, submittedLocal: string): RemoteOnlineDossier => ({
  id,
  channel: 2,
  procedureCode: '1.001193.000.00.00.H56',
  submittedAt: fromVietnamLocal(submittedLocal).toISOString(),
  deadline,
  applicantName: id,
  claimedBy: null,
});

/** Files checked on arrival (electron/core/signing/arrival-verifier.ts), in order. */
const arrivals: string[] = [];

/** The counter's file store, in memory. */
class MemoryFiles {
  readonly stored = new Map<string, Uint8Array>();
  has = (sha256: string) => this.stored.has(sha256);
  put = (bytes: Uint8Array) => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.stored.set(sha256, bytes);
    return { sha256, bytes: bytes.byteLength };
  };
  read = (sha256: string) => this.stored.get(sha256)!;
}

function queue(province: Partial<ProvinceOnlineDossiers>, nowLocal: string, files = new MemoryFiles(), audited: unknown[][] = []) {
  return new OnlineQueueService({
    province: {
      enrolled: () => true,
      listOnlineDossiers: async () => [],
      claimOnlineDossier: async () => ({ until: '', channel: 2, submission: {}, files: [] }),
      onlineDossierFile: async () => new Uint8Array(),
      ...province,
    },
    clock: { now: () => fromVietnamLocal(nowLocal) },
    calendar: () => defaultCalendar(),
    files,
    audit: { record: (...entry: unknown[]) => void audited.push(entry) },
    arrived: async (sha256) => void arrivals.push(sha256),
  });
}

describe('OnlineQueueService (issue 15 §1)', () => {
  it('lists by deadline with the count, each with its working time left and colour at the counter’s clock', async () => {
    const remote = [
      dossier('late', '2026-03-09T11:30', '2026-03-06T17:20'),
      dossier('overdue', '2026-03-06T15:00', '2026-03-06T10:00'),
      dossier('early', '2026-03-09T11:15', '2026-03-06T16:45'),
    ];
    const listed = await queue({ listOnlineDossiers: async () => remote }, '2026-03-09T09:20').list();
    expect(listed.online).toBe(true);
    expect(listed.count).toBe(3);
    expect(listed.dossiers.map((d) => [d.id, d.sla.workingMinutesLeft, d.sla.colour])).toEqual([
      ['overdue', 0, 'red'],
      ['early', 115, 'orange'],
      ['late', 130, 'green'],
    ]);
  });

  it('keeps a Friday-evening dossier green over the weekend', async () => {
    const remote = [dossier('late', '2026-03-09T11:30', '2026-03-06T17:20')];
    const listed = await queue({ listOnlineDossiers: async () => remote }, '2026-03-07T10:00').list();
    expect(listed.dossiers[0]!.sla).toEqual({ deadline: '2026-03-09T11:30', workingMinutesLeft: 240, overdue: false, colour: 'green' });
  });

  it('says so when the counter is not enrolled or the province cannot be reached, and passes a refusal on', async () => {
    expect(await queue({ enrolled: () => false }, '2026-03-09T09:00').list()).toEqual({
      online: false,
      reason: 'notEnrolled',
      message: null,
      count: 0,
      dossiers: [],
    });
    const offline = await queue(
      {
        listOnlineDossiers: async () => {
          throw new AppError('SYNC_OFFLINE');
        },
      },
      '2026-03-09T09:00',
    ).list();
    expect(offline).toMatchObject({ online: false, reason: 'offline', count: 0 });
    const refused = queue(
      {
        listOnlineDossiers: async () => {
          throw new AppError('SYNC_NOT_ENROLLED');
        },
      },
      '2026-03-09T09:00',
    );
    await expect(refused.list()).rejects.toMatchObject({ code: 'SYNC_NOT_ENROLLED' });
  });

  it('fetches a filed file from the gateway once, keeps it for accepting, and audits every view', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7 tờ khai');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const asked: string[] = [];
    const files = new MemoryFiles();
    const audited: unknown[][] = [];
    const online = queue(
      {
        onlineDossierFile: async (id, sha) => {
          asked.push(`${id}/${sha}`);
          return pdf;
        },
      },
      '2026-03-09T09:00',
      files,
      audited,
    );
    const officer = { accountId: 'acc-1', username: 'lan.nt' };
    expect(await online.file(officer, 'od-1', sha256)).toEqual(pdf);
    expect(await online.file(officer, 'od-1', sha256)).toEqual(pdf);
    await online.keepFiles('od-1', [sha256, sha256]);
    expect(asked).toEqual([`od-1/${sha256}`]);
    expect(arrivals).toEqual([sha256]);
    expect(files.has(sha256)).toBe(true);
    expect(audited).toHaveLength(2);
    expect(audited[0]).toEqual([{ accountId: 'acc-1', username: 'lan.nt' }, 'dossier.fileViewed', 'online:od-1', { sha256 }]);

    const offline = queue({ enrolled: () => false }, '2026-03-09T09:00');
    await expect(offline.keepFiles('od-1', [sha256])).rejects.toMatchObject({ code: 'SYNC_NOT_ENROLLED' });
  });
});
