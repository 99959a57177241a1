import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import { fileAtRestKeys } from './data-at-rest-key';
import { fsyncFolderSync, writeAllSync } from './durable-file';
import { HEADER_BYTES, isSealedHeader, plainSizeOf, readSealedRange, sealPieces, unseal } from './file-cipher';

/** One stored file opened for reading stretches of its plaintext (the uploader's 1 MiB chunks). */
export interface OpenedStoredFile {
  /** The plaintext's length in bytes. */
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * The one way the core reads stored files (issue 17 finding 7): every reader — sync uploads and bundles, printing,
 * signing, viewing, export — gets plaintext through it, so none needs to know the files are encrypted.
 */
export interface StoredFileReader {
  /** Null when the file is not in the store. */
  open(sha256: string): Promise<OpenedStoredFile | null>;
}

/** Writes `pieces` to `target` durably: a temporary name in full, flushed, renamed, the rename flushed with its folder. */
function writeDurably(target: string, pieces: Iterable<Uint8Array>, afterFlush?: () => void): void {
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    for (const piece of pieces) writeAllSync(fd, piece);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  afterFlush?.();
  fs.renameSync(temporary, target);
  fsyncFolderSync(path.dirname(target));
}

/**
 * Content-addressed file store (docs/architecture.md §5): a file lives at `files/ab/cdef…` named by the sha256 of its
 * plaintext, sealed with AES-256-GCM under the file-store key (electron/core/platform/file-cipher.ts), written durably
 * (writeDurably), so neither a crash nor a power cut leaves a half file under a real hash or loses a stored one.
 * Storing the same content twice is a no-op. `key: null` keeps files plain: only benchmarks measure that baseline.
 */
export class FileStore implements StoredFileReader {
  private readonly root: string;
  private readonly key: Buffer | null;
  /**
   * True from the start of a sealing pass until one completes (sealOlderFiles): meanwhile a file that is not sealed
   * is read as plain when its bytes hash to its name, the same proof the pass uses. Afterwards it is FILE_TAMPERED.
   */
  private plainFilesMayRemain = false;
  private sealingStopped = false;

  constructor(dataDir: string, key: Buffer | null = fileAtRestKeys(dataDir).files) {
    this.root = path.join(dataDir, 'files');
    this.key = key;
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
      writeDurably(target, this.key ? sealPieces(this.key, bytes) : [bytes]);
    }
    return { sha256, bytes: bytes.byteLength };
  }

  /** The plaintext's length. */
  size(sha256: string): number {
    const stored = fs.statSync(this.pathOf(sha256)).size;
    if (!this.key) return stored;
    if (
      this.plainFilesMayRemain &&
      !isSealedHeader(readHead(this.pathOf(sha256))) &&
      this.isOlderPlain(fs.readFileSync(this.pathOf(sha256)), sha256)
    )
      return stored;
    const plain = plainSizeOf(stored);
    if (plain === null) throw new AppError('FILE_TAMPERED', { name: sha256.slice(0, 12) });
    return plain;
  }

  read(sha256: string): Buffer {
    const stored = fs.readFileSync(this.pathOf(sha256));
    if (!this.key || this.isOlderPlain(stored, sha256)) return stored;
    return unseal(this.key, stored, sha256.slice(0, 12));
  }

  /** A plain file of an older build not sealed yet, while a sealing pass runs: its bytes hash to its name. */
  private isOlderPlain(bytes: Buffer, sha256: string): boolean {
    return this.plainFilesMayRemain && !isSealedHeader(bytes) && createHash('sha256').update(bytes).digest('hex') === sha256;
  }

  /** isOlderPlain for a file opened for ranges: its header first, and the whole file hashed only when it is not sealed. */
  private async isOlderPlainFile(handle: fsp.FileHandle, sha256: string): Promise<boolean> {
    if (!this.plainFilesMayRemain) return false;
    const head = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
    if (isSealedHeader(head.subarray(0, bytesRead))) return false;
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    for (let position = 0; ;) {
      const { bytesRead: n } = await handle.read(chunk, 0, chunk.byteLength, position);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
      position += n;
    }
    return hash.digest('hex') === sha256;
  }

  async open(sha256: string): Promise<OpenedStoredFile | null> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.pathOf(sha256), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const stored = (await handle.stat()).size;
    const key = this.key && !(await this.isOlderPlainFile(handle, sha256)) ? this.key : null;
    const name = sha256.slice(0, 12);
    const readAt = async (buffer: Buffer, position: number) => (await handle.read(buffer, 0, buffer.byteLength, position)).bytesRead;
    const size = key ? plainSizeOf(stored) : stored;
    if (size === null) {
      await handle.close();
      throw new AppError('FILE_TAMPERED', { name: sha256.slice(0, 12) });
    }
    return {
      size,
      read: async (offset, length) => {
        if (key) return readSealedRange(key, readAt, stored, offset, length, name);
        const buffer = Buffer.allocUnsafe(length);
        return buffer.subarray(0, await readAt(buffer, offset));
      },
      close: () => handle.close(),
    };
  }

  /**
   * Seals the plain files an older build stored, in the background (docs/architecture.md §9): the core starts without
   * waiting, the pass gives the event loop back after every file, and reads during it work whether a file is sealed
   * yet or not (isOlderPlain). Every start runs it; after an upgrade it seals, afterwards it only reads headers.
   * `beforeFile` lets tests hold the pass at a file. Returns how many files were sealed, or null when stopSealing
   * cut it short (the next start goes on).
   */
  async sealOlderFiles(options: { beforeFile?: () => Promise<void>; onStep?: (step: MigrationStep) => void } = {}): Promise<number | null> {
    if (!this.key) return 0;
    this.plainFilesMayRemain = true;
    let sealed = 0;
    for (const { file, bytes } of olderPlainFiles(this.root)) {
      await (options.beforeFile?.() ?? new Promise<void>((resolve) => setImmediate(resolve)));
      if (this.sealingStopped) return null;
      sealOlderFile(file, bytes, this.key, options.onStep);
      sealed++;
    }
    this.plainFilesMayRemain = false;
    return sealed;
  }

  /** Ends a sealing pass at the next file: the core is closing. */
  stopSealing(): void {
    this.sealingStopped = true;
  }
}

/**
 * The plain files an older build left, found one at a time so a pass over a large store holds no list of it: a file is
 * plain when it is not sealed and its bytes hash to its name — a sealed file's never do. Temporaries of an interrupted
 * run are removed on the way. Only the header is read for a sealed file: every start walks the store.
 */
function* olderPlainFiles(root: string): Generator<{ file: string; bytes: Buffer }> {
  if (!fs.existsSync(root)) return;
  for (const folder of fs.readdirSync(root).filter((name) => /^[0-9a-f]{2}$/.test(name))) {
    const dir = path.join(root, folder);
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (name.endsWith('.tmp')) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (!/^[0-9a-f]{62}$/.test(name) || isSealedHeader(readHead(file))) continue;
      const bytes = fs.readFileSync(file);
      if (createHash('sha256').update(bytes).digest('hex') === folder + name) yield { file, bytes };
    }
  }
}

function readHead(file: string): Buffer {
  const head = Buffer.alloc(HEADER_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    return head.subarray(0, fs.readSync(fd, head, 0, HEADER_BYTES, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** Where a migration may be interrupted, for tests that kill it there (tests/security/f07-file-store-at-rest.test.ts). */
export type MigrationStep = 'sealedWritten' | 'renamed';

/**
 * Encrypts, in place, the plain files an older build stored (issue 17 finding 7), all at once (the CLI, tests). Each is
 * rewritten through writeDurably, so an interruption at any step — a SIGKILL included — leaves it either plain (sealed
 * on the next start) or sealed, never lost or half sealed under its name. Returns how many files were sealed.
 */
export function encryptFileStoreInPlace(dataDir: string, key: Buffer, onStep?: (step: MigrationStep) => void): number {
  let sealed = 0;
  for (const { file, bytes } of olderPlainFiles(path.join(dataDir, 'files'))) {
    sealOlderFile(file, bytes, key, onStep);
    sealed++;
  }
  return sealed;
}

function sealOlderFile(file: string, bytes: Buffer, key: Buffer, onStep?: (step: MigrationStep) => void): void {
  writeDurably(file, sealPieces(key, bytes), () => onStep?.('sealedWritten'));
  onStep?.('renamed');
}
