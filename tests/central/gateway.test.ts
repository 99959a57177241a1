import net from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierEvents, dossiers, enrolmentCodes } from '../../central/db/schema';
import { createEnrolmentCode, revokeDevice } from '../../central/enrolment';
import { gatewayStats } from '../../central/stats';
import { AGENCY, enrol, push, receivedCommand, returnedCommand, signedHeaders, startGateway, type Gateway } from './gateway-fixture';

let gateway: Gateway;
let device: { deviceId: string; secret: string };

beforeAll(async () => {
  gateway = await startGateway();
  device = await enrol(gateway);
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

async function post(path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as any };
}

/** Sends raw bytes, for requests fetch would refuse to make. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(gateway.port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('enrolment', () => {
  it('trades a one-time code for a credential, once', async () => {
    const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: AGENCY, counterName: 'Quầy 2' });
    const first = await post('/v1/enroll', JSON.stringify({ code: code.toLowerCase(), counterName: 'Quầy 2' }));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ agencyCode: AGENCY, deviceId: expect.any(String), secret: expect.any(String) });
    const again = await post('/v1/enroll', JSON.stringify({ code, counterName: 'Quầy 2' }));
    expect(again).toMatchObject({ status: 403, body: { error: { code: 'ENROLL_CODE_USED' } } });
  });

  it('refuses an expired or a wrong code', async () => {
    const { code } = await createEnrolmentCode(gateway.database.db, {
      agencyCode: AGENCY,
      counterName: 'Quầy 3',
      ttlHours: 1,
      now: new Date(Date.now() - 2 * 3_600_000),
    });
    expect(await post('/v1/enroll', JSON.stringify({ code, counterName: 'Quầy 3' }))).toMatchObject({
      status: 403,
      body: { error: { code: 'ENROLL_CODE_EXPIRED' } },
    });
    expect(await post('/v1/enroll', JSON.stringify({ code: 'AAAAA-BBBBB-CCCCC', counterName: 'Quầy 3' }))).toMatchObject({
      status: 403,
      body: { error: { code: 'ENROLL_CODE_INVALID' } },
    });
    const [row] = await gateway.database.db.select().from(enrolmentCodes).where(eq(enrolmentCodes.counterName, 'Quầy 3'));
    expect(row?.usedAt).toBeNull();
  });
});

describe('request signatures', () => {
  const body = () => JSON.stringify({ commands: [receivedCommand()] });

  it('rejects a wrong key, a body changed after signing and missing headers', async () => {
    const text = body();
    expect(await post('/v1/commands', text, signedHeaders(device, text, { secret: 'not-the-secret' }))).toMatchObject({
      status: 401,
      body: { error: { code: 'SIGNATURE_INVALID' } },
    });
    expect(await post('/v1/commands', body(), signedHeaders(device, text))).toMatchObject({
      status: 401,
      body: { error: { code: 'SIGNATURE_INVALID' } },
    });
    expect(await post('/v1/commands', text, signedHeaders(device, text, { path: '/v1/enroll' }))).toMatchObject({
      status: 401,
      body: { error: { code: 'SIGNATURE_INVALID' } },
    });
    expect(await post('/v1/commands', text)).toMatchObject({ status: 401, body: { error: { code: 'AUTH_MISSING' } } });
    // Whether a device exists is told only to a caller whose signature holds (issue 17 finding 4).
    expect(await post('/v1/commands', text, signedHeaders({ deviceId: 'no-such-device', secret: 'x' }, text))).toMatchObject({
      status: 401,
      body: { error: { code: 'SIGNATURE_INVALID' } },
    });
  });

  it('rejects a timestamp outside ±5 minutes and tells the server time', async () => {
    const text = body();
    const old = await post('/v1/commands', text, signedHeaders(device, text, { timestamp: Date.now() - 6 * 60_000 }));
    expect(old).toMatchObject({ status: 401, body: { error: { code: 'CLOCK_SKEW', serverTime: expect.any(String) } } });
    const ahead = await post('/v1/commands', text, signedHeaders(device, text, { timestamp: Date.now() + 6 * 60_000 }));
    expect(ahead.body.error.code).toBe('CLOCK_SKEW');
  });

  it('rejects a replayed nonce, even with a fresh signature', async () => {
    const text = body();
    const headers = signedHeaders(device, text, { nonce: 'replayed-nonce-0001' });
    expect((await post('/v1/commands', text, headers)).status).toBe(200);
    expect(await post('/v1/commands', text, headers)).toMatchObject({ status: 401, body: { error: { code: 'NONCE_REPLAYED' } } });
    const resigned = signedHeaders(device, text, { nonce: 'replayed-nonce-0001' });
    expect((await post('/v1/commands', text, resigned)).body.error.code).toBe('NONCE_REPLAYED');
  });

  it('answers a revoked device with 403 DEVICE_REVOKED', async () => {
    const other = await enrol(gateway);
    expect((await push(gateway, other, [receivedCommand()])).status).toBe(200);
    expect(await revokeDevice(gateway.database.db, other.deviceId)).toBe(true);
    expect(await push(gateway, other, [receivedCommand()])).toMatchObject({ status: 403, body: { error: { code: 'DEVICE_REVOKED' } } });
  });
});

describe('bad input', () => {
  it('answers malformed JSON, wrong types and empty or oversized batches with 400 codes', async () => {
    const send = (text: string) => post('/v1/commands', text, signedHeaders(device, text));
    expect((await send('{"commands": [')).body.error.code).toBe('BAD_JSON');
    expect((await send('')).body.error.code).toBe('BAD_JSON');
    expect((await send('null')).body.error.code).toBe('BAD_REQUEST');
    expect((await send('{"commands": "x"}')).body.error.code).toBe('BAD_REQUEST');
    expect((await send('{"commands": []}')).body.error.code).toBe('BAD_REQUEST');
    expect((await send(JSON.stringify({ commands: [{ ...receivedCommand(), id: 42 }] }))).status).toBe(400);
    expect((await send(JSON.stringify({ commands: [{ ...receivedCommand(), id: 'not-a-uuid-v7' }] }))).status).toBe(400);
    expect((await send(JSON.stringify({ commands: [{ ...receivedCommand(), kind: 'dossier.deleted' }] }))).status).toBe(400);
    expect((await send(JSON.stringify({ commands: Array.from({ length: 101 }, () => receivedCommand()) }))).body.error.code).toBe(
      'BAD_REQUEST',
    );
    expect((await post('/v1/enroll', '{"code": 5, "counterName": []}')).body.error.code).toBe('BAD_REQUEST');
    expect((await post('/v1/enroll', '{"code": "x"}', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('answers a body over the limit with 413 and keeps serving', async () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    expect(await post('/v1/enroll', huge)).toMatchObject({ status: 413, body: { error: { code: 'BODY_TOO_LARGE' } } });
    const answer = await rawRequest(
      'POST /v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n{',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect((await fetch(`${gateway.url}/v1/health`)).status).toBe(200);
  });

  it('refuses path tricks, unknown paths and wrong methods', async () => {
    for (const path of [
      '/v1/../v1/health',
      '/v1//health',
      '/v1/%2e%2e/health',
      '/v1/health?x=%2F',
      '/v1/health/',
      '/v1/./health',
      '/v1/blobs/..',
      '/v1/pull?cursor=1?x',
    ]) {
      expect(await rawRequest(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), path).toMatch(
        /^HTTP\/1\.1 400[\s\S]*BAD_PATH/,
      );
    }
    expect(await rawRequest('GET http://evil/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${gateway.url}/v1/nothing`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/v1/commands`)).status).toBe(405);
    const health = await fetch(`${gateway.url}/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', protocol: 'v1', database: 'embedded' });
  });
});

describe('exactly-once push', () => {
  it('answers the same batch twice with duplicates carrying the original results', async () => {
    const batch = [receivedCommand(), receivedCommand()];
    const first = await push(gateway, device, batch);
    expect(first.body.results.map((r: any) => r.status)).toEqual(['applied', 'applied']);
    const second = await push(gateway, device, batch);
    expect(second.body.results).toEqual(first.body.results.map((r: any) => ({ ...r, status: 'duplicate' })));
    const rows = await gateway.database.db.select().from(dossierEvents).where(eq(dossierEvents.dossierCode, batch[0]!.dossierCode));
    expect(rows).toHaveLength(1);
  });

  it('applies once when two pushes of the same ids race', async () => {
    const batch = Array.from({ length: 10 }, () => receivedCommand());
    const [a, b] = await Promise.all([push(gateway, device, batch), push(gateway, device, batch)]);
    for (let i = 0; i < batch.length; i += 1) {
      expect([a.body.results[i].status, b.body.results[i].status].sort()).toEqual(['applied', 'duplicate']);
    }
    const stored = await Promise.all(
      batch.map((c) => gateway.database.db.select().from(dossierEvents).where(eq(dossierEvents.dossierCode, c.dossierCode))),
    );
    expect(stored.map((rows) => rows.length)).toEqual(batch.map(() => 1));
  });

  it("keeps a dossier's order: a rejected command holds back its dossier's later commands but no one else's", async () => {
    const good = receivedCommand();
    const bad = receivedCommand();
    bad.payload.dossier.owner = 'not a party';
    const batch = [bad, returnedCommand(bad.dossierCode), good, returnedCommand(good.dossierCode)];
    const { body } = await push(gateway, device, batch);
    expect(body.results.map((r: any) => [r.status, r.reason])).toEqual([
      ['rejected', 'PAYLOAD_INVALID'],
      ['rejected', 'EARLIER_COMMAND_REJECTED'],
      ['applied', undefined],
      ['applied', undefined],
    ]);
    const [row] = await gateway.database.db.select().from(dossiers).where(eq(dossiers.code, good.dossierCode));
    expect(row).toMatchObject({ status: 10, view: { returnedTo: 'Nguyễn Thị Hồng Nhung', returnedAt: '2026-03-03T09:00' } });
    // The rejection left no trace, so the fixed command goes through under the same id.
    bad.payload.dossier.owner = good.payload.dossier.owner;
    const retry = await push(gateway, device, batch.slice(0, 2));
    expect(retry.body.results.map((r: any) => r.status)).toEqual(['applied', 'applied']);
  });

  it('rejects a return before its reception, another agency, a code mismatch and a second reception of one dossier', async () => {
    const later = receivedCommand();
    const foreign = receivedCommand({ agency: '000.00.07.H56' });
    const mismatch = receivedCommand();
    mismatch.dossierCode = receivedCommand().dossierCode;
    const twice = receivedCommand();
    const again = { ...receivedCommand({ code: twice.dossierCode }) };
    const { body } = await push(gateway, device, [returnedCommand(later.dossierCode), foreign, mismatch, twice, again]);
    expect(body.results.map((r: any) => r.reason ?? r.status)).toEqual([
      'DOSSIER_UNKNOWN',
      'AGENCY_MISMATCH',
      'DOSSIER_CODE_MISMATCH',
      'applied',
      'DOSSIER_EXISTS',
    ]);
  });

  it('will not hand one device the result of a command id another device used', async () => {
    const command = receivedCommand();
    await push(gateway, device, [command]);
    const other = await enrol(gateway);
    const { body } = await push(gateway, other, [command]);
    expect(body.results[0]).toEqual({ id: command.id, status: 'rejected', reason: 'COMMAND_ID_TAKEN' });
  });

  it('counts what it holds', async () => {
    const stats = await gatewayStats(gateway.database.db);
    expect(stats.devices.revoked).toBe(1);
    expect(stats.dossiers).toBe(
      stats.dossierEvents - (await gateway.database.db.select().from(dossierEvents).where(eq(dossierEvents.type, 'resultReturned'))).length,
    );
  });
});
