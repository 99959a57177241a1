import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageCredentialStore } from '../../electron/main/platform/safe-storage-credentials';
import { resetFakeElectron, safeStorage } from '../fakes/electron';
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
