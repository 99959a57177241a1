import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceSecret } from '../../central/credentials';
import { redactForLog } from '../../central/log-redaction';
import { DEFAULT_SEQUENCE_POLICY } from '../../central/sequence-blocks';
import { enrol, receivedCommand, signed, signedHeaders, startGateway, type Gateway } from '../central/gateway-fixture';

/**
 * Issue 17 finding 4: what one address or one stolen credential can make the gateway do, what an
 * unsigned caller learns, and what reaches the log.
 */
let gateway: Gateway;
let now = 1_000_000;
const logged: string[] = [];

beforeAll(async () => {
  gateway = await startGateway({
    now: () => now,
    log: (message, error) => logged.push(`${message} ${String(error ?? '')}`),
    limits: { connectionsPerAddress: 6, requestsPerAddress: { burst: 40, perMinute: 60 }, requestsPerDevice: { burst: 4, perMinute: 60 } },
  });
}, 120_000);
afterAll(() => gateway?.close());

/** Sends raw bytes on a fresh connection and resolves with whatever comes back before the gateway closes or answers. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(gateway.port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (/\r\n\r\n[\s\S]*\}$/.test(answer)) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('close', () => resolve(answer));
    // A connection the gateway refuses is reset: nothing was answered.
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(answer) : reject(error)));
  });
}

describe('finding 4: headers are authenticated before the body is read', () => {
  it('answers an unsigned upload announcing 50 MB at once, without waiting for a byte of it', async () => {
    const answer = await raw(
      'POST /v1/commands HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer).toContain('AUTH_MISSING');
  });

  it('answers a signed request whose body is not the one signed with SIGNATURE_INVALID, applying nothing', async () => {
    const device = await enrol(gateway);
    now += 60_000 * 10;
    const body = JSON.stringify({ commands: [receivedCommand()] });
    const headers = signedHeaders(device, body);
    const other = JSON.stringify({ commands: [receivedCommand()] });
    const response = await fetch(`${gateway.url}/v1/commands`, { method: 'POST', headers, body: other });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).error.code).toBe('SIGNATURE_INVALID');
  });

  it('tells whether a device exists only to a caller whose signature holds', async () => {
    const body = JSON.stringify({ commands: [] });
    const forged = await fetch(`${gateway.url}/v1/commands`, {
      method: 'POST',
      headers: signedHeaders({ deviceId: 'ghost-device', secret: 'guess' }, body),
      body,
    });
    expect(((await forged.json()) as any).error.code).toBe('SIGNATURE_INVALID');
    const genuine = await fetch(`${gateway.url}/v1/commands`, {
      method: 'POST',
      headers: signedHeaders({ deviceId: 'ghost-device', secret: deviceSecret(gateway.masterKey, 'ghost-device') }, body),
      body,
    });
    expect(((await genuine.json()) as any).error.code).toBe('DEVICE_UNKNOWN');
  });
});

describe('finding 4: budgets per device, per address and per connection', () => {
  it('gives one device its burst, then RATE_LIMITED until its budget refills', async () => {
    const device = await enrol(gateway);
    now += 60_000 * 10;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await signed(gateway, device, 'GET', '/v1/pull')).status);
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    const limited = await signed(gateway, device, 'GET', '/v1/pull');
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    now += 60_000;
    expect((await signed(gateway, device, 'GET', '/v1/pull')).status).toBe(200);
  });

  it('refuses an address over its request budget, even for the health check', async () => {
    now += 60_000 * 10;
    const statuses: number[] = [];
    for (let i = 0; i < 45; i += 1) statuses.push((await fetch(`${gateway.url}/v1/health`)).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(41);
    expect(statuses.at(-1)).toBe(429);
    now += 60_000 * 10;
  });

  it('closes connections from one address beyond its limit before they say anything', async () => {
    now += 60_000 * 10;
    const sockets = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const socket = net.connect(gateway.port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    try {
      const answer = await raw('GET /v1/health HTTP/1.1\r\nHost: gw\r\n\r\n');
      expect(answer).toBe('');
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});

describe('finding 4: logs free of personal data', () => {
  it('keeps ID numbers, names and quoted values out of what it logs about a failure', () => {
    const message =
      'duplicate key value violates unique constraint "parties_pk": Key (id_number)=(038190012345) for "Nguyễn Thị Hồng Nhung"';
    const line = redactForLog(message);
    expect(line).not.toContain('038190012345');
    expect(line).not.toContain('Nguyễn');
    expect(line).toContain('duplicate key value');
  });

  it('logs a failure by its path, never its query, and masks ID numbers in the path', async () => {
    const lines: string[] = [];
    const broken = await startGateway({ log: (message, error) => lines.push(`${message} ${String(error ?? '')}`) });
    const device = await enrol(broken);
    // The database goes away under the gateway: every request now fails inside it and is logged.
    await broken.database.close();
    try {
      for (const target of ['/v1/pull?cursor=038190012345&limit=5', '/v1/dossiers/038190012345']) {
        const answer = await signed(broken, device, 'GET', target);
        expect(answer).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL' } } });
      }
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.join('\n')).not.toContain('038190012345');
      expect(lines.join('\n')).toContain('GET /v1/pull failed');
    } finally {
      broken.server.closeAllConnections();
      await new Promise((resolve) => broken.server.close(resolve));
    }
  });

  it('logged nothing in this file with the ID numbers, names or phone numbers the requests carried', () => {
    const command = receivedCommand();
    const party = command.payload.dossier.owner;
    for (const secret of [party.idNumber, party.fullName, '038190012345', 'Nguyễn Thị Hồng Nhung']) {
      for (const line of logged) expect(line).not.toContain(secret);
    }
  });
});

describe('finding 4: sequence numbers one credential can take', () => {
  it('leases only from two days ago to two weeks ahead of the gateway’s day in Vietnam', async () => {
    const strict = await startGateway({ now: () => Date.parse('2026-12-06T20:00:00.000Z'), sequencePolicy: DEFAULT_SEQUENCE_POLICY });
    try {
      const device = await enrol(strict);
      // 20:00 UTC is already 7 December in Vietnam.
      const lease = (day: string) => signed(strict, device, 'POST', '/v1/sequence-blocks', { day, count: 1 });
      expect((await lease('2026-12-05')).status).toBe(200);
      expect((await lease('2026-12-21')).status).toBe(200);
      expect(await lease('2026-12-04')).toMatchObject({ status: 400, body: { error: { code: 'SEQUENCE_DAY_OUT_OF_RANGE' } } });
      expect(await lease('2026-12-22')).toMatchObject({ status: 400, body: { error: { code: 'SEQUENCE_DAY_OUT_OF_RANGE' } } });
      expect(await lease('2027-12-07')).toMatchObject({ status: 400, body: { error: { code: 'SEQUENCE_DAY_OUT_OF_RANGE' } } });
    } finally {
      await strict.close();
    }
  });

  it('stops one device at its daily quota, leaving the agency’s other numbers to the other counters', async () => {
    now += 60_000 * 60;
    const thief = await enrol(gateway);
    const honest = await enrol(gateway);
    const day = '2026-11-20';
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      now += 60_000;
      statuses.push((await signed(gateway, thief, 'POST', '/v1/sequence-blocks', { day, count: 1000 })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    now += 60_000;
    expect((await signed(gateway, thief, 'POST', '/v1/sequence-blocks', { day, count: 1 })).body).toMatchObject({
      error: { code: 'SEQUENCE_QUOTA_EXCEEDED', remaining: 0 },
    });
    expect((await signed(gateway, honest, 'POST', '/v1/sequence-blocks', { day, count: 500 })).body).toMatchObject({
      first: 2001,
      last: 2500,
    });
  });
});
