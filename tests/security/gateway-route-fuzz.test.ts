import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackofficeToken } from '../../central/backoffice';
import { dossiers } from '../../central/db/schema';
import { FileCredentialStore, GatewayClient } from '../../electron/core/sync';
import { AppError } from '../../shared/ipc/result';
import { gatewayErrorCodes } from '../../shared/sync/protocol';
import { gatewayAnswer } from '../helpers/gateway-answer';
import { tempDir } from '../helpers/test-core';
import { enrol, receivedCommand, signedHeaders, startGateway, type Gateway } from '../central/gateway-fixture';

/**
 * Issue 17 acceptance: a property-based fuzz of every gateway route with hostile strings and shapes.
 * Whatever arrives — signed or not, on any route, any method, any body — the gateway answers with a
 * stable error code (never a 500, never a crash), writes nothing partial, and the counter turns
 * every refusal into a Vietnamese message. Runs are kept small: the gateway is real (PGlite).
 */
const RUNS = 25;
let gateway: Gateway;
let device: { deviceId: string; secret: string };
let token: string;
const seenCodes = new Set<string>();

beforeAll(async () => {
  gateway = await startGateway({
    limits: {
      connectionsPerAddress: 64,
      requestsPerAddress: { burst: 100_000, perMinute: 100_000 },
      requestsPerDevice: { burst: 100_000, perMinute: 100_000 },
    },
  });
  device = await enrol(gateway);
  token = (await createBackofficeToken(gateway.database.db, 'Hệ thống một cửa tỉnh')).token;
}, 120_000);
afterAll(() => gateway?.close());

const hostile = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'Nguyễn\u0000Văn A',
    '\ud800',
    'Trần \u202eThị',
    '../../etc/passwd',
    '%2e%2e%2f',
    '%00',
    '\t',
    '\u3000',
    "'; DROP TABLE dossiers;--",
    '𝕏𝕐',
    '0'.repeat(5000),
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

/** Every route of central/routes.ts, with its parameters as holes. */
const ROUTES: { method: string; path: (p: string) => string; caller: 'device' | 'backoffice' | 'open' }[] = [
  { method: 'GET', path: () => '/v1/health', caller: 'open' },
  { method: 'POST', path: () => '/v1/enroll', caller: 'open' },
  { method: 'POST', path: () => '/v1/commands', caller: 'device' },
  { method: 'POST', path: () => '/v1/blobs', caller: 'device' },
  { method: 'POST', path: () => '/v1/blobs/missing', caller: 'device' },
  { method: 'POST', path: () => '/v1/blobs/bundle', caller: 'device' },
  { method: 'GET', path: (p) => `/v1/blobs/${p}`, caller: 'device' },
  { method: 'PATCH', path: (p) => `/v1/blobs/${p}`, caller: 'device' },
  { method: 'GET', path: (p) => `/v1/pull?cursor=${p}&limit=${p}`, caller: 'device' },
  { method: 'POST', path: () => '/v1/sequence-blocks', caller: 'device' },
  { method: 'POST', path: () => '/v1/dossiers/search', caller: 'device' },
  { method: 'GET', path: (p) => `/v1/dossiers/${p}`, caller: 'device' },
  { method: 'GET', path: (p) => `/v1/dossiers/${p}/files/${p}`, caller: 'device' },
  { method: 'POST', path: (p) => `/v1/backoffice/dossiers/${p}/status`, caller: 'backoffice' },
  { method: 'GET', path: (p) => `/v1/dvcqg/dossiers/${p}`, caller: 'backoffice' },
  { method: 'GET', path: (p) => `/v1/files/${p}`, caller: 'backoffice' },
];

const bodies = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
  hostile,
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.record({ commands: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }) }).map((value) => JSON.stringify(value)),
  fc.record({ day: hostile, count: fc.oneof(fc.integer(), hostile) }).map((value) => JSON.stringify(value)),
  fc.record({ sha256: hostile, size: fc.oneof(fc.integer(), fc.double()) }).map((value) => JSON.stringify(value)),
);

/** Sends one request; the path parameter is URI-encoded as a client would, or left raw. */
async function call(route: (typeof ROUTES)[number], param: string, body: string, raw: boolean, sign: boolean) {
  let parameter = param;
  // encodeURIComponent throws on a lone surrogate; the raw string then goes as the URL parser makes it.
  if (!raw) {
    try {
      parameter = encodeURIComponent(param);
    } catch {
      parameter = param;
    }
  }
  let target = route.path(parameter);
  try {
    target = new URL(target, gateway.url).pathname + new URL(target, gateway.url).search;
  } catch {
    target = route.path('x');
  }
  const payload = route.method === 'GET' ? '' : body;
  const headers: Record<string, string> =
    route.caller === 'device' && sign
      ? signedHeaders(device, payload, { method: route.method, path: target })
      : { 'content-type': 'application/json', ...(route.caller === 'backoffice' && sign ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`${gateway.url}${target}`, {
    method: route.method,
    headers,
    body: route.method === 'GET' ? undefined : payload,
  });
  const text = await response.text();
  return { status: response.status, text };
}

function checkAnswer(answer: { status: number; text: string }): void {
  expect(answer.status, answer.text).not.toBe(500);
  expect(answer.status).toBeLessThan(500);
  if (answer.status >= 400) {
    const parsed = JSON.parse(answer.text) as { error: { code: string; message: string } };
    expect(gatewayErrorCodes as readonly string[]).toContain(parsed.error.code);
    expect(parsed.error.message.length).toBeGreaterThan(0);
    seenCodes.add(parsed.error.code);
  }
}

describe('fuzz: every gateway route with hostile strings and shapes', () => {
  it('answers every route, signed or not, with a stable code and never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), hostile, bodies, fc.boolean(), fc.boolean(), async (route, param, body, raw, sign) => {
        checkAnswer(await call(route, param, body, raw, sign));
      }),
      { numRuns: RUNS * 6 },
    );
    expect((await fetch(`${gateway.url}/v1/health`)).status).toBe(200);
  });

  it('writes nothing partial: a batch with hostile text applies exactly the commands it reports applied', async () => {
    const textFields = ['fullName', 'idNumber', 'address', 'phone', 'email'] as const;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...textFields), hostile), { minLength: 1, maxLength: 4 }), async (edits) => {
        const commands = edits.map(([field, value]) => {
          const command = receivedCommand();
          command.payload.dossier.owner[field] = value;
          return command;
        });
        const [before] = await gateway.database.db.select({ n: count() }).from(dossiers);
        const body = JSON.stringify({ commands });
        const answer = await call(ROUTES[2]!, '', body, false, true);
        checkAnswer(answer);
        const [after] = await gateway.database.db.select({ n: count() }).from(dossiers);
        const applied =
          answer.status === 200
            ? (JSON.parse(answer.text).results as { status: string }[]).filter((r) => r.status === 'applied').length
            : 0;
        if (answer.status === 200) expect(JSON.parse(answer.text).results).toHaveLength(commands.length);
        expect(after!.n - before!.n).toBe(applied);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the counter a Vietnamese message for every refusal the fuzz met', async () => {
    expect(seenCodes.size).toBeGreaterThan(3);
    const credentials = new FileCredentialStore(`${tempDir()}/credential.json`);
    credentials.save({
      gatewayUrl: 'https://gateway.test',
      deviceId: 'd',
      secret: 's3cret',
      agencyCode: 'A',
      enrolledAt: '2026-01-01T00:00:00Z',
    });
    for (const code of seenCodes) {
      const client = new GatewayClient({
        credentials,
        fetch: (async (_url: string, init?: RequestInit) =>
          gatewayAnswer('s3cret', init, 400, { error: { code, message: 'x' } })) as typeof fetch,
      });
      const error = await client.pull('', 10).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message, code).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    }
  });
});
