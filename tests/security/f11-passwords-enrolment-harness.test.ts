import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEnrolmentCode } from '../../central/enrolment';
import {
  acceptableCost,
  FAST_SCRYPT_COST,
  PRODUCTION_SCRYPT_COST,
  ScryptPasswordHasher,
} from '../../electron/core/accounts/scrypt-password-hasher';
import { runCli } from '../../electron/core/cli/run-cli';
import { startHarness, type Harness } from '../../electron/core/harness/start-harness';
import { CachedCredentialStore, type AsyncCredentialStore, type DeviceCredential } from '../../electron/core/sync/credential-store';
import { AGENCY, startGateway, type Gateway } from '../central/gateway-fixture';
import { repoRoot, tempDir } from '../helpers/test-core';

/** Issue 17 finding 11: password hashing cost, where `quay enroll` keeps the secret, and who may talk to the harness. */
describe('finding 11: scrypt cost and the bounds of a stored hash', () => {
  it('hashes new passwords at N = 2^17, r = 8, p = 1 (OWASP)', () => {
    expect(PRODUCTION_SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('still verifies hashes stored at the former cost and at the cost tests inject', async () => {
    const former = await new ScryptPasswordHasher({ N: 2 ** 15, r: 8, p: 1 }).hash('MatKhau2026');
    const fast = await new ScryptPasswordHasher(FAST_SCRYPT_COST).hash('MatKhau2026');
    const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
    expect(await hasher.verify('MatKhau2026', former)).toBe(true);
    expect(await hasher.verify('MatKhau2026', fast)).toBe(true);
    expect(await hasher.verify('matkhau2026', fast)).toBe(false);
  });

  it('answers "no" at once to a stored hash asking for huge memory or time, instead of throwing or stalling', async () => {
    const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
    const salt = Buffer.alloc(16).toString('base64');
    const key = Buffer.alloc(32).toString('base64');
    for (const [N, r, p] of [
      [1024, 1_048_576, 1],
      [1024, 8, 1_000_000],
      [1000, 8, 1],
      [2 ** 21, 8, 1],
      [2 ** 20, 8, 1],
      [16, 8, 1],
    ] as const) {
      await expect(hasher.verify('x', `scrypt$${N}$${r}$${p}$${salt}$${key}`)).resolves.toBe(false);
    }
    expect(acceptableCost(PRODUCTION_SCRYPT_COST)).toBe(true);
    expect(acceptableCost({ N: 2 ** 10, r: 8, p: 1 })).toBe(true);
  });
});

describe('finding 11: quay enroll keeps the device secret in the protected store', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway();
  }, 120_000);
  afterAll(() => gateway?.close());

  it('writes the credential through the store the app uses, and no file in the data folder holds the secret', async () => {
    const kept: DeviceCredential[] = [];
    const keyStore: AsyncCredentialStore = {
      load: async () => null,
      save: async (credential) => void kept.push(credential),
      clear: async () => undefined,
    };
    const dataDir = tempDir();
    const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: AGENCY, counterName: 'Quầy 1' });
    const err: string[] = [];
    const exit = await runCli(['enroll', '--data', dataDir, '--gateway', gateway.url, '--code', code, '--counter', 'Quầy 1'], {
      io: { out: () => undefined, err: (line) => err.push(line), stdin: Readable.from(['']), env: {} },
      resourcesDir: repoRoot,
      appVersion: '0.0.0-test',
      openCredentials: () => CachedCredentialStore.open(keyStore),
    });
    expect(err).toEqual([]);
    expect(exit).toBe(0);
    expect(kept).toHaveLength(1);
    const secret = kept[0]!.secret;
    expect(secret.length).toBeGreaterThan(20);
    const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const file of files) {
      expect(fs.readFileSync(path.join(file.parentPath, file.name)).includes(secret), file.name).toBe(false);
    }
  });
});

describe('finding 11: the harness answers only its own host and origin', () => {
  let harness: Harness;
  beforeAll(async () => {
    const rendererDir = tempDir('quay-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Quầy Một Cửa</title>');
    harness = await startHarness({ dataDir: tempDir(), rendererDir, passwordCost: 'fast' });
  }, 60_000);
  afterAll(() => harness?.close());

  function get(headers: Record<string, string>): Promise<number> {
    const { hostname, port } = new URL(harness.url);
    return new Promise((resolve, reject) => {
      http
        .get({ hostname, port, path: '/', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
  }

  function upgrade(headers: Record<string, string>): Promise<number> {
    const { host } = new URL(harness.url);
    const ws = new WebSocket(`ws://${host}/api?secret=${encodeURIComponent(harness.secret)}`, { headers });
    return new Promise((resolve) => {
      ws.once('open', () => {
        ws.close();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => resolve(0));
    });
  }

  it('refuses a page whose name was rebound to loopback (foreign Host)', async () => {
    const { host } = new URL(harness.url);
    expect(await get({ host })).toBe(200);
    expect(await get({ host: 'evil.example:80' })).toBe(403);
    expect(await get({ host: `evil.example:${new URL(harness.url).port}` })).toBe(403);
  });

  it('refuses a WebSocket opened by a page of another origin, even with the secret', async () => {
    const { origin } = new URL(harness.url);
    expect(await upgrade({ origin })).toBe(101);
    expect(await upgrade({ origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade({ origin: 'null' })).toBe(403);
    expect(await upgrade({ host: 'evil.example', origin: 'http://evil.example' })).toBe(403);
  });
});
