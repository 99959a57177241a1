import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { AppError } from '../../../shared/ipc/result';
import { deviceCredentialSchema, writePrivateFile, type DeviceCredential } from '../../core/sync/credential-store';
import type { MainCredentialStore } from './core-process';
import { logDiagnostic } from './diagnostic-log';

export const ENCRYPTED_CREDENTIAL_FILE_NAME = 'device-credential.enc';

/**
 * The device credential encrypted with the OS key store (Electron safeStorage: DPAPI on Windows,
 * Keychain on macOS, the Secret Service or kwallet on Linux), in a 0600 file. Copying the data
 * folder to another PC or account does not carry a usable secret along. Only the asynchronous API
 * is used: the synchronous one can block main on a locked Linux key ring at start-up
 * (docs/api/safe-storage.md), with the window not yet shown.
 */
export class SafeStorageCredentialStore implements MainCredentialStore {
  constructor(private readonly file: string) {}

  async load(): Promise<DeviceCredential | null> {
    let encrypted: Buffer;
    try {
      encrypted = fs.readFileSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError('SYNC_CREDENTIAL_UNREADABLE', { path: this.file });
    }
    try {
      const { result } = await safeStorage.decryptStringAsync(encrypted);
      return deviceCredentialSchema.parse(JSON.parse(result));
    } catch {
      // Another account's or machine's key, a wiped key ring, or a damaged file: enrol again.
      throw new AppError('SYNC_CREDENTIAL_UNREADABLE', { path: this.file });
    }
  }

  async save(credential: DeviceCredential): Promise<void> {
    // Without a key store the secret would be stored in clear; refuse rather than pretend.
    if (!(await safeStorage.isAsyncEncryptionAvailable())) throw new AppError('SYNC_KEYSTORE_UNAVAILABLE');
    writePrivateFile(this.file, await safeStorage.encryptStringAsync(JSON.stringify(credential)));
  }

  async clear(): Promise<void> {
    fs.rmSync(this.file, { force: true });
  }
}

/**
 * The key-store credential for the core, or null where no real key store exists (the core then
 * keeps a 0600 file). Linux's `basic_text` backend encrypts with a fixed password, which is no key
 * store at all, so it counts as none. The backend in use goes to the diagnostic log.
 */
export async function keyStoreCredentials(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<SafeStorageCredentialStore | null> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform === 'win32' ? 'dpapi' : 'keychain';
  const usable = available && backend !== 'basic_text';
  logDiagnostic('info', `OS key store: ${backend}${usable ? '' : ' (not used: the credential stays in a 0600 file)'}`);
  return usable ? new SafeStorageCredentialStore(path.join(dataDir, ENCRYPTED_CREDENTIAL_FILE_NAME)) : null;
}
