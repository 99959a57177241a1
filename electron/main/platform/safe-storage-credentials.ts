import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { AppError } from '../../../shared/ipc/result';
import { deviceCredentialSchema, writePrivateFile, type CredentialStore, type DeviceCredential } from '../../core/sync/credential-store';

export const ENCRYPTED_CREDENTIAL_FILE_NAME = 'device-credential.enc';

/**
 * The device credential encrypted with the OS key store (Electron safeStorage: DPAPI on Windows,
 * Keychain on macOS, libsecret/kwallet on Linux), in a 0600 file. Copying the data folder to
 * another PC or account does not carry a usable secret along.
 */
export class SafeStorageCredentialStore implements CredentialStore {
  constructor(private readonly file: string) {}

  load(): DeviceCredential | null {
    let encrypted: Buffer;
    try {
      encrypted = fs.readFileSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError('SYNC_CREDENTIAL_UNREADABLE', { path: this.file });
    }
    try {
      return deviceCredentialSchema.parse(JSON.parse(safeStorage.decryptString(encrypted)));
    } catch {
      // Another account's or machine's key, a wiped key ring, or a damaged file: enrol again.
      throw new AppError('SYNC_CREDENTIAL_UNREADABLE', { path: this.file });
    }
  }

  save(credential: DeviceCredential): void {
    // Without a key store the secret would be stored in clear; refuse rather than pretend.
    if (!safeStorage.isEncryptionAvailable()) throw new AppError('SYNC_KEYSTORE_UNAVAILABLE');
    writePrivateFile(this.file, safeStorage.encryptString(JSON.stringify(credential)));
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
  }
}

/** The key-store credential for the core, or null where no key store exists (the core then keeps a 0600 file). */
export function keyStoreCredentials(dataDir: string): CredentialStore | null {
  return safeStorage.isEncryptionAvailable() ? new SafeStorageCredentialStore(path.join(dataDir, ENCRYPTED_CREDENTIAL_FILE_NAME)) : null;
}
