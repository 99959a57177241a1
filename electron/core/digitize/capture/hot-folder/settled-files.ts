import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Names scanner tools use while a file is still being written, and our own sub-folders. */
const IN_PROGRESS = /(^\.|\.part$|\.tmp$|\.crdownload$|~$)/i;

interface Seen {
  size: number;
  mtimeMs: number;
  stableSince: number;
}

/**
 * Tells when files in a folder are complete: a file counts once its size and modification time
 * have stayed the same for `settleMs` (docs/devices.md §1.7 — scanner software writes pages in pieces,
 * and a rename into place looks the same as a finished write). Each file is reported once.
 */
export class SettledFiles {
  private readonly seen = new Map<string, Seen>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly folder: string,
    private readonly settleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Files that became complete since the last call, oldest first. */
  async poll(): Promise<string[]> {
    const entries = await readdir(this.folder, { withFileTypes: true });
    const ready: Array<{ name: string; mtimeMs: number }> = [];
    const present = new Set<string>();
    for (const entry of entries) {
      if (!entry.isFile() || IN_PROGRESS.test(entry.name) || this.reported.has(entry.name)) continue;
      present.add(entry.name);
      const info = await stat(path.join(this.folder, entry.name)).catch(() => null);
      if (!info) continue;
      const before = this.seen.get(entry.name);
      const time = this.now();
      if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
        this.seen.set(entry.name, { size: info.size, mtimeMs: info.mtimeMs, stableSince: time });
        continue;
      }
      if (time - before.stableSince >= this.settleMs) ready.push({ name: entry.name, mtimeMs: info.mtimeMs });
    }
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    ready.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
    for (const { name } of ready) {
      this.reported.add(name);
      this.seen.delete(name);
    }
    return ready.map(({ name }) => name);
  }
}
