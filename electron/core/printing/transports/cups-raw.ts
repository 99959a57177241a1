import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { AppError } from '../../../../shared/ipc/result';
import type { PrinterConnection, PrinterTransport } from './transport';

export interface CupsRawOptions {
  /** The CUPS queue, e.g. one made with `lpadmin -p thermal -v socket://host:9100 -E` (no model = raw). */
  queue: string;
  /** A CUPS server other than the local default (`lp -h host:port`). */
  server?: string;
  /** The `lp` program; a path only where it is not on PATH. */
  command?: string;
  timeoutMs?: number;
  title?: string;
}

/** CUPS allows any printable name without space, tab, `/`, `#`; a leading `-` would read as an option. */
const QUEUE_NAME = /^(?!-)[^\s/#\\]{1,127}$/;

/**
 * The Linux spooler: `lp -d <queue> -o raw` with the job on stdin, byte-identical on the wire
 * (docs/devices.md §2.4). One-way: CUPS accepting the job says nothing about paper or cover, so no job
 * sent this way is ever reported as printed.
 */
export class CupsRawTransport implements PrinterTransport {
  readonly label: string;
  private readonly command: string;
  private readonly timeoutMs: number;
  private readonly title: string;
  private readonly server: string | null;

  constructor(options: CupsRawOptions) {
    if (!QUEUE_NAME.test(options.queue)) throw new AppError('PRINTER_CONFIG_INVALID', { details: `“${options.queue}”` });
    this.label = options.queue;
    this.command = options.command ?? 'lp';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.title = options.title ?? 'Phieu';
    this.server = options.server ?? null;
  }

  open(): Promise<PrinterConnection> {
    return new Promise((resolve, reject) => {
      const server = this.server ? ['-h', this.server] : [];
      const child = spawn(this.command, [...server, '-d', this.label, '-o', 'raw', '-t', this.title], { stdio: ['pipe', 'pipe', 'pipe'] });
      child.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'ENOENT'
            ? new AppError('PRINTER_SPOOLER_MISSING', { command: this.command })
            : new AppError('PRINTER_SPOOLER_FAILED', { printer: this.label, details: error.message }),
        );
      });
      child.once('spawn', () => resolve(new LpConnection(child, this.label, this.timeoutMs)));
    });
  }
}

function spoolerError(code: number | null, stderr: string, printer: string): AppError {
  if (/does not exist|unknown destination|no such (printer|destination)/i.test(stderr))
    return new AppError('PRINTER_QUEUE_NOT_FOUND', { printer });
  if (/not accepting|disabled|paused/i.test(stderr)) return new AppError('PRINTER_OFFLINE', { printer });
  const detail = stderr.trim().split('\n')[0]?.slice(0, 300) || `exit ${code}`;
  return new AppError('PRINTER_SPOOLER_FAILED', { printer, details: detail });
}

class LpConnection implements PrinterConnection {
  readonly queryStatus = null;
  private stderr = '';
  private readonly exit: Promise<number | null>;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly label: string,
    private readonly timeoutMs: number,
  ) {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      this.stderr = (this.stderr + text).slice(-4000);
    });
    child.stdout.resume();
    // lp that dies early (unknown queue) closes stdin; the exit code and stderr then explain why.
    child.stdin.on('error', () => undefined);
    this.exit = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.child.stdin.write(bytes, (error) => {
        if (!error) return resolve();
        void this.exit.then((code) => reject(spoolerError(code, this.stderr, this.label)));
      });
    });
  }

  async finish(): Promise<void> {
    this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    const code = await Promise.race([this.exit, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') {
      this.child.kill();
      throw new AppError('PRINTER_TIMEOUT', { printer: this.label, seconds: Math.round(this.timeoutMs / 1000) });
    }
    if (code !== 0) throw spoolerError(code, this.stderr, this.label);
  }

  abort(): void {
    this.child.kill();
  }
}
