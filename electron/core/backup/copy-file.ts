import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Copies a file to `target` through a temporary name in the same folder, hashing the bytes on the way, flushing them
 * and renaming: a backup cut short by an unplugged drive leaves a `.tmp` file, never a half file under a real name.
 */
export async function copyFileHashed(source: string, target: string): Promise<{ sha256: string; bytes: number }> {
  const temporary = `${target}.${process.pid}.${Date.now().toString(36)}.tmp`;
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      fs.createReadStream(source, { highWaterMark: 1024 * 1024 }),
      tap,
      fs.createWriteStream(temporary, { flags: 'wx', mode: 0o600 }),
    );
    const handle = await fs.promises.open(temporary, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temporary, target);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Flushes a folder's entries (a rename is durable only once its folder is); not possible on Windows, and not needed. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
