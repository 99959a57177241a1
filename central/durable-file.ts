import fs from 'node:fs';

/**
 * A rename is durable only once its folder's entry is on disk: without this, a power cut after a blob
 * was acknowledged can lose it or leave it under its temporary name (docs/architecture.md §5, durability).
 * Windows cannot open a folder for fsync and journals renames itself, so it is skipped there.
 */
export async function fsyncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
