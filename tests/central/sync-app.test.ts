import http from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBackofficeToken } from '../../central/backoffice';
import { dossiers } from '../../central/db/schema';
import { createEnrolmentCode } from '../../central/enrolment';
import { importFile } from '../../central/imports';
import { listen } from '../../central/server';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore, type SyncOptions } from '../../electron/core/create-core';
import { ADMIN, FakeClock, khaiSinhDraft, RecordingPdfRenderer, repoRoot, SITE, tempDir, type TestCore } from '../helpers/test-core';
import { startGateway, type Gateway } from './gateway-fixture';

let gateway: Gateway;
let token: string;
const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
const cores: TestCore[] = [];
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  gateway = await startGateway();
  token = (await createBackofficeToken(gateway.database.db, 'Hệ thống một cửa tỉnh')).token;
}, 60_000);

afterEach(async () => {
  for (const t of cores.splice(0)) t.core.close();
  for (const close of closers.splice(0)) await close();
});

afterAll(async () => {
  await gateway?.close();
});

/**
 * A counter core as the app runs it, signed in as admin, site configured, holding no numbers yet.
 * Its clock is the test's (a Monday unless given): only request signatures carry the machine's
 * time, which the gateway checks against its own.
 */
async function counter(sync: SyncOptions = {}, clock = new FakeClock()): Promise<TestCore> {
  const core = await createCore({
    pdfRenderer: new RecordingPdfRenderer(),
    dataDir: tempDir(),
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock,
    hasher,
    idleSweepMs: null,
    log: () => undefined,
    sync: { timeoutMs: 5_000, engine: { backoff: { baseMs: 20, maxMs: 100 }, idleMs: 60_000 }, ...sync },
  });
  const events: TestCore['events'] = [];
  core.onEvent((clientId, event, payload) => events.push({ clientId, event, payload }));
  const call = (clientId: string, channel: never, input: unknown = {}) => core.dispatch(clientId, channel, input);
  const t: TestCore = {
    core,
    clock,
    pdf: new RecordingPdfRenderer(),
    dataDir: core.database.file.replace(/\/quay\.sqlite$/, ''),
    events,
    call,
    async must(clientId, channel, input = {}) {
      const result = await call(clientId, channel as never, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
  cores.push(t);
  await t.must('admin-window', 'app.createFirstAdmin', ADMIN);
  await t.must('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await t.must('admin-window', 'site.update', SITE);
  return t;
}

async function enrolmentCode(expectedDailyDossiers?: number): Promise<string> {
  return (await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 1', expectedDailyDossiers }))
    .code;
}

async function enrolled(sync: SyncOptions = {}, clock?: FakeClock, expectedDailyDossiers?: number): Promise<TestCore> {
  const t = await counter(sync, clock);
  await t.must('admin-window', 'sync.enroll', {
    gatewayUrl: gateway.url,
    code: await enrolmentCode(expectedDailyDossiers),
    counterName: 'Quầy 1',
  });
  return t;
}

/** A fetch the test can cut, as a commune's link drops: requests then fail as a refused connection does. */
function cuttableLink(): { fetch: typeof fetch; online: boolean } {
  const link: { fetch: typeof fetch; online: boolean } = {
    online: true,
    fetch: ((input, init) => (link.online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed')))) as typeof fetch,
  };
  return link;
}

function pendingOutbox(t: TestCore): number {
  return t.core.database.sqlite.prepare('SELECT count(*) FROM outbox WHERE acknowledged_at IS NULL').pluck().get() as number;
}

describe('a counter that is not enrolled', () => {
  it('stays idle, makes no network call, and still receives citizens', async () => {
    const calls: string[] = [];
    const t = await counter({ fetch: async (input) => (calls.push(String(input)), new Response('{}')) });
    await t.must('admin-window', 'sequence.addBlock', { first: 1, last: 50 });
    await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    const status = await t.must('admin-window', 'sync.status', {});
    expect(status).toMatchObject({ enrolled: false, state: 'stopped', pendingCommands: 1, lastError: null });
    expect(await t.call('admin-window', 'sync.now' as never, {})).toMatchObject({ ok: false, error: { code: 'SYNC_NOT_ENROLLED' } });
    expect(calls).toEqual([]);
  });
});

describe('enrolment from the admin panel', () => {
  it('explains a wrong code, an unreachable gateway and a bad URL, and keeps the counter unenrolled', async () => {
    const t = await counter();
    const wrong = await t.call('admin-window', 'sync.enroll' as never, {
      gatewayUrl: gateway.url,
      code: 'AAAAA-BBBBB-CCCCC',
      counterName: 'Quầy 1',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'SYNC_ENROLL_CODE_INVALID', message: expect.stringContaining('Mã đăng ký không đúng') },
    });
    const dead = http.createServer();
    const port = await listen(dead, 0);
    await new Promise((resolve) => dead.close(resolve));
    const down = await t.call('admin-window', 'sync.enroll' as never, {
      gatewayUrl: `http://127.0.0.1:${port}`,
      code: await enrolmentCode(),
      counterName: 'Quầy 1',
    });
    expect(down).toMatchObject({ ok: false, error: { code: 'SYNC_OFFLINE', message: expect.stringContaining('Không kết nối được') } });
    const bad = await t.call('admin-window', 'sync.enroll' as never, { gatewayUrl: 'gateway.tinh', code: 'x', counterName: 'Quầy 1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'SYNC_GATEWAY_URL_INVALID' } });
    expect(await t.must('admin-window', 'sync.status', {})).toMatchObject({ enrolled: false, state: 'stopped' });
  });

  it('refuses a code of another agency and keeps the earlier enrolment', async () => {
    const t = await enrolled();
    const before = (await t.must('admin-window', 'sync.status', {})).deviceId;
    const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: '000.00.07.H56', counterName: 'Quầy 9' });
    const answer = await t.call('admin-window', 'sync.enroll' as never, { gatewayUrl: gateway.url, code, counterName: 'Quầy 9' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'SYNC_AGENCY_MISMATCH', message: expect.stringContaining('000.00.07.H56') } });
    expect((await t.must('admin-window', 'sync.status', {})).deviceId).toBe(before);
  });
});

describe('a full pass against the real gateway', () => {
  it('leases numbers, pushes dossiers, and pulls staff, calendar and back-office statuses into the app', async () => {
    const t = await enrolled();
    const passwordHash = await hasher.hash('MatKhau2026');
    await importFile(
      gateway.database.db,
      'staff',
      JSON.stringify({
        version: 1,
        staff: [
          { username: 'canbo07', fullName: 'Trần Thị Bảy', role: 'officer', passwordHash, locked: false, agencyCode: SITE.agencyCode },
        ],
      }),
    );
    await importFile(
      gateway.database.db,
      'calendar',
      JSON.stringify({ version: 1, days: [{ date: '2026-12-31', kind: 'dayOff', name: 'Nghỉ cuối năm' }] }),
    );
    let overview = await t.must('admin-window', 'sync.now', {});
    expect(overview).toMatchObject({ enrolled: true, lastError: null, pendingCommands: 0 });
    expect(overview.lastSuccessAt).not.toBeNull();
    const numbers = await t.must('admin-window', 'sequence.status', {});
    expect(numbers.blocks.length).toBeGreaterThanOrEqual(1);
    expect(numbers.today.remaining).toBeGreaterThanOrEqual(20);

    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    expect((await t.must('admin-window', 'sync.status', {})).pendingCommands).toBe(1);
    overview = await t.must('admin-window', 'sync.now', {});
    expect(overview.pendingCommands).toBe(0);
    const [stored] = await gateway.database.db.select().from(dossiers).where(eq(dossiers.code, dossier.code));
    expect(stored).toMatchObject({ code: dossier.code, agencyCode: SITE.agencyCode });

    const posted = await fetch(`${gateway.url}/v1/backoffice/dossiers/${dossier.code}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ status: 9, note: 'Đã ký giấy khai sinh' }),
    });
    expect(posted.status).toBe(200);
    await t.must('admin-window', 'sync.now', {});
    const [found] = await t.must('admin-window', 'dossier.search', { text: dossier.code });
    expect(found.status).toBe(9);
    expect(t.core.services.calendar.calendar().holidays).toContain('2026-12-31');
    await t.must('officer-window', 'auth.signIn', { username: 'canbo07', password: 'MatKhau2026' });
    expect(t.events.some((e) => e.event === 'sync.progress')).toBe(true);
  });
});

describe('numbers for today', () => {
  it('receives on a day off: an online counter leases today’s numbers on demand, whatever the calendar says', async () => {
    const sunday = new FakeClock(new Date('2026-03-08T02:00:00.000Z'));
    const t = await enrolled({}, sunday);
    expect((await t.must('admin-window', 'sequence.status', {})).today).toMatchObject({ date: '2026-03-08', remaining: 0 });
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    expect(dossier.code).toMatch(new RegExp(`^${SITE.agencyCode}-260308-\\d{4}$`));
    // The sync pass holds today's numbers too, then the coming working days'.
    await t.must('admin-window', 'sync.now', {});
    const leased = (await t.must('admin-window', 'sequence.status', {})).blocks.map((b: { date: string }) => b.date);
    expect([...new Set(leased)].sort()).toEqual(['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11']);
  });

  it('offline on a day off, refuses with SEQUENCE_EXHAUSTED and takes an emergency block', async () => {
    const link = cuttableLink();
    const saturday = new FakeClock(new Date('2026-03-07T02:00:00.000Z'));
    const t = await enrolled({ fetch: link.fetch }, saturday);
    link.online = false;
    expect(await t.call('admin-window', 'reception.accept' as never, { draft: await khaiSinhDraft(t) })).toMatchObject({
      ok: false,
      error: { code: 'SEQUENCE_EXHAUSTED', message: expect.stringContaining('07/03/2026') },
    });
    await t.must('admin-window', 'sequence.addBlock', { date: '2026-03-07', first: 9001, last: 9010, source: 'emergency' });
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    expect(dossier.code).toBe(`${SITE.agencyCode}-260307-9001`);
  });

  it('gives a new counter the province expects 150 dossiers a day at enough numbers for that day offline after one sync', async () => {
    const link = cuttableLink();
    const t = await enrolled({ fetch: link.fetch }, new FakeClock(new Date('2026-03-16T01:00:00.000Z')), 150);
    expect(await t.must('admin-window', 'sync.now', {})).toMatchObject({ lastError: null });
    link.online = false;
    expect((await t.must('admin-window', 'sequence.status', {})).today).toMatchObject({ date: '2026-03-16', remaining: 150 });
    const draft = await khaiSinhDraft(t);
    for (let i = 0; i < 150; i += 1) {
      t.clock.advance(3 * 60_000);
      await t.must('admin-window', 'reception.accept', { draft });
    }
    expect((await t.must('admin-window', 'sequence.status', {})).today).toMatchObject({ remaining: 0 });
  }, 120_000);
});

describe('staff locks between counters', () => {
  it('carries a lock for failed sign-ins to the other counter, and an admin’s unlock back', async () => {
    const password = 'MatKhau2026';
    await importFile(
      gateway.database.db,
      'staff',
      JSON.stringify({
        version: 1,
        staff: [
          {
            username: 'canbo08',
            fullName: 'Lê Văn Tám',
            role: 'officer',
            passwordHash: await hasher.hash(password),
            locked: false,
            agencyCode: SITE.agencyCode,
          },
        ],
      }),
    );
    const [a, b] = [await enrolled(), await enrolled()];
    for (const t of [a, b]) expect(await t.must('admin-window', 'sync.now', {})).toMatchObject({ lastError: null });

    for (let attempt = 0; attempt < 5; attempt += 1)
      await a.call('officer-window', 'auth.signIn' as never, { username: 'canbo08', password: 'SaiMatKhau1' });
    // The lock and its command for the province commit together.
    const queued = a.core.database.sqlite.prepare(`SELECT kind, payload FROM outbox WHERE acknowledged_at IS NULL`).all() as {
      kind: string;
      payload: string;
    }[];
    expect(queued.map((row) => [row.kind, JSON.parse(row.payload)])).toEqual([
      ['account.locked', expect.objectContaining({ username: 'canbo08', reason: 'failedAttempts' })],
    ]);
    expect(await a.must('admin-window', 'sync.now', {})).toMatchObject({ lastError: null, pendingCommands: 0, failures: [] });

    await b.must('admin-window', 'sync.now', {});
    const refused = await b.call('officer-window', 'auth.signIn' as never, { username: 'canbo08', password });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS', message: expect.stringContaining('nhập sai mật khẩu 5 lần') },
    });

    // The admin at counter B lifts it; counter A learns on its next pull.
    const accounts = await b.must('admin-window', 'admin.listAccounts', {});
    const officer = accounts.find((account: { username: string }) => account.username === 'canbo08');
    await b.must('admin-window', 'admin.setAccountLocked', { accountId: officer.id, locked: false });
    expect(await b.must('admin-window', 'sync.now', {})).toMatchObject({ lastError: null, pendingCommands: 0, failures: [] });
    await a.must('admin-window', 'sync.now', {});
    await a.must('officer-window', 'auth.signIn', { username: 'canbo08', password });
  });
});

describe('a gateway that misbehaves', () => {
  async function answering(status: number, type: string, body: string): Promise<string> {
    const fake = http.createServer((_request, response) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    });
    const port = await listen(fake, 0);
    closers.push(() => new Promise((resolve) => fake.close(resolve)));
    return `http://127.0.0.1:${port}`;
  }

  it('shows HTML, garbage and a dead gateway as Vietnamese errors and keeps the queue', async () => {
    const html = await answering(200, 'text/html', '<html><body>Đăng nhập Wi-Fi</body></html>');
    const garbage = await answering(200, 'application/json', '{"changes": 7}');
    const redirectTo = { current: gateway.url };
    const t = await enrolled({ fetch: (input, init) => fetch(String(input).replace(gateway.url, redirectTo.current), init) });
    await t.must('admin-window', 'sync.now', {});
    await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    for (const [target, code, words] of [
      // Neither carries the gateway's signature over the answer (issue 17 finding 1).
      [html, 'SYNC_RESPONSE_UNAUTHENTICATED', 'Hồ sơ vẫn'],
      [garbage, 'SYNC_RESPONSE_UNAUTHENTICATED', 'Hồ sơ vẫn'],
      ['http://127.0.0.1:9', 'SYNC_OFFLINE', 'Hồ sơ vẫn được lưu'],
    ] as const) {
      redirectTo.current = target;
      const overview = await t.must('admin-window', 'sync.now', {});
      expect(overview.lastError).toMatchObject({ code, message: expect.stringContaining(words) });
      expect(overview.pendingCommands).toBe(1);
      expect(pendingOutbox(t)).toBe(1);
    }
    redirectTo.current = gateway.url;
    expect(await t.must('admin-window', 'sync.now', {})).toMatchObject({ lastError: null, pendingCommands: 0 });
  });

  it('tells the officer to fix the PC clock when the gateway finds the signature outside its window', async () => {
    const skewed: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      if (headers.has('x-timestamp')) headers.set('x-timestamp', String(Number(headers.get('x-timestamp')) - 20 * 60_000));
      return fetch(input, { ...init, headers });
    };
    const t = await enrolled({ fetch: skewed });
    const overview = await t.must('admin-window', 'sync.now', {});
    expect(overview.lastError).toMatchObject({ code: 'SYNC_CLOCK_SKEW', message: expect.stringContaining('chỉnh lại ngày giờ của máy') });
    expect(overview.failures).toEqual([]);
  });

  it('lists a refused command with its reason and retries it on request', async () => {
    const t = await enrolled();
    await t.must('admin-window', 'sync.now', {});
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    // Another counter's dossier already holds this code on the gateway.
    await gateway.database.db.insert(dossiers).values({
      code: dossier.code,
      agencyCode: SITE.agencyCode,
      deviceId: (await t.must('admin-window', 'sync.status', {})).deviceId,
      status: 2,
      view: {},
    });
    const overview = await t.must('admin-window', 'sync.now', {});
    expect(overview.failures).toEqual([
      expect.objectContaining({ kind: 'dossier.received', dossierCode: dossier.code, lastError: 'DOSSIER_EXISTS', attempts: 1 }),
    ]);
    await gateway.database.db.delete(dossiers).where(eq(dossiers.code, dossier.code));
    const retried = await t.must('admin-window', 'sync.retryItem', { commandId: overview.failures[0].id });
    expect(retried).toMatchObject({ failures: [], pendingCommands: 0 });
    expect(await t.call('admin-window', 'sync.retryItem' as never, { commandId: overview.failures[0].id })).toMatchObject({
      ok: false,
      error: { code: 'SYNC_ITEM_NOT_FOUND' },
    });
  });
});
