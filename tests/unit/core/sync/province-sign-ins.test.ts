import { afterEach, describe, expect, it } from 'vitest';
import { AccountsRepository } from '../../../../db/repositories/accounts-repository';
import { CalendarRepository } from '../../../../db/repositories/calendar-repository';
import { CatalogRepository } from '../../../../db/repositories/catalog-repository';
import { DossierRepository } from '../../../../db/repositories/dossier-repository';
import { SettingsRepository } from '../../../../db/repositories/settings-repository';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../../../electron/core/accounts/scrypt-password-hasher';
import { newId } from '../../../../electron/core/platform/uuid-ids';
import { PullApplier } from '../../../../electron/core/sync/pull-applier';
import type { Change } from '../../../../shared/sync/protocol';
import { startReception, type TestCore } from '../../../helpers/test-core';

/**
 * Issue 14 point 5: the one-year inactivity lock counts sign-ins anywhere in the province. Counters
 * publish each officer sign-in; the account's staff change carries the province's latest sign-in and
 * its creation, so an account pulled today is as old as the province knows it.
 */
const cores: TestCore[] = [];
afterEach(() => {
  for (const t of cores.splice(0)) t.core.close();
});

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

const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
const PULLED_AT = '2026-03-02T01:00:00.000Z';

async function officer(data: { createdAt?: string; lastSignInAt?: string }): Promise<Change> {
  return {
    kind: 'staff',
    key: 'canbo07',
    data: {
      username: 'canbo07',
      fullName: 'Trần Thị Bảy',
      role: 'officer',
      passwordHash: await hasher.hash('MatKhau2026'),
      locked: false,
      agencyCode: '000.00.06.H56',
      mustChangePassword: false,
      ...data,
    },
  };
}

const signIn = (t: TestCore) => t.call('officer-window', 'auth.signIn', { username: 'canbo07', password: 'MatKhau2026' });

describe('sign-ins counted across the province', () => {
  it('locks an account pulled today whose last sign-in anywhere is over a year old', async () => {
    const { t, applier } = await counter();
    applier.applyPage([await officer({ createdAt: '2023-01-10T02:00:00.000Z', lastSignInAt: '2024-12-01T02:00:00.000Z' })], '1', PULLED_AT);
    expect(await signIn(t)).toMatchObject({ ok: false, error: { code: 'AUTH_ACCOUNT_LOCKED_INACTIVE' } });
  });

  it('lets in an officer who signed in at another counter this year, though not here for over a year', async () => {
    const { t, applier } = await counter();
    applier.applyPage([await officer({ createdAt: '2023-01-10T02:00:00.000Z', lastSignInAt: '2024-12-01T02:00:00.000Z' })], '1', PULLED_AT);
    applier.applyPage([await officer({ createdAt: '2023-01-10T02:00:00.000Z', lastSignInAt: '2026-02-20T02:00:00.000Z' })], '2', PULLED_AT);
    expect(await signIn(t)).toMatchObject({ ok: true });
  });

  it('publishes an officer’s sign-in through the outbox, never an admin’s', async () => {
    const { t, applier } = await counter();
    applier.applyPage([await officer({ createdAt: '2026-01-10T02:00:00.000Z' })], '1', PULLED_AT);
    expect(await signIn(t)).toMatchObject({ ok: true });
    const rows = t.core.database.sqlite.prepare(`SELECT kind, payload FROM outbox WHERE kind = 'account.signedIn'`).all() as {
      payload: string;
    }[];
    expect(rows.map((r) => JSON.parse(r.payload))).toEqual([{ username: 'canbo07', at: PULLED_AT }]);
  });
});
