import fs from 'node:fs';
import type { SerialPort } from 'serialport';
import type { BarcodeReader, ReaderCallbacks } from './reader';

export interface SerialReaderOptions {
  path: string;
  baudRate?: number;
  /** What ends a scan: CR by default, as most readers in USB-COM mode send. */
  terminator?: string;
  /** A scan without terminator ends after this quiet time. */
  idleMs?: number;
  /** How often a reader that went away is looked for again. */
  reopenMs?: number;
}

const decoder = new TextDecoder('utf-8');

/**
 * A reader in USB-COM / CDC-ACM mode through `serialport`. Bytes are collected until the
 * terminator and decoded as UTF-8 per scan, so a Vietnamese letter split across two reads arrives
 * whole. An unplugged reader is reopened when it comes back (hot-plug), without a restart.
 */
export class SerialReader implements BarcodeReader {
  private port: SerialPort | null = null;
  private buffer = Buffer.alloc(0);
  private idleTimer: NodeJS.Timeout | undefined;
  private reopenTimer: NodeJS.Timeout | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly terminator: Buffer;

  constructor(
    readonly id: string,
    private readonly options: SerialReaderOptions,
    private readonly callbacks: ReaderCallbacks,
  ) {
    this.terminator = Buffer.from(options.terminator ?? '\r', 'utf8');
  }

  /** A reader not plugged in yet is reported and looked for again, like one unplugged later. */
  async start(): Promise<void> {
    this.stopped = false;
    try {
      await this.open();
    } catch (error) {
      this.callbacks.onState(this.id, 'disconnected', error instanceof Error ? error.message : String(error));
      this.scheduleReopen();
    }
  }

  private async open(): Promise<void> {
    // serialport loads a native binding: it comes with the first serial reader, not with the core.
    const serialport = await import('serialport');
    return new Promise((resolve, reject) => {
      const port = new serialport.SerialPort({ path: this.options.path, baudRate: this.options.baudRate ?? 9600, autoOpen: false });
      port.open((error) => {
        if (error) return reject(error);
        this.port = port;
        port.on('data', (chunk: Buffer) => this.receive(chunk));
        port.on('close', () => this.lost('closed'));
        port.on('error', (e) => this.lost(e.message));
        this.callbacks.onState(this.id, 'connected');
        this.watchPresence();
        resolve();
      });
    });
  }

  /**
   * Not every system reports an unplugged serial device as an error on the open port (a pty's
   * hang-up may go unnoticed), so the device is also looked for: a /dev node disappears on
   * unplug; a Windows COM port leaves the port list.
   */
  private watchPresence(): void {
    clearInterval(this.presenceTimer);
    this.presenceTimer = setInterval(() => {
      void this.present().then((here) => {
        if (!here) this.lost('device removed');
      });
    }, this.options.reopenMs ?? 1000);
    this.presenceTimer.unref();
  }

  private async present(): Promise<boolean> {
    if (this.options.path.startsWith('/')) return fs.existsSync(this.options.path);
    return (await (await import('serialport')).SerialPort.list()).some((p) => p.path === this.options.path);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (let end = this.buffer.indexOf(this.terminator); end >= 0; end = this.buffer.indexOf(this.terminator)) {
      this.emit(this.buffer.subarray(0, end));
      this.buffer = this.buffer.subarray(end + this.terminator.length);
    }
    clearTimeout(this.idleTimer);
    if (this.buffer.length > 0) this.idleTimer = setTimeout(() => this.flush(), this.options.idleMs ?? 300);
  }

  private flush(): void {
    const rest = this.buffer;
    this.buffer = Buffer.alloc(0);
    this.emit(rest);
  }

  private emit(bytes: Buffer): void {
    // A terminator of CR also leaves the LF of CR LF readers at the start of the next scan.
    const text = decoder.decode(bytes).replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (text) this.callbacks.onScan({ readerId: this.id, text, symbology: null });
  }

  private lost(detail: string): void {
    const port = this.port;
    if (!port) return;
    this.port = null;
    clearInterval(this.presenceTimer);
    port.removeAllListeners();
    // A port already gone may still report its close failing; that is not news any more.
    port.on('error', () => undefined);
    if (port.isOpen) port.close(() => undefined);
    clearTimeout(this.idleTimer);
    if (this.buffer.length > 0) this.flush();
    if (this.stopped) return;
    this.callbacks.onState(this.id, 'disconnected', detail);
    this.scheduleReopen();
  }

  private scheduleReopen(): void {
    this.reopenTimer = setTimeout(() => {
      if (this.stopped) return;
      this.open().catch(() => this.scheduleReopen());
    }, this.options.reopenMs ?? 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.idleTimer);
    clearTimeout(this.reopenTimer);
    clearInterval(this.presenceTimer);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
