import { watch, type FSWatcher } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../../shared/ipc/result';
import type { CapturedPage, ScannerInfo, ScanProfile } from '../../types';
import { AsyncQueue } from '../async-queue';
import { filePages } from '../import/file-pages';
import { readRegularFile } from '../import/read-regular-file';
import { DEFAULT_MAX_PIXELS } from '../import/pixel-limit';
import type { ScannerDriver, SkippedFile } from '../scanner-driver';
import { validateScanProfile } from '../scan-profile';
import { SettledFiles } from './settled-files';

export interface HotFolderOptions {
  /** Folders the admin configured, each one where a scanner's own software saves its files. */
  folders: readonly string[];
  /** How long a file's size must stay unchanged before it counts as complete. */
  settleMs?: number;
  /** Rescan pace: fs.watch misses events on network shares, so the folder is also polled. */
  pollMs?: number;
  /** End the batch normally after this long without a new file; without it, only the signal ends it. */
  idleEndMs?: number;
  /** A file that is not a readable page is moved aside and reported here; the watch goes on. */
  onFileSkipped?: (skipped: SkippedFile) => void;
  maxPixels?: number;
}

/** Files taken are moved here, so none is imported twice and none is deleted. */
export const IMPORTED_DIR = '.quay-imported';
export const REJECTED_DIR = '.quay-rejected';

/**
 * A watched folder (docs/devices.md §1.7) for scanners whose own software saves files: every complete
 * file that appears — or was already waiting — becomes pages (images, multi-page TIFF or PDF, via
 * the importer), in arrival order. fs.watch wakes it early; the periodic rescan is what it relies on.
 */
export class HotFolderDriver implements ScannerDriver {
  readonly kind = 'hot-folder' as const;
  private readonly settleMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: HotFolderOptions) {
    this.settleMs = options.settleMs ?? 1500;
    this.pollMs = options.pollMs ?? 1000;
  }

  async list(): Promise<ScannerInfo[]> {
    const found = await Promise.all(
      this.options.folders.map(async (folder) =>
        (await stat(folder).catch(() => null))?.isDirectory()
          ? { kind: 'hot-folder' as const, id: folder, name: path.basename(folder) }
          : null,
      ),
    );
    return found.filter((folder) => folder !== null);
  }

  async *scan(id: string, profile: ScanProfile, signal: AbortSignal): AsyncGenerator<CapturedPage> {
    validateScanProfile(profile);
    if (!(await stat(id).catch(() => null))?.isDirectory()) throw new AppError('HOT_FOLDER_NOT_FOUND', { folder: id });
    const imported = path.join(id, IMPORTED_DIR);
    const rejected = path.join(id, REJECTED_DIR);
    await mkdir(imported, { recursive: true });
    await mkdir(rejected, { recursive: true });

    const arrivals = new AsyncQueue<string>();
    const settled = new SettledFiles(id, this.settleMs);
    let lastArrival = Date.now();
    let polling = false;
    const poll = async () => {
      if (polling) return;
      polling = true;
      try {
        for (const name of await settled.poll()) {
          lastArrival = Date.now();
          arrivals.push(name);
        }
        if (this.options.idleEndMs !== undefined && Date.now() - lastArrival >= this.options.idleEndMs) arrivals.close();
      } catch {
        arrivals.fail(new AppError('HOT_FOLDER_NOT_FOUND', { folder: id }));
      } finally {
        polling = false;
      }
    };
    const timer = setInterval(() => void poll(), this.pollMs);
    let watcher: FSWatcher | null = null;
    try {
      watcher = watch(id, () => void poll());
      watcher.on('error', () => undefined);
    } catch {
      // Polling alone still finds every file.
    }
    const onAbort = () => arrivals.close();
    signal.addEventListener('abort', onAbort, { once: true });
    void poll();

    let index = 0;
    try {
      for (let name = await arrivals.next(); name !== null; name = await arrivals.next()) {
        const taken = path.join(imported, `${Date.now()}-${name}`);
        await rename(path.join(id, name), taken);
        try {
          const bytes = await readRegularFile(taken);
          const pages = filePages(taken, { ...profile, maxPixels: this.options.maxPixels ?? DEFAULT_MAX_PIXELS, firstIndex: index, bytes });
          for await (const page of pages) {
            index++;
            yield { ...page, source: page.source.replace(taken, name) };
          }
        } catch (error) {
          await rename(taken, path.join(rejected, path.basename(taken))).catch(() => undefined);
          const failure =
            error instanceof AppError ? error : new AppError('IMPORT_FILE_UNREADABLE', { file: name, details: String(error) });
          this.options.onFileSkipped?.({ file: name, code: failure.code, message: failure.message.replace(taken, name) });
        }
      }
      if (signal.aborted) throw new AppError('SCANNER_CANCELLED', { pages: index });
    } finally {
      clearInterval(timer);
      watcher?.close();
      signal.removeEventListener('abort', onAbort);
    }
  }
}
