import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appliedCommands, dossierEvents, dossiers } from '../../central/db/schema';
import { createEnrolmentCode, revokeDevice } from '../../central/enrolment';
import { listen } from '../../central/server';
import { backoffDelay, createSync, FileCredentialStore, GatewayClient } from '../../electron/core/sync';
import { canonicalResponse } from '../../shared/sync/response-signature';
import { khaiSinhDraft, SITE, startReception, tempDir, type TestCore } from '../helpers/test-core';
import { FlakyProxy } from '../peers/flaky-proxy';
import { startGateway, type Gateway } from './gateway-fixture';

let gateway: Gateway;
const cores: TestCore[] = [];
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  gateway = await startGateway();
}, 60_000);

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const t of cores.splice(0)) t.core.close();
});

afterAll(async () => {
  await gateway?.close();
});

/** A counter core with `dossiers` accepted, enrolled with the gateway (directly or through `url`). */
let nextBlock = 1;

async function counter(dossierCount: number, url = gateway.url) {
  // Every counter of this file sends to one gateway under one agency: each gets its own numbers.
  const t = await startReception({ block: [nextBlock, nextBlock + 49] });
  nextBlock += 50;
  cores.push(t);
  for (let i = 0; i < dossierCount; i += 1) await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
  const sync = createSync({
    database: t.core.database,
    dataDir: t.dataDir,
    clock: t.clock,
    timeoutMs: 5_000,
    engine: { batchSize: 4, backoff: { baseMs: 20, maxMs: 200 }, idleMs: 50 },
  });
  const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 1' });
  await sync.client.enroll(url, code, 'Quầy 1');
  return { t, ...sync };
}

function outboxRows(t: TestCore): { kind: string; acknowledged_at: string | null; attempts: number; last_error: string | null }[] {
  return t.core.database.sqlite.prepare('SELECT kind, acknowledged_at, attempts, last_error FROM outbox ORDER BY seq').all() as never;
}

async function gatewayCount(codes: string[]): Promise<number[]> {
  return Promise.all(
    codes.map(async (code) => (await gateway.database.db.select({ n: count() }).from(dossiers).where(eq(dossiers.code, code)))[0]!.n),
  );
}

function codesOf(t: TestCore): string[] {
  return t.core.database.sqlite.prepare('SELECT code FROM dossiers ORDER BY code').pluck().all() as string[];
}

describe('pushing the outbox of a real counter core', () => {
  it('sends every accepted dossier in small batches and acknowledges each after the answer', async () => {
    const { t, engine } = await counter(6);
    expect(outboxRows(t).every((r) => r.acknowledged_at === null)).toBe(true);
    expect(await engine.pushOnce()).toEqual({ acknowledged: 6, rejected: 0, heldBack: 0 });
    expect(outboxRows(t).every((r) => r.acknowledged_at !== null)).toBe(true);
    expect(await gatewayCount(codesOf(t))).toEqual([1, 1, 1, 1, 1, 1]);
    const [stored] = await gateway.database.db
      .select()
      .from(dossiers)
      .where(eq(dossiers.code, codesOf(t)[0]!));
    expect(stored?.view).toMatchObject({ code: codesOf(t)[0], owner: { fullName: 'Nguyễn Thị Hồng Nhung' } });
    expect(await engine.pushOnce()).toEqual({ acknowledged: 0, rejected: 0, heldBack: 0 });
  });

  it('keeps the credential in a 0600 file', async () => {
    const { t, client } = await counter(0);
    const file = path.join(t.dataDir, 'device-credential.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(client.credential()).toMatchObject({ gatewayUrl: gateway.url, agencyCode: SITE.agencyCode });
  });

  it('leaves the outbox pending when the link drops mid-batch, then completes with each dossier once', async () => {
    const proxy = await FlakyProxy.start(gateway.port);
    closers.push(() => proxy.close());
    const { t, engine, client } = await counter(9, proxy.url);
    const applied = async () =>
      (
        await gateway.database.db
          .select({ n: count() })
          .from(appliedCommands)
          .where(eq(appliedCommands.deviceId, client.credential()!.deviceId))
      )[0]!.n;
    // The gateway applies the first batch but its answer is lost half way back (the file uploads before it go through).
    proxy.cutAfter('response', 40, { path: /^\/v1\/commands$/ });
    await expect(engine.pushOnce()).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
    expect(await applied()).toBe(4);
    expect(outboxRows(t).every((r) => r.acknowledged_at === null)).toBe(true);
    // The next request never arrives whole.
    proxy.cutAfter('request', 300, { path: /^\/v1\/commands$/ });
    await expect(engine.pushOnce()).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
    expect(await applied()).toBe(4);
    expect(outboxRows(t).every((r) => r.acknowledged_at === null)).toBe(true);
    proxy.heal();
    expect(await engine.pushOnce()).toEqual({ acknowledged: 9, rejected: 0, heldBack: 0 });
    expect(proxy.cutsMade).toBe(2);
    expect(await gatewayCount(codesOf(t))).toEqual(codesOf(t).map(() => 1));
    const events = await Promise.all(
      codesOf(t).map((code) => gateway.database.db.select().from(dossierEvents).where(eq(dossierEvents.dossierCode, code))),
    );
    expect(events.map((rows) => rows.length)).toEqual(codesOf(t).map(() => 1));
  });

  it('keeps a refused command with its reason and still sends other dossiers, in order', async () => {
    const { t, engine } = await counter(5);
    const [first] = codesOf(t);
    // Another counter already sent this dossier code, so the gateway refuses this reception.
    const rival = await gateway.database.db.select().from(appliedCommands).limit(1);
    await gateway.database.db
      .insert(dossiers)
      .values({ code: first!, agencyCode: SITE.agencyCode, deviceId: rival[0]!.deviceId, status: 2, view: {} });
    const dossierId = t.core.database.sqlite.prepare('SELECT id FROM dossiers WHERE code = ?').pluck().get(first) as string;
    t.clock.advance(3 * 24 * 3600_000);
    await t.must('admin-window', 'auth.unlockScreen', { password: 'QuanTri2026' });
    // Recorded by the return room alone: the IPC return would push at once (issue 14 §1), and this test drives the engine itself.
    const officer = t.core.database.sqlite
      .prepare("SELECT id AS accountId, username, full_name AS fullName FROM accounts WHERE role = 'admin'")
      .get() as {
      accountId: string;
      username: string;
      fullName: string;
    };
    t.core.services.returns.markReturned(officer, {
      dossierId,
      collectorName: 'Nguyễn Thị Hồng Nhung',
      collectorIdNumber: null,
      note: '',
      confirmUnsettled: { reason: 'Trả theo đề nghị của người dân' },
    });
    // Batches of 4: the return lands in the second batch and waits for its dossier's reception.
    expect(await engine.pushOnce()).toEqual({ acknowledged: 4, rejected: 1, heldBack: 1 });
    const rows = outboxRows(t);
    expect(rows.filter((r) => r.acknowledged_at === null).map((r) => [r.kind, r.attempts, r.last_error])).toEqual([
      ['dossier.received', 1, 'DOSSIER_EXISTS'],
      ['dossier.resultReturned', 0, null],
    ]);
  });
});

describe('failures the counter explains', () => {
  it('maps HTML, garbage, gateway errors, a dead port and a revoked device to SYNC_* codes, queue intact', async () => {
    const { t, client, engine } = await counter(2);
    const credential = client.credential()!;
    // A captive portal cannot sign its page (issue 17 finding 1); a gateway's own nonsense is signed and still refused.
    const answers: { status: number; type: string; body: string; signed: boolean }[] = [
      { status: 200, type: 'text/html', body: '<html><body>Đăng nhập Wi-Fi</body></html>', signed: false },
      { status: 200, type: 'application/json', body: '{"results": "all good"}', signed: true },
      { status: 502, type: 'text/html', body: '<h1>Bad Gateway</h1>', signed: false },
      { status: 500, type: 'application/json', body: '{"error": {"code": "INTERNAL", "message": "x"}}', signed: true },
    ];
    const fake = http.createServer((request, response) => {
      const answer = answers.shift()!;
      const signature = createHmac('sha256', credential.secret)
        .update(
          canonicalResponse({
            status: answer.status,
            nonce: String(request.headers['x-nonce']),
            bodySha256: createHash('sha256').update(answer.body).digest('hex'),
          }),
        )
        .digest('hex');
      response.writeHead(answer.status, { 'content-type': answer.type, ...(answer.signed ? { 'x-response-signature': signature } : {}) });
      response.end(answer.body);
    });
    const port = await listen(fake, 0);
    closers.push(() => new Promise((resolve) => fake.close(resolve)));
    const store = new FileCredentialStore(path.join(t.dataDir, 'device-credential.json'));
    store.save({ ...credential, gatewayUrl: `http://127.0.0.1:${port}` });
    for (const code of ['SYNC_RESPONSE_UNAUTHENTICATED', 'SYNC_GATEWAY_GARBAGE', 'SYNC_GATEWAY_ERROR', 'SYNC_GATEWAY_ERROR']) {
      await expect(engine.pushOnce()).rejects.toMatchObject({ code });
    }
    const dead = http.createServer();
    const deadPort = await listen(dead, 0);
    await new Promise((resolve) => dead.close(resolve));
    store.save({ ...credential, gatewayUrl: `http://127.0.0.1:${deadPort}` });
    await expect(engine.pushOnce()).rejects.toMatchObject({ code: 'SYNC_OFFLINE', message: expect.stringContaining('Hồ sơ vẫn được lưu') });
    store.save(credential);
    await revokeDevice(gateway.database.db, credential.deviceId);
    await expect(engine.pushOnce()).rejects.toMatchObject({ code: 'SYNC_DEVICE_REVOKED' });
    expect(outboxRows(t).map((r) => r.acknowledged_at)).toEqual([null, null]);
  });

  it('maps clock skew and enrolment code problems', async () => {
    const { t, client } = await counter(1);
    const skewed = new GatewayClient({
      credentials: new FileCredentialStore(path.join(t.dataDir, 'device-credential.json')),
      now: () => new Date(Date.now() - 10 * 60_000),
    });
    await expect(
      skewed.push([{ id: '0190a5c8-0000-7000-8000-000000000000', kind: 'dossier.received', dossierCode: 'x', payload: {} }]),
    ).rejects.toMatchObject({ code: 'SYNC_CLOCK_SKEW', message: expect.stringMatching(/giờ máy chủ: \d{4}-/) });
    await expect(client.enroll(gateway.url, 'AAAAA-BBBBB-CCCCC', 'Quầy 9')).rejects.toMatchObject({ code: 'SYNC_ENROLL_CODE_INVALID' });
    await expect(client.enroll('ftp://example', 'x', 'Quầy 9')).rejects.toMatchObject({ code: 'SYNC_GATEWAY_URL_INVALID' });
    const fresh = new GatewayClient({ credentials: new FileCredentialStore(path.join(tempDir(), 'cred.json')) });
    await expect(fresh.push([])).rejects.toMatchObject({ code: 'SYNC_NOT_ENROLLED' });
  });
});

describe('the background loop', () => {
  it('backs off exponentially with jitter, capped', () => {
    const policy = { baseMs: 1000, maxMs: 8000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('starts without blocking, retries while the gateway is unreachable and drains once it is back', async () => {
    const proxy = await FlakyProxy.start(gateway.port);
    closers.push(() => proxy.close());
    const { t, engine } = await counter(3, proxy.url);
    proxy.cutAfter('request', 0);
    engine.start();
    expect(engine.status().state).not.toBe('stopped');
    await expect.poll(() => engine.status().failures, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    expect(engine.status().lastError?.code).toBe('SYNC_OFFLINE');
    expect(outboxRows(t).every((r) => r.acknowledged_at === null)).toBe(true);
    proxy.heal();
    await expect.poll(() => outboxRows(t).every((r) => r.acknowledged_at !== null), { timeout: 5_000 }).toBe(true);
    await engine.stop();
    expect(engine.status().state).toBe('stopped');
    expect(await gatewayCount(codesOf(t))).toEqual([1, 1, 1]);
  });
});
