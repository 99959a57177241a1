import net from 'node:net';
import { AppError } from '../../../../shared/ipc/result';
import { isStatusByte } from '../printer-status';
import type { PrinterConnection, PrinterTransport, StatusQuery } from './transport';

export interface Tcp9100Options {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
  /** Longest wait for a write to drain or for the printer to close after the job. */
  ioTimeoutMs?: number;
  statusTimeoutMs?: number;
  /** Off only for printers that never answer `DLE EOT`; jobs are then reported as handed over. */
  statusQuery?: boolean;
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

function mapSocketError(error: unknown, printer: string, connected: boolean, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  if (!connected && OFFLINE_CODES.has(code)) return new AppError('PRINTER_OFFLINE', { printer });
  if (code === 'ETIMEDOUT') return new AppError('PRINTER_TIMEOUT', { printer, seconds: seconds(timeoutMs) });
  return connected ? new AppError('PRINTER_CONNECTION_RESET', { printer }) : new AppError('PRINTER_OFFLINE', { printer });
}

/**
 * Raw TCP to port 9100 (docs/devices.md §2.4): one connection per job, because many printers accept only
 * one at a time; real-time status is read back on the same socket.
 */
export class Tcp9100Transport implements PrinterTransport {
  readonly label: string;
  private readonly port: number;
  private readonly connectTimeoutMs: number;
  private readonly ioTimeoutMs: number;
  private readonly statusTimeoutMs: number;
  private readonly statusQuery: boolean;

  constructor(private readonly options: Tcp9100Options) {
    this.port = options.port ?? 9100;
    if (!options.host.trim() || !Number.isInteger(this.port) || this.port < 1 || this.port > 65535) {
      throw new AppError('PRINTER_CONFIG_INVALID', { details: `${options.host}:${this.port}` });
    }
    this.label = `${options.host}:${this.port}`;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.ioTimeoutMs = options.ioTimeoutMs ?? 10_000;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 2000;
    this.statusQuery = options.statusQuery ?? true;
  }

  open(): Promise<PrinterConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.options.host, port: this.port });
      const timer = setTimeout(() => {
        socket.destroy();
        // A printer switched off on the LAN usually shows up as no answer at all.
        reject(new AppError('PRINTER_OFFLINE', { printer: this.label }));
      }, this.connectTimeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(mapSocketError(error, this.label, false, this.connectTimeoutMs));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        resolve(new TcpConnection(socket, this.label, this.ioTimeoutMs, this.statusTimeoutMs, this.statusQuery));
      });
    });
  }
}

class TcpConnection implements PrinterConnection {
  readonly queryStatus: ((query: StatusQuery) => Promise<number>) | null;
  private readonly received: number[] = [];
  private failure: AppError | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly socket: net.Socket,
    private readonly label: string,
    private readonly ioTimeoutMs: number,
    private readonly statusTimeoutMs: number,
    statusQuery: boolean,
  ) {
    this.queryStatus = statusQuery ? (query) => this.status(query) : null;
    socket.on('data', (chunk: Buffer) => {
      this.received.push(...chunk);
      this.notify();
    });
    socket.on('error', (error) => {
      this.failure ??= mapSocketError(error, label, true, ioTimeoutMs);
      this.notify();
    });
    // The printer hanging up before we finished is a broken job, whatever the reason.
    socket.on('end', () => {
      this.failure ??= new AppError('PRINTER_CONNECTION_RESET', { printer: label });
      this.notify();
    });
    socket.on('close', () => {
      this.failure ??= new AppError('PRINTER_CONNECTION_RESET', { printer: label });
      this.notify();
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private timeout(ms: number, code: 'PRINTER_TIMEOUT' | 'PRINTER_NO_STATUS'): AppError {
    return code === 'PRINTER_TIMEOUT'
      ? new AppError(code, { printer: this.label, seconds: seconds(ms) })
      : new AppError(code, { printer: this.label });
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(this.timeout(this.ioTimeoutMs, 'PRINTER_TIMEOUT')), this.ioTimeoutMs);
      // The callback runs once the bytes are handed to the kernel: the drain the caller waits for.
      this.socket.write(bytes, (error) => {
        clearTimeout(timer);
        if (error) reject(this.failure ?? mapSocketError(error, this.label, true, this.ioTimeoutMs));
        else resolve();
      });
    });
  }

  private async status(query: StatusQuery): Promise<number> {
    await this.write(Uint8Array.of(0x10, 0x04, query));
    const deadline = Date.now() + this.statusTimeoutMs;
    for (;;) {
      while (this.received.length > 0) {
        const value = this.received.shift()!;
        // Automatic status blocks and other unsolicited bytes are skipped, not read as an answer.
        if (isStatusByte(value)) return value;
      }
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw this.timeout(this.statusTimeoutMs, 'PRINTER_NO_STATUS');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  finish(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // All bytes were accepted; a printer that keeps its side open is not a failed job.
        this.socket.destroy();
        resolve();
      }, this.ioTimeoutMs);
      this.socket.removeAllListeners('end');
      this.socket.once('close', (hadError) => {
        clearTimeout(timer);
        if (hadError) reject(this.failure ?? new AppError('PRINTER_CONNECTION_RESET', { printer: this.label }));
        else resolve();
      });
      this.socket.end();
    });
  }

  abort(): void {
    this.socket.destroy();
  }
}
