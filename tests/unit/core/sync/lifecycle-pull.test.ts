import { afterEach, describe, expect, it } from 'vitest';
import { AccountsRepository } from '../../../../db/repositories/accounts-repository';
import { CalendarRepository } from '../../../../db/repositories/calendar-repository';
import { CatalogRepository } from '../../../../db/repositories/catalog-repository';
import { DossierRepository } from '../../../../db/repositories/dossier-repository';
import { SettingsRepository } from '../../../../db/repositories/settings-repository';
import { newId } from '../../../../electron/core/platform/uuid-ids';
import { PullApplier } from '../../../../electron/core/sync/pull-applier';
import type { Change } from '../../../../shared/sync/protocol';
import { khaiSinhDraft, startReception, type TestCore } from '../../../helpers/test-core';

/** A lifecycle event recorded at another counter of the agency, as the pull feed brings it (issue 14 §2). */
const cores: TestCore[] = [];
afterEach(() => {
  for (const t of cores.splice(0)) t.core.close();
});

const AT = '2026-03-02T03:00:00.000Z';

async function counter(): Promise<{ t: TestCore; applier: PullApplier }> {
  const t = await startReception();
  cores.push(t);
  const { db, sqlite } = t.core.database;
  const applier = new PullApplier({
    catalog: new CatalogRepository(db, newId),
    calendar: new CalendarRepository(db),
    accounts: new AccountsRepository(db),
    dossiers: new DossierRepository(db),
    settings: new SettingsRepository(db),
    newId,
    transaction: (work) => sqlite.transaction(work).immediate(),
  });
  return { t, applier };
}

function apology(code: string, id: string, newDueLocal: string): Change {
  return {
    kind: 'dossierLifecycle',
    key: id,
    data: {
      code,
      status: 2,
      dueLocal: newDueLocal,
      event: {
        id,
        type: 'apologyIssued',
        status: 2,
        at: AT,
        actorName: 'Cán bộ quầy B',
        payload: { reason: 'Chờ xác minh', dueBefore: '2026-03-02T17:00', newDueLocal },
      },
    },
  };
}

describe('a lifecycle event from the feed', () => {
  it('joins the history once and moves the status and due date, a page applied twice changing nothing', async () => {
    const { t, applier } = await counter();
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    const change = apology(dossier.code, '0190a5c8-0000-7000-8000-0000000000c1', '2026-03-06T16:00');
    expect(applier.applyPage([change], '7', AT).applied).toBe(1);
    expect(applier.applyPage([change], '7', AT).applied).toBe(0);
    const [found] = await t.must('admin-window', 'dossier.search', { text: dossier.code });
    expect(found).toMatchObject({ status: 2, dueLocal: '2026-03-06T16:00' });
    const history = await t.must('admin-window', 'dossier.history', { id: dossier.id });
    expect(history.map((e: { type: string; actorName: string }) => [e.type, e.actorName])).toEqual([
      ['received', expect.any(String)],
      ['apologyIssued', 'Cán bộ quầy B'],
    ]);
  });

  it('is skipped for a dossier this counter does not hold, the cursor moving on', async () => {
    const { applier } = await counter();
    expect(
      applier.applyPage([apology('000.00.06.H56-260302-0999', '0190a5c8-0000-7000-8000-0000000000c2', '2026-03-06T16:00')], '8', AT)
        .applied,
    ).toBe(0);
    expect(applier.cursor()).toBe('8');
  });
});
