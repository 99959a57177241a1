import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../shared/i18n/vi';
import { CITIZEN, MINUTE, startReception, startWithAdmin } from '../helpers/test-core';

/** Issue 17 finding 10: background polling kept the core's idle lock from firing; personal-data reads went unaudited. */
describe('idle lock with the sync status polled (finding 10)', () => {
  it('locks an idle session although the status bar asks for sync.status every 20 s', async () => {
    const t = await startWithAdmin();
    for (let elapsed = 0; elapsed < 11 * MINUTE; elapsed += 20_000) {
      t.clock.advance(20_000);
      await t.call('admin-window', 'sync.status');
    }
    t.core.services.auth.sweepIdle();
    expect(await t.call('admin-window', 'health.info')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });
});

describe('reads of personal data (finding 10)', () => {
  it('are in the audit log with who read what', async () => {
    const t = await startReception();
    await t.must('admin-window', 'reception.knownParty', { kind: 'citizen', identifier: CITIZEN.idNumber });
    await t.must('admin-window', 'dossier.search', { text: 'Nguyễn Thị' });
    await t.must('admin-window', 'pages.reusable', { ownerIdNumber: CITIZEN.idNumber });
    await t.call('admin-window', 'pages.image', { pageId: 'no-such-page' });
    const entries = (await t.must('admin-window', 'audit.list', { limit: 20 })) as {
      action: string;
      subject: string | null;
      actorUsername: string;
    }[];
    const reads = entries.filter((e) => e.action === 'personalData.read').map((e) => e.subject);
    expect(reads).toEqual(expect.arrayContaining([CITIZEN.idNumber, 'Nguyễn Thị', 'no-such-page']));
    expect(reads.filter((s) => s === CITIZEN.idNumber)).toHaveLength(2);
    expect(entries.find((e) => e.action === 'personalData.read')?.actorUsername).toBe('quantri');
  });

  it('are limited per account, with a Vietnamese message, and allowed again once the window has passed', async () => {
    const t = await startReception();
    let refused: Awaited<ReturnType<typeof t.call>> | null = null;
    for (let i = 0; i < 200 && !refused; i++) {
      const result = await t.call('admin-window', 'reception.knownParty', {
        kind: 'citizen',
        identifier: `0381900${String(i).padStart(5, '0')}`,
      });
      if (!result.ok) refused = result;
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'PERSONAL_DATA_RATE_LIMITED' } });
    expect(refused!.ok === false && refused!.error.message).toBe(errorMessage('PERSONAL_DATA_RATE_LIMITED', { seconds: 60 }));
    t.clock.advance(MINUTE);
    expect((await t.call('admin-window', 'reception.knownParty', { kind: 'citizen', identifier: CITIZEN.idNumber })).ok).toBe(true);
  });
});
