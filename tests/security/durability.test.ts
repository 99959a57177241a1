import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { BlobStore } from '../../central/blobs';
import { openCentralDatabase } from '../../central/db/open';
import { openDatabase } from '../../db/open';
import { FileStore } from '../../electron/core/platform/file-store';

/** Issue 17 finding 8: what was acknowledged survives a power cut. */
const temps: string[] = [];
const temp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-durable-'));
  temps.push(dir);
  return dir;
};

afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Records which paths were renamed and which folders were then opened and flushed. */
function watchSyncCalls(): string[] {
  const events: string[] = [];
  const fdPaths = new Map<number, string>();
  const openSync = fs.openSync.bind(fs);
  vi.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
    const fd = (openSync as (...args: unknown[]) => number)(file, ...rest);
    fdPaths.set(fd, String(file));
    return fd;
  }) as typeof fs.openSync);
  const fsyncSync = fs.fsyncSync.bind(fs);
  vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
    events.push(`fsync ${fdPaths.get(fd)}`);
    fsyncSync(fd);
  });
  const renameSync = fs.renameSync.bind(fs);
  vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
    renameSync(from, to);
    events.push(`rename ${String(to)}`);
  });
  const open = fs.promises.open.bind(fs.promises);
  vi.spyOn(fs.promises, 'open').mockImplementation(async (file, ...rest) => {
    const handle = await open(file, ...(rest as [string]));
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      events.push(`fsync ${String(file)}`);
      await sync();
    };
    return handle;
  });
  const rename = fs.promises.rename.bind(fs.promises);
  vi.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
    await rename(from, to);
    events.push(`rename ${String(to)}`);
  });
  return events;
}

describe('durability (finding 8)', () => {
  it('opens the database with synchronous=FULL, so a committed receipt number survives a power cut', () => {
    const opened = openDatabase(path.join(temp(), 'quay.sqlite'));
    try {
      expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      opened.sqlite.close();
    }
  });

  it('file store: writes every byte when the system writes only part of a buffer per call', () => {
    const writeSync = fs.writeSync.bind(fs) as (...args: unknown[]) => number;
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Uint8Array, offset?: number | null, length?: number) => {
      const start = offset ?? 0;
      return writeSync(fd, buffer, start, Math.min(length ?? buffer.byteLength - start, 1000));
    }) as typeof fs.writeSync);
    const store = new FileStore(temp());
    const bytes = randomBytes(10_000);
    const { sha256 } = store.put(bytes);
    expect(store.read(sha256).equals(bytes)).toBe(true);
  });

  it('file store: flushes the folder after renaming a new file into place', () => {
    const events = watchSyncCalls();
    const store = new FileStore(temp());
    const { sha256 } = store.put(randomBytes(100));
    const target = store.pathOf(sha256);
    const renamed = events.indexOf(`rename ${target}`);
    expect(renamed).toBeGreaterThanOrEqual(0);
    expect(events.slice(renamed + 1)).toContain(`fsync ${path.dirname(target)}`);
  });

  it('gateway blob store: flushes the folder after renaming a bundled blob into place', async () => {
    const dataDir = temp();
    fs.cpSync(inject('centralTemplate'), dataDir, { recursive: true });
    const database = await openCentralDatabase({ dataDir });
    try {
      await database.migrate();
      const blobDir = path.join(dataDir, 'blobs');
      const store = new BlobStore(database.db, blobDir);
      const bytes = randomBytes(200);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const events = watchSyncCalls();
      await store.storeWhole([{ sha256, bytes }], { agencyCode: '000.00.06.H56', actsFor: new Set(['000.00.06.H56']) });
      const target = store.filePath(sha256);
      const renamed = events.indexOf(`rename ${target}`);
      expect(renamed).toBeGreaterThanOrEqual(0);
      expect(events.slice(renamed + 1)).toContain(`fsync ${path.dirname(target)}`);
    } finally {
      vi.restoreAllMocks();
      await database.close();
    }
  });
});
