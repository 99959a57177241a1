import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultCoreRequests, startCoreProcess } from '../../electron/main/platform/core-process';
import { keyStoreCredentials, SafeStorageCredentialStore } from '../../electron/main/platform/safe-storage-credentials';
import { relayedCredentialStore } from '../../electron/core/host/serve-core-over-port';
import { resetFakeElectron, safeStorage, settle, utilityProcess } from '../fakes/electron';
import { tempDir } from '../helpers/test-core';

const CREDENTIAL = { gatewayUrl: 'https://dongbo.thanhhoa.gov.vn', deviceId: 'dev-1', secret: 'bí-mật-của-quầy', agencyCode: '000.00.06.H56', enrolledAt: '2026-11-25T01:00:00.000Z' };

beforeEach(() => resetFakeElectron());

function store(): { file: string; credentials: SafeStorageCredentialStore } {
  const file = path.join(tempDir(), 'keys', 'device-credential.enc');
  return { file, credentials: new SafeStorageCredentialStore(file) };
}

describe('the device credential kept with the OS key store', () => {
  it('round-trips through safeStorage into a 0600 file that never holds the secret in clear', () => {
    const { file, credentials } = store();
    expect(credentials.load()).toBeNull();
    credentials.save(CREDENTIAL);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const raw = fs.readFileSync(file);
    expect(raw.includes(Buffer.from(CREDENTIAL.secret))).toBe(false);
    expect(raw.includes(Buffer.from('dev-1'))).toBe(false);
    expect(credentials.load()).toEqual(CREDENTIAL);
    credentials.clear();
    expect(credentials.load()).toBeNull();
  });

  it('refuses to store in clear when the machine has no key store', () => {
    const { file, credentials } = store();
    safeStorage.available = false;
    expect(() => credentials.save(CREDENTIAL)).toThrow(expect.objectContaining({ code: 'SYNC_KEYSTORE_UNAVAILABLE', message: expect.stringContaining('kho khóa') }));
    expect(fs.existsSync(file)).toBe(false);
  });

  it('asks for a new enrolment when another key or a damaged file cannot be read', () => {
    const { file, credentials } = store();
    credentials.save(CREDENTIAL);
    safeStorage.key = 0x33;
    expect(() => credentials.load()).toThrow(expect.objectContaining({ code: 'SYNC_CREDENTIAL_UNREADABLE' }));
    safeStorage.key = 0x5a;
    fs.writeFileSync(file, Buffer.from('garbage'));
    expect(() => credentials.load()).toThrow(expect.objectContaining({ code: 'SYNC_CREDENTIAL_UNREADABLE' }));
  });
});

describe('the credential between main and the core process', () => {
  it('hands the decrypted credential to the core at start and stores what the core enrols', async () => {
    const dataDir = tempDir();
    const store = keyStoreCredentials(dataDir)!;
    store.save(CREDENTIAL);
    const client = startCoreProcess('/core.js', { dataDir, appVersion: '0', resourcesDir: '/r' }, { ...defaultCoreRequests, credentials: store });
    const child = utilityProcess.forks[0]!;
    expect(child.messages[0]?.message).toMatchObject({ type: 'init', credential: CREDENTIAL });

    // The core's side: a store over its end of the port, as hostCore builds it.
    const core = relayedCredentialStore(CREDENTIAL, child.corePort() as never);
    core.save({ ...CREDENTIAL, deviceId: 'dev-2' });
    expect(core.load()?.deviceId).toBe('dev-2');
    await settle();
    expect(new SafeStorageCredentialStore(path.join(dataDir, 'device-credential.enc')).load()?.deviceId).toBe('dev-2');
    core.clear();
    await settle();
    expect(store.load()).toBeNull();
    client.stop();
  });

  it('leaves the credential to the core’s own 0600 file where no key store exists', () => {
    safeStorage.available = false;
    expect(keyStoreCredentials(tempDir())).toBeNull();
  });
});
