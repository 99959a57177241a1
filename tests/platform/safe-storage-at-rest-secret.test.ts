import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { keyStoreAtRestSecret } from '../../electron/main/platform/safe-storage-at-rest-secret';
import { fileAtRestSecret } from '../../electron/core/platform/data-at-rest-key';
import { resetFakeElectron, safeStorage } from '../fakes/electron';
import { tempDir } from '../helpers/test-core';

/** Issue 17 finding 7: in the app, the secret that encrypts personal data at rest is kept by the OS key store. */

beforeEach(() => {
  resetFakeElectron();
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

const wrappedFile = (dataDir: string) => path.join(dataDir, 'keys', 'data-at-rest.key.enc');

describe('the at-rest secret kept with safeStorage', () => {
  it('is made once into a 0600 file that never holds it in clear, and read back the same', async () => {
    const dataDir = tempDir();
    const secret = await keyStoreAtRestSecret(dataDir);
    expect(secret).toHaveLength(32);
    expect(fs.statSync(wrappedFile(dataDir)).mode & 0o777).toBe(0o600);
    const stored = fs.readFileSync(wrappedFile(dataDir));
    expect(stored.includes(Buffer.from(secret!.toString('hex')))).toBe(false);
    expect((await keyStoreAtRestSecret(dataDir))!.equals(secret!)).toBe(true);
  });

  it("takes over the core's 0600 file (an earlier start or a restore) and removes it", async () => {
    const dataDir = tempDir();
    const earlier = fileAtRestSecret(dataDir);
    expect((await keyStoreAtRestSecret(dataDir))!.equals(earlier)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'keys', 'data-at-rest.key'))).toBe(false);
    expect((await keyStoreAtRestSecret(dataDir))!.equals(earlier)).toBe(true);
  });

  it("gives none for another account's key ring, and makes none over an encrypted database", async () => {
    const dataDir = tempDir();
    await keyStoreAtRestSecret(dataDir);
    safeStorage.key = 0x33;
    expect(await keyStoreAtRestSecret(dataDir)).toBeNull();

    const lost = tempDir();
    fs.writeFileSync(path.join(lost, 'quay.sqlite'), Buffer.alloc(4096, 0xa5));
    expect(await keyStoreAtRestSecret(lost)).toBeNull();
    expect(fs.existsSync(wrappedFile(lost))).toBe(false);
  });

  it('waits for a locked key ring rather than blocking main', async () => {
    safeStorage.keyringLocked = true;
    const found = keyStoreAtRestSecret(tempDir());
    safeStorage.unlockKeyring();
    expect(await found).toHaveLength(32);
    expect(safeStorage.syncCalls).toBe(0);
  });
});
