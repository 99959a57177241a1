import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets the core keeps apart from the database (docs/architecture.md §9): the audit chain's HMAC key today. In
 * production this belongs in the OS key store (Electron safeStorage, reached through main); the harness, the CLI and
 * tests keep each as a 0600 file in a 0700 folder beside the data. Either way a copy of the database alone does not
 * carry the key.
 */
export interface KeyStore {
  /** The stored record under `name`, or null when none was ever made. */
  read(name: string): Buffer | null;
  /** Stores `value` under `name` durably; never overwrites an existing record. */
  create(name: string, value: Buffer): void;
}

export class FileKeyStore implements KeyStore {
  constructor(private readonly folder: string) {}

  private fileOf(name: string): string {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`not a key name: ${name}`);
    return path.join(this.folder, `${name}.key`);
  }

  read(name: string): Buffer | null {
    try {
      return fs.readFileSync(this.fileOf(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  create(name: string, value: Buffer): void {
    fs.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') fs.chmodSync(this.folder, 0o700);
    const file = this.fileOf(name);
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(temporary, value, { mode: 0o600, flag: 'wx' });
    const fd = fs.openSync(temporary, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // link, not rename: fails when another process created the key first, and then that key wins.
    try {
      fs.linkSync(temporary, file);
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
}

export function keyFolder(dataDir: string): string {
  return path.join(dataDir, 'keys');
}
