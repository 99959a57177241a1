import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';

export const deviceCredentialSchema = z.object({
  gatewayUrl: z.string(),
  deviceId: z.string(),
  secret: z.string(),
  agencyCode: z.string(),
  enrolledAt: z.string(),
});
export type DeviceCredential = z.infer<typeof deviceCredentialSchema>;

/**
 * Where the counter keeps the credential the gateway issued at enrolment. A port, so Electron can
 * keep it with the OS key store (safeStorage) while plain Node uses a private file.
 */
export interface CredentialStore {
  load(): DeviceCredential | null;
  save(credential: DeviceCredential): void;
  clear(): void;
}

/** A JSON file readable only by the account running the app (0600), replaced atomically. */
export class FileCredentialStore implements CredentialStore {
  constructor(private readonly file: string) {}

  load(): DeviceCredential | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError('SYNC_CREDENTIAL_UNREADABLE', { path: this.file });
    }
    try {
      return deviceCredentialSchema.parse(JSON.parse(text));
    } catch {
      throw new AppError('SYNC_CREDENTIAL_UNREADABLE', { path: this.file });
    }
  }

  save(credential: DeviceCredential): void {
    writePrivateFile(this.file, JSON.stringify(credential));
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
  }
}

/** Writes a file only the account running the app can read (0600), replaced atomically. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // The mode given to open is filtered by the umask; make sure nobody else can read the secret.
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, file);
}

/** A store whose writes wait on something slow (the OS key ring, reached only from Electron main). */
export interface AsyncCredentialStore {
  load(): Promise<DeviceCredential | null>;
  save(credential: DeviceCredential): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The core reads its credential synchronously; this holds an asynchronous store's value in memory
 * and queues the writes to it. `settled()` resolves once every write has reached the store (or
 * rejects with the first failure), so a command that enrols waits for the key store before exiting.
 */
export class CachedCredentialStore implements CredentialStore {
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: AsyncCredentialStore,
    private current: DeviceCredential | null,
  ) {}

  static async open(store: AsyncCredentialStore): Promise<CachedCredentialStore> {
    return new CachedCredentialStore(store, await store.load());
  }

  load(): DeviceCredential | null {
    return this.current;
  }

  save(credential: DeviceCredential): void {
    this.current = credential;
    this.pending = this.pending.then(() => this.store.save(credential));
  }

  clear(): void {
    this.current = null;
    this.pending = this.pending.then(() => this.store.clear());
  }

  settled(): Promise<void> {
    return this.pending;
  }
}
