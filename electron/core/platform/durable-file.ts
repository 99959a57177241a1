import fs from 'node:fs';

/**
 * `write(2)` may write fewer bytes than asked (a full disk, a signal, a network file system); Node's
 * `writeSync` returns that count without retrying, so a single call can leave a short file behind a
 * successful rename (docs/architecture.md §5, durability).
 */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.byteLength) {
    const n = fs.writeSync(fd, bytes, written, bytes.byteLength - written);
    if (n <= 0) throw new Error(`short write: ${written} of ${bytes.byteLength} bytes`);
    written += n;
  }
}

/**
 * A rename is durable only once its folder's entry is on disk: without this, a power cut after the
 * rename can bring the file back under its temporary name or not at all. Windows cannot open a
 * folder for fsync and journals renames itself, so it is skipped there.
 */
export function fsyncFolderSync(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
