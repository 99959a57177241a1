import { openCounterDatabase } from '../../../../electron/core/platform/data-at-rest-key';
import { describe, expect, it } from 'vitest';
import { OutboxRepository } from '../../../../db/repositories/outbox-repository';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../../../electron/core/accounts/scrypt-password-hasher';
import { createCore } from '../../../../electron/core/create-core';
import type { CredentialStore, DeviceCredential } from '../../../../electron/core/sync';
import { gatewayAnswer } from '../../../helpers/gateway-answer';
import { FakeClock, repoRoot, RecordingPdfRenderer, tempDir } from '../../../helpers/test-core';

const credential: DeviceCredential = {
  gatewayUrl: 'https://gateway.test',
  deviceId: 'device-1',
  secret: 'c2VjcmV0',
  agencyCode: '000.00.06.H56',
  enrolledAt: '2026-12-01T00:00:00.000Z',
};

function memoryCredentials(value: DeviceCredential | null): CredentialStore {
  let current = value;
  return { load: () => current, save: (next) => (current = next), clear: () => (current = null) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function coreOptions(dataDir: string, logged: string[]) {
  return {
    dataDir,
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock: new FakeClock(new Date('2026-12-06T02:00:00.000Z')),
    hasher: new ScryptPasswordHasher(FAST_SCRYPT_COST),
    pdfRenderer: new RecordingPdfRenderer(),
    idleSweepMs: null,
    log: (message: string, error?: unknown) => logged.push(`${message} ${String(error ?? '')}`),
  };
}

describe('closing the core while a sync pass is in flight', () => {
  it('waits for the push under way, records its answer, starts no further request and logs no failure', async () => {
    const dataDir = tempDir();
    const logged: string[] = [];
    const seeding = await createCore({ ...coreOptions(dataDir, logged), sync: { background: false } });
    new OutboxRepository(seeding.database.db).append({
      id: 'cmd-1',
      dossierId: null,
      kind: 'dossier.received',
      payload: { code: 'X' },
      createdAt: '2026-12-06T02:00:00.000Z',
    });
    await seeding.close();

    const requests: string[] = [];
    const pushArrived = deferred<void>();
    const releasePush = deferred<void>();
    const fakeFetch = (async (url: string | URL, init?: RequestInit) => {
      const path = new URL(String(url)).pathname;
      requests.push(path);
      if (path === '/v1/commands') {
        pushArrived.resolve();
        await releasePush.promise;
        const ids = (JSON.parse(String(init?.body)) as { commands: { id: string }[] }).commands.map((c) => c.id);
        return gatewayAnswer(credential.secret, init, 200, { results: ids.map((id) => ({ id, status: 'applied', result: {} })) });
      }
      return gatewayAnswer(credential.secret, init, 404, { error: { code: 'NOT_FOUND', message: 'unexpected in this test' } });
    }) as typeof fetch;
    const core = await createCore({
      ...coreOptions(dataDir, logged),
      sync: { credentials: memoryCredentials(credential), fetch: fakeFetch },
    });
    await pushArrived.promise;

    let closed = false;
    const closing = core.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    releasePush.resolve();
    await closing;

    expect(requests).toEqual(['/v1/commands']);
    expect(logged).toEqual([]);
    const { sqlite } = openCounterDatabase(dataDir);
    try {
      expect(sqlite.prepare('SELECT acknowledged_at IS NOT NULL AS acked FROM outbox WHERE id = ?').get('cmd-1')).toEqual({ acked: 1 });
    } finally {
      sqlite.close();
    }
  });

  it('closes at once when no pass is running', async () => {
    const logged: string[] = [];
    const core = await createCore({ ...coreOptions(tempDir(), logged), sync: { credentials: memoryCredentials(null) } });
    await core.close();
    expect(core.database.sqlite.open).toBe(false);
    expect(logged).toEqual([]);
  });
});
