import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../central/imports';
import { createEnrolmentCode } from '../../central/enrolment';
import { AccountsRepository } from '../../db/repositories/accounts-repository';
import { CalendarRepository } from '../../db/repositories/calendar-repository';
import { CatalogRepository } from '../../db/repositories/catalog-repository';
import { DossierRepository } from '../../db/repositories/dossier-repository';
import { SettingsRepository } from '../../db/repositories/settings-repository';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore, type SyncOptions } from '../../electron/core/create-core';
import { newId } from '../../electron/core/platform/uuid-ids';
import { normalizeGatewayUrl } from '../../electron/core/sync';
import { PullApplier } from '../../electron/core/sync/pull-applier';
import type { Change } from '../../shared/sync/protocol';
import { ADMIN, FakeClock, RecordingPdfRenderer, repoRoot, SITE, tempDir } from '../helpers/test-core';
import { startGateway, type Gateway } from '../central/gateway-fixture';
import { makeTestCa, type TestCa } from '../peers/test-ca';
import { fetchTrusting, startTlsTerminator } from '../peers/tls-terminator';

/**
 * Issue 17 finding 1: whoever sits on the network path (a rogue Wi-Fi, a proxy holding a certificate
 * the PC trusts) must not be able to take over a counter: plain http is refused, every answer is
 * checked against the gateway's MAC, and the feed never makes an admin.
 */
const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
let gateway: Gateway;
let ca: TestCa;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  gateway = await startGateway({ trustedProxies: ['127.0.0.1'] });
  ca = makeTestCa(tempDir('quay-ca-'));
  const passwordHash = await hasher.hash('MatKhau2026');
  const staff = [
    { username: 'canbo07', fullName: 'Trần Thị Bảy', role: 'officer', passwordHash, locked: false, agencyCode: SITE.agencyCode },
  ];
  await importFile(gateway.database.db, 'staff', JSON.stringify({ version: 1, staff }));
}, 120_000);
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(() => gateway?.close());

async function counter(sync: SyncOptions) {
  const core = await createCore({
    pdfRenderer: new RecordingPdfRenderer(),
    dataDir: tempDir(),
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock: new FakeClock(),
    hasher,
    idleSweepMs: null,
    log: () => undefined,
    sync: { timeoutMs: 10_000, engine: { backoff: { baseMs: 20, maxMs: 100 }, idleMs: 60_000 }, ...sync },
  });
  closers.push(() => core.close());
  const must = async (channel: string, input: unknown = {}) => {
    const result = await core.dispatch('admin-window', channel as never, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value as any;
  };
  await must('app.createFirstAdmin', ADMIN);
  await must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await must('site.update', SITE);
  const accounts = () => core.database.sqlite.prepare('SELECT username, role, password_hash AS hash FROM accounts ORDER BY username').all();
  return { core, must, accounts };
}

const code = async () => (await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 1' })).code;

describe('finding 1: https only', () => {
  it('refuses a plain-http gateway address unless it is this machine', () => {
    for (const url of ['http://gateway.thanhhoa.gov.vn', 'http://10.0.0.5:8080', 'http://[fe80::1]']) {
      expect(() => normalizeGatewayUrl(url)).toThrow(expect.objectContaining({ code: 'SYNC_GATEWAY_URL_INSECURE' }));
    }
    try {
      normalizeGatewayUrl('http://gateway.thanhhoa.gov.vn');
    } catch (error) {
      expect((error as Error).message).toContain('https://');
    }
    expect(normalizeGatewayUrl('https://gateway.thanhhoa.gov.vn/')).toBe('https://gateway.thanhhoa.gov.vn');
    expect(normalizeGatewayUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(normalizeGatewayUrl('http://localhost:8080')).toBe('http://localhost:8080');
  });
});

describe('finding 1: through a TLS terminator with a CA made in the test', () => {
  it('enrols, pulls and signs an officer in through https when the CA is trusted, and not when it is unknown', async () => {
    const terminator = await startTlsTerminator({ key: ca.serverKeyPem, cert: ca.serverCertPem, upstreamPort: gateway.port });
    closers.push(() => terminator.close());

    const untrusting = await counter({});
    const refused = await untrusting.core.dispatch('admin-window', 'sync.enroll' as never, {
      gatewayUrl: terminator.url,
      code: await code(),
      counterName: 'Quầy 1',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SYNC_OFFLINE' } });

    const t = await counter({ fetch: fetchTrusting(ca.caPem) });
    await t.must('sync.enroll', { gatewayUrl: terminator.url, code: await code(), counterName: 'Quầy 1' });
    const overview = await t.must('sync.now');
    expect(overview).toMatchObject({ enrolled: true, lastError: null, gatewayUrl: terminator.url });
    expect(t.accounts()).toContainEqual(expect.objectContaining({ username: 'canbo07', role: 'officer' }));
    const signIn = await t.core.dispatch('officer-window', 'auth.signIn' as never, { username: 'canbo07', password: 'MatKhau2026' });
    expect(signIn.ok).toBe(true);
  });

  it('refuses a pull answer a man in the middle rewrote to add an admin, and keeps its accounts as they were', async () => {
    const attackerHash = await hasher.hash('chiemquyen');
    const rewrote: string[] = [];
    const mitm = await startTlsTerminator({
      key: ca.serverKeyPem,
      cert: ca.serverCertPem,
      upstreamPort: gateway.port,
      rewrite: (request, body) => {
        if (!request.url.startsWith('/v1/pull')) return body;
        const page = JSON.parse(body.toString('utf8'));
        page.changes.push({
          kind: 'staff',
          key: 'kethu',
          data: {
            username: 'kethu',
            fullName: 'Kẻ Thù',
            role: 'admin',
            passwordHash: attackerHash,
            locked: false,
            agencyCode: SITE.agencyCode,
          },
        });
        rewrote.push(request.url);
        return Buffer.from(JSON.stringify(page));
      },
    });
    closers.push(() => mitm.close());
    const t = await counter({ fetch: fetchTrusting(ca.caPem) });
    const before = t.accounts();
    await t.must('sync.enroll', { gatewayUrl: mitm.url, code: await code(), counterName: 'Quầy 1' });
    const overview = await t.must('sync.now');
    expect(rewrote.length).toBeGreaterThan(0);
    expect(overview.lastError).toMatchObject({ code: 'SYNC_RESPONSE_UNAUTHENTICATED', message: expect.stringContaining('chữ ký') });
    expect(t.accounts()).toEqual(before);
    const signIn = await t.core.dispatch('admin-window', 'auth.signIn' as never, { username: 'kethu', password: 'chiemquyen' });
    expect(signIn.ok).toBe(false);
  });
});

describe('finding 1: the feed never grants admin', () => {
  it('skips a staff change with role admin and never touches a local admin, even in a page the gateway signed', async () => {
    const t = await counter({});
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
    const before = t.accounts();
    const staff = (username: string, role: 'admin' | 'officer' | 'supervisor'): Change => ({
      kind: 'staff',
      key: username,
      data: {
        username,
        fullName: 'Ai Đó',
        role,
        passwordHash: 'scrypt$1024$8$1$AAAA$BBBB',
        locked: true,
        agencyCode: SITE.agencyCode,
        mustChangePassword: false,
      },
    });
    const page = applier.applyPage(
      [staff('kethu', 'admin'), staff(ADMIN.username, 'officer'), staff(ADMIN.username, 'admin')],
      '9',
      '2026-03-02T02:00:00.000Z',
    );
    expect(page).toMatchObject({ applied: 0, lockedAccountIds: [] });
    expect(t.accounts()).toEqual(before);
    expect(applier.applyPage([staff('canbo08', 'supervisor')], '10', '2026-03-02T02:00:00.000Z').applied).toBe(1);
    expect(t.accounts()).toContainEqual(expect.objectContaining({ username: 'canbo08', role: 'supervisor' }));
  });
});
