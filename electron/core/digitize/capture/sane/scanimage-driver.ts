import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../../../shared/ipc/result';
import type { CapturedPage, ScannerInfo, ScanProfile } from '../../types';
import { AsyncQueue } from '../async-queue';
import { sniffMediaType } from '../media-type';
import type { ScannerDriver } from '../scanner-driver';
import { validateScanProfile } from '../scan-profile';
import { sourceLabel } from '../source-label';
import { Silence } from '../silence';
import { stopProcess } from '../stop-process';
import { scanimageFailure } from './scanimage-errors';
import { parseDeviceOptions, pickMode, pickResolution, pickSource } from './scanimage-options';

export interface SaneDriverOptions {
  /** The `scanimage` program; a path only where it is not on PATH. */
  command?: string;
  /** Extra environment, e.g. SANE_CONFIG_DIR for a private configuration. */
  env?: NodeJS.ProcessEnv;
  /** Device-specific arguments appended to every scan (e.g. a test picture for the test backend). */
  extraArgs?: readonly string[];
  /** Where each batch's page files are written before they are read back; the OS temp folder by default. */
  workDir?: string;
  /**
   * Silence from a running batch beyond this means the scanner hangs (a backend stuck in a USB
   * read never returns): the process is stopped and the batch ends with SCANNER_TIMEOUT after
   * the pages already captured. A 600 dpi colour page on a slow feeder takes well under it.
   */
  pageTimeoutMs?: number;
  /** The same for listing and describing devices, which may probe slow network backends. */
  queryTimeoutMs?: number;
}

interface RunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

const STDERR_LIMIT = 64 * 1024;
const PAGE_TIMEOUT_MS = 120_000;
const QUERY_TIMEOUT_MS = 60_000;

/**
 * SANE through `scanimage` (Linux; docs/devices.md §1.3). A batch runs as one process writing
 * `--batch` files; `--batch-print` names each file on stdout only after scanimage has renamed it
 * from `.part`, so every announced file is a complete page. The exit status (= SANE_Status) and
 * stderr decide the error, which is raised after the pages already read.
 */
export class SaneDriver implements ScannerDriver {
  readonly kind = 'sane' as const;
  private readonly command: string;
  private readonly pageTimeoutMs: number;
  private readonly queryTimeoutMs: number;

  constructor(private readonly options: SaneDriverOptions = {}) {
    this.command = options.command ?? 'scanimage';
    this.pageTimeoutMs = options.pageTimeoutMs ?? PAGE_TIMEOUT_MS;
    this.queryTimeoutMs = options.queryTimeoutMs ?? QUERY_TIMEOUT_MS;
  }

  async list(): Promise<ScannerInfo[]> {
    const result = await this.run(['-f', '%d|%v|%m|%t%n']);
    if (result.exitCode !== 0) return [];
    return result.stdout
      .split('\n')
      .map((line) => line.split('|'))
      .filter((fields): fields is [string, string, string, string] => fields.length === 4 && fields[0] !== '')
      .map(([id, vendor, model]) => ({ kind: 'sane' as const, id, name: `${vendor} ${model}`.trim() }));
  }

  async *scan(id: string, profile: ScanProfile, signal: AbortSignal): AsyncGenerator<CapturedPage> {
    validateScanProfile(profile);
    const args = await this.scanArgs(id, profile);
    const dir = await mkdtemp(path.join(this.options.workDir ?? os.tmpdir(), 'quay-sane-'));
    const files = new AsyncQueue<string>();
    let stderr = '';
    let announced = 0;
    let pages = 0;
    const child = spawn(this.command, [...args, `--batch=${path.join(dir, 'page-%04d.png')}`, '--batch-print'], {
      env: { ...process.env, ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onAbort = () => child.kill('SIGTERM');
    signal.addEventListener('abort', onAbort, { once: true });
    // Pages announced before the silence are still read: the queue fails only after them.
    const watchdog = new Silence(this.pageTimeoutMs, () => {
      files.fail(new AppError('SCANNER_TIMEOUT', { scanner: id, pages: announced, seconds: Math.round(this.pageTimeoutMs / 1000) }));
      stopProcess(child);
    });
    let stdoutRest = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      watchdog.reset();
      const lines = (stdoutRest + chunk).split('\n');
      stdoutRest = lines.pop() ?? '';
      for (const line of lines.map((text) => text.trim()).filter(Boolean)) {
        announced++;
        files.push(line);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      watchdog.reset();
      if (stderr.length < STDERR_LIMIT) stderr += chunk;
    });
    child.on('error', (error) => files.fail(this.unavailable(error)));
    child.on('close', (exitCode, signalCode) => {
      watchdog.stop();
      if (stdoutRest.trim()) {
        announced++;
        files.push(stdoutRest.trim());
      }
      if (signal.aborted) return files.fail(new AppError('SCANNER_CANCELLED', { pages: announced }));
      // Killed from outside (the device's process gone, the system short of memory): nothing on stderr says why.
      const said = signalCode ? `${stderr}\nscanimage: ended by ${signalCode}` : stderr;
      const failure = scanimageFailure({ exitCode, stderr: said, scanner: id, pages: announced });
      if (failure) files.fail(failure);
      else files.close();
    });
    try {
      for (let file = await files.next(); file !== null; file = await files.next()) {
        const bytes = await readFile(file);
        await rm(file, { force: true });
        if (sniffMediaType(bytes) !== 'image/png') throw new AppError('SCANNER_BAD_PAGE', { scanner: id, page: pages + 1 });
        yield { index: pages, bytes, mediaType: 'image/png', resolutionDpi: profile.resolutionDpi, source: id };
        pages++;
      }
    } finally {
      watchdog.stop();
      signal.removeEventListener('abort', onAbort);
      stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async scanArgs(id: string, profile: ScanProfile): Promise<string[]> {
    const described = await this.run(['-d', id, '-A'], id);
    if (described.exitCode !== 0) {
      throw (
        scanimageFailure({ exitCode: described.exitCode, stderr: described.stderr, scanner: id, pages: 0 }) ??
        new AppError('SCANNER_NOT_FOUND', { scanner: id })
      );
    }
    const options = parseDeviceOptions(described.stdout);
    const args = ['-d', id, '--format=png', '--resolution', String(pickResolution(options, profile.resolutionDpi))];
    const mode = pickMode(options, profile.colorMode);
    if (mode) args.push('--mode', mode);
    const source = pickSource(options, profile.source, id, sourceLabel(profile.source));
    if (source) args.push('--source', source);
    // On a flatbed scanimage would scan the same sheet again and again; one is the batch.
    if (profile.source === 'flatbed') args.push('--batch-count=1');
    return [...args, ...(this.options.extraArgs ?? [])];
  }

  private run(args: string[], scanner = 'SANE (scanimage)'): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.command, args, { env: { ...process.env, ...this.options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const watchdog = new Silence(this.queryTimeoutMs, () => {
        stopProcess(child);
        reject(new AppError('SCANNER_TIMEOUT', { scanner, pages: 0, seconds: Math.round(this.queryTimeoutMs / 1000) }));
      });
      child.on('error', (error) => {
        watchdog.stop();
        reject(this.unavailable(error));
      });
      child.on('close', (exitCode) => {
        watchdog.stop();
        resolve({ exitCode, stdout, stderr });
      });
    });
  }

  private unavailable(error: Error): AppError {
    return new AppError('SCANNER_DRIVER_UNAVAILABLE', { driver: 'SANE (scanimage)', details: error.message });
  }
}
