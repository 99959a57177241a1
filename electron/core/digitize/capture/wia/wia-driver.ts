import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../../../shared/ipc/result';
import type { CapturedPage, ScannerInfo, ScanProfile } from '../../types';
import { AsyncQueue } from '../async-queue';
import { sniffMediaType } from '../media-type';
import type { ScannerDriver } from '../scanner-driver';
import { validateScanProfile } from '../scan-profile';
import { Silence } from '../silence';
import { bmpToPng } from './bmp-decode';
import { parseWiaLine, wiaFailure, type WiaEvent } from './wia-output';
import { powershellArgs, WIA_SCRIPT, wiaListArgs, wiaScanArgs } from './wia-script';

/** What the driver needs of a child process; tests hand in a fake that plays recorded output. */
export interface WiaProcess {
  stdout: NodeJS.ReadableStream;
  on(event: 'close', listener: (code: number | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  kill(): unknown;
}

export type WiaSpawn = (command: string, args: string[]) => WiaProcess;

export interface WiaDriverOptions {
  spawn?: WiaSpawn;
  /** `powershell.exe` (Windows PowerShell 5.1 ships with every Windows 10/11). */
  command?: string;
  workDir?: string;
  /** No line from the script for this long ends the batch with SCANNER_TIMEOUT, keeping the pages before. */
  pageTimeoutMs?: number;
}

const PAGE_TIMEOUT_MS = 120_000;

const spawnHidden: WiaSpawn = (command, args) => spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });

/**
 * Windows scanners through WIA 2.0, driven by a PowerShell script per scan (docs/devices.md §1.5): the
 * script saves each transferred page into a temp folder and announces it as a JSON line, so pages
 * are read and yielded while the feeder still runs. The HRESULT that ends the loop decides whether
 * the batch ended normally (paper empty after ≥ 1 page) or with a SCANNER_* error.
 */
export class WiaDriver implements ScannerDriver {
  readonly kind = 'wia' as const;
  private readonly spawn: WiaSpawn;
  private readonly command: string;
  private readonly pageTimeoutMs: number;

  constructor(private readonly options: WiaDriverOptions = {}) {
    this.spawn = options.spawn ?? spawnHidden;
    this.command = options.command ?? 'powershell.exe';
    this.pageTimeoutMs = options.pageTimeoutMs ?? PAGE_TIMEOUT_MS;
  }

  async list(): Promise<ScannerInfo[]> {
    const devices: ScannerInfo[] = [];
    await this.runScript(wiaListArgs(), async (event) => {
      if (event.event === 'device') devices.push({ kind: 'wia', id: event.id, name: event.name });
    }).catch(() => undefined);
    return devices;
  }

  async *scan(id: string, profile: ScanProfile, signal: AbortSignal): AsyncGenerator<CapturedPage> {
    validateScanProfile(profile);
    const dir = await mkdtemp(path.join(this.options.workDir ?? os.tmpdir(), 'quay-wia-'));
    const events = new AsyncQueue<WiaEvent>();
    let pages = 0;
    let announced = 0;
    let failure: AppError | null = null;
    let watchdog: Silence | null = null;
    try {
      const child = await this.start(wiaScanArgs(id, dir, profile), dir, events, (event) => {
        watchdog?.reset();
        if (event.event === 'page') announced++;
      });
      // Pages announced before the silence are still read: the queue fails only after them.
      watchdog = new Silence(this.pageTimeoutMs, () => {
        events.fail(new AppError('SCANNER_TIMEOUT', { scanner: id, pages: announced, seconds: Math.round(this.pageTimeoutMs / 1000) }));
        child.kill();
      });
      const onAbort = () => child.kill();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        for (let event = await events.next(); event !== null; event = await events.next()) {
          if (event.event === 'error') failure ??= wiaFailure(event.hresult, event.message, id, pages);
          if (event.event !== 'page') continue;
          yield { index: pages, ...(await this.readPage(event.path, id, pages)), resolutionDpi: profile.resolutionDpi, source: id };
          pages++;
        }
      } finally {
        watchdog.stop();
        signal.removeEventListener('abort', onAbort);
        child.kill();
      }
      if (signal.aborted) throw new AppError('SCANNER_CANCELLED', { pages });
      if (failure) throw failure;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** WIA drivers may hand back BMP whatever format was asked for; those become PNG here. */
  private async readPage(file: string, scanner: string, pages: number): Promise<Pick<CapturedPage, 'bytes' | 'mediaType'>> {
    const bytes = await readFile(file);
    await rm(file, { force: true });
    const type = sniffMediaType(bytes);
    if (type === 'image/png' || type === 'image/jpeg' || type === 'image/tiff') return { bytes, mediaType: type };
    const converted = await bmpToPng(bytes);
    if (!converted) throw new AppError('SCANNER_BAD_PAGE', { scanner, page: pages + 1 });
    return { bytes: converted, mediaType: 'image/png' };
  }

  private async start(
    scriptArgs: string[],
    dir: string,
    events: AsyncQueue<WiaEvent>,
    onEvent?: (event: WiaEvent) => void,
  ): Promise<WiaProcess> {
    const scriptPath = path.join(dir, 'quay-wia.ps1');
    // A BOM makes Windows PowerShell 5.1 read the file as UTF-8.
    await writeFile(scriptPath, `\uFEFF${WIA_SCRIPT}`, 'utf8');
    const child = this.spawn(this.command, powershellArgs(scriptPath, scriptArgs));
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (rest + chunk).split(/\r?\n/);
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const event = parseWiaLine(line);
        if (!event) continue;
        onEvent?.(event);
        events.push(event);
      }
    });
    child.on('error', (error) =>
      events.fail(new AppError('SCANNER_DRIVER_UNAVAILABLE', { driver: 'WIA (PowerShell)', details: error.message })),
    );
    child.on('close', () => {
      const event = parseWiaLine(rest);
      if (event) events.push(event);
      events.close();
    });
    return child;
  }

  private async runScript(scriptArgs: string[], onEvent: (event: WiaEvent) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(path.join(this.options.workDir ?? os.tmpdir(), 'quay-wia-'));
    try {
      const events = new AsyncQueue<WiaEvent>();
      await this.start(scriptArgs, dir, events);
      for (let event = await events.next(); event !== null; event = await events.next()) await onEvent(event);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
