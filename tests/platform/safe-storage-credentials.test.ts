import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultCoreRequests, startCoreProcess } from '../../electron/main/platform/core-process';
import { keyStoreCredentials, SafeStorageCredentialStore } from '../../electron/main/platform/safe-storage-credentials';
import { relayedCredentialStore } from '../../electron/core/host/serve-core-over-port';
import { resetFakeElectron, safeStorage, utilityProcess } from '../fakes/electron';
import { tempDir } from '../helpers/test-core';

const CREDENTIAL = {
  gatewayUrl: 'https://dongbo.thanhhoa.gov.vn',
  deviceId: 'dev-1',
  secret: 'bí-mật-của-quầy',
  agencyCode: '000.00.06.H56',
  enrolledAt: '2026-11-25T01:00:00.000Z',
};

let info: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  resetFakeElectron();
  info = vi.spyOn(console, 'info').mockImplementation(() => {});
});

function store(): { file: string; credentials: SafeStorageCredentialStore } {
  const file = path.join(tempDir(), 'keys', 'device-credential.enc');
  return { file, credentials: new SafeStorageCredentialStore(file) };
}

describe('the device credential kept with the OS key store', () => {
  it('round-trips through safeStorage into a 0600 file that never holds the secret in clear', async () => {
    const { file, credentials } = store();
    expect(await credentials.load()).toBeNull();
    await credentials.save(CREDENTIAL);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const raw = fs.readFileSync(file);
    expect(raw.includes(Buffer.from(CREDENTIAL.secret))).toBe(false);
    expect(raw.includes(Buffer.from('dev-1'))).toBe(false);
    expect(await credentials.load()).toEqual(CREDENTIAL);
    await credentials.clear();
    expect(await credentials.load()).toBeNull();
  });

  it('refuses to store in clear when the machine has no key store', async () => {
    const { file, credentials } = store();
    safeStorage.available = false;
    await expect(credentials.save(CREDENTIAL)).rejects.toThrow(
      expect.objectContaining({ code: 'SYNC_KEYSTORE_UNAVAILABLE', message: expect.stringContaining('kho khóa') }),
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  it('asks for a new enrolment when another key or a damaged file cannot be read', async () => {
    const { file, credentials } = store();
    await credentials.save(CREDENTIAL);
    safeStorage.key = 0x33;
    await expect(credentials.load()).rejects.toThrow(
      expect.objectContaining({ code: 'SYNC_CREDENTIAL_UNREADABLE', message: expect.stringContaining('đăng ký lại') }),
    );
    safeStorage.key = 0x5a;
    fs.writeFileSync(file, Buffer.from('garbage'));
    await expect(credentials.load()).rejects.toThrow(expect.objectContaining({ code: 'SYNC_CREDENTIAL_UNREADABLE' }));
  });

  it('never calls the synchronous API, which would block main on a locked key ring, and waits for the unlock instead', async () => {
    const { credentials } = store();
    await credentials.save(CREDENTIAL);
    safeStorage.keyringLocked = true;
    const found = keyStoreCredentials(tempDir(), 'linux');
    const loaded = credentials.load();
    let settled = false;
    void Promise.all([found, loaded]).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    safeStorage.unlockKeyring();
    expect(await found).not.toBeNull();
    expect(await loaded).toEqual(CREDENTIAL);
    expect(safeStorage.syncCalls).toBe(0);
  });

  it('logs the Linux backend in use, and treats basic_text (a fixed password) as no key store', async () => {
    expect(await keyStoreCredentials(tempDir(), 'linux')).not.toBeNull();
    expect(info).toHaveBeenCalledWith(expect.stringContaining('OS key store: gnome_libsecret'));
    safeStorage.backend = 'basic_text';
    expect(await keyStoreCredentials(tempDir(), 'linux')).toBeNull();
    expect(info).toHaveBeenCalledWith(expect.stringContaining('OS key store: basic_text (not used'));
  });

  it('leaves the credential to the core’s own 0600 file where no key store exists', async () => {
    safeStorage.available = false;
    expect(await keyStoreCredentials(tempDir(), 'win32')).toBeNull();
  });
});

describe('the credential between main and the core process', () => {
  it('hands the decrypted credential to the core at start and stores what the core enrols', async () => {
    const dataDir = tempDir();
    const credentials = (await keyStoreCredentials(dataDir, 'linux'))!;
    await credentials.save(CREDENTIAL);
    const client = startCoreProcess(
      '/core.js',
      { dataDir, appVersion: '0', resourcesDir: '/r', credential: await credentials.load() },
      { ...defaultCoreRequests, credentials },
    );
    const child = utilityProcess.forks[0]!;
    expect(child.messages[0]?.message).toMatchObject({ type: 'init', credential: CREDENTIAL });

    // The core's side: a store over its end of the port, as hostCore builds it.
    const core = relayedCredentialStore(CREDENTIAL, child.corePort() as never);
    core.save({ ...CREDENTIAL, deviceId: 'dev-2' });
    expect(core.load()?.deviceId).toBe('dev-2');
    await vi.waitFor(async () =>
      expect((await new SafeStorageCredentialStore(path.join(dataDir, 'device-credential.enc')).load())?.deviceId).toBe('dev-2'),
    );
    core.clear();
    await vi.waitFor(async () => expect(await credentials.load()).toBeNull());
    child.exitWith(0);
    await client.stop();
  });
});
