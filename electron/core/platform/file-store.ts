import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsyncFolderSync, writeAllSync } from './durable-file';

/**
 * Content-addressed file store (docs/architecture.md §5): a file lives at `files/ab/cdef…` named by its sha256,
 * written to a temporary name in full, flushed to disk, renamed, and the rename flushed with its folder, so neither a
 * crash nor a power cut leaves a half file under a real hash or loses a stored one. Storing the same content twice is
 * a no-op.
 */
export class FileStore {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files');
    // Scans of ID cards: only this account may list or read them (issue 17 finding 7); a folder made 0755 by an
    // older build is tightened, which also closes the fan-out folders and files inside it to other users.
    fs.mkdirSync(this.root, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') fs.chmodSync(this.root, 0o700);
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  put(bytes: Uint8Array): { sha256: string; bytes: number } {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (!fs.existsSync(target)) {
      const createdFolder = fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      if (createdFolder) fsyncFolderSync(path.dirname(createdFolder));
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const fd = fs.openSync(temporary, 'wx', 0o600);
      try {
        writeAllSync(fd, bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temporary, target);
      fsyncFolderSync(path.dirname(target));
    }
    return { sha256, bytes: bytes.byteLength };
  }

  size(sha256: string): number {
    return fs.statSync(this.pathOf(sha256)).size;
  }

  read(sha256: string): Buffer {
    return fs.readFileSync(this.pathOf(sha256));
  }
}
