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

function queue(province: Partial<ProvinceOnlineDossiers>, nowLocal: string) {
  return new OnlineQueueService({
    province: {
      enrolled: () => true,
      listOnlineDossiers: async () => [],
      claimOnlineDossier: async () => ({ until: '', channel: 2, submission: {} }),
      ...province,
    },
    clock: { now: () => fromVietnamLocal(nowLocal) },
    calendar: () => defaultCalendar(),
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
});
