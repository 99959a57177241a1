import net from 'node:net';
import { PNG } from 'pngjs';

/**
 * A receipt printer on 127.0.0.1 (docs/devices.md §2.6): listens like a TCP 9100 printer, parses the
 * ESC/POS stream as it arrives, answers `DLE EOT` with configurable status bytes, stitches the
 * `GS v 0` bands back into one 1-bit image, captures native QR (`GS ( k`) content and the cut,
 * and can reset the connection part-way through a job.
 */

export interface StatusBytes {
  printer: number;
  offlineCause: number;
  errorCause: number;
  paper: number;
}

const FIXED = 0x12;
export const PRINTER_STATES = {
  ready: { printer: FIXED, offlineCause: FIXED, errorCause: FIXED, paper: FIXED },
  paperNearEnd: { printer: FIXED, offlineCause: FIXED, errorCause: FIXED, paper: FIXED | 0x0c },
  paperOut: { printer: FIXED | 0x08, offlineCause: FIXED | 0x20, errorCause: FIXED, paper: FIXED | 0x0c | 0x60 },
  coverOpen: { printer: FIXED | 0x08, offlineCause: FIXED | 0x04, errorCause: FIXED, paper: FIXED },
  offline: { printer: FIXED | 0x08, offlineCause: FIXED, errorCause: FIXED, paper: FIXED },
  cutterJam: { printer: FIXED | 0x08, offlineCause: FIXED | 0x40, errorCause: FIXED | 0x08, paper: FIXED },
} satisfies Record<string, StatusBytes>;

export interface DecodedImage {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

export interface NativeQr {
  text: string;
  model: number | null;
  moduleSize: number | null;
  errorLevel: number | null;
  /** Rows of raster printed before the symbol. */
  atRow: number;
}

export interface DecodedJob {
  raw: Buffer;
  /** `end` when the client closed normally, `reset` when the peer cut it off. */
  ended: 'end' | 'reset';
  initialized: boolean;
  image: DecodedImage;
  bandHeights: number[];
  qrs: NativeQr[];
  cut: boolean;
  statusQueries: number[];
  /** Offsets of bytes the parser did not understand; a well-formed job has none. */
  unknown: number[];
  problems: string[];
}

export class StreamParser {
  private pending = Buffer.alloc(0);
  private offset = 0;
  private rows: Buffer[] = [];
  private qr: Omit<NativeQr, 'atRow' | 'text'> & { stored: string | null } = {
    model: null,
    moduleSize: null,
    errorLevel: null,
    stored: null,
  };
  readonly job: Omit<DecodedJob, 'raw' | 'ended' | 'image'> = {
    initialized: false,
    bandHeights: [],
    qrs: [],
    cut: false,
    statusQueries: [],
    unknown: [],
    problems: [],
  };
  private bytesPerRow = 0;
  private height = 0;

  constructor(private readonly answer: (query: number) => void) {}

  feed(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      const used = this.step(this.pending);
      if (used === 0) break;
      this.pending = this.pending.subarray(used);
      this.offset += used;
    }
  }

  image(): DecodedImage {
    if (this.pending.length > 0) this.job.problems.push(`${this.pending.length} trailing bytes of an unfinished command`);
    return {
      width: this.bytesPerRow * 8,
      height: this.height,
      bytesPerRow: this.bytesPerRow,
      data: new Uint8Array(Buffer.concat(this.rows)),
    };
  }

  /** Parses one command at the start of `b`; 0 when more bytes are needed. */
  private step(b: Buffer): number {
    if (b.length === 0) return 0;
    const need = (n: number) => (b.length >= n ? n : 0);
    switch (b[0]) {
      case 0x0a:
        return 1;
      case 0x10:
        if (b.length < 3) return 0;
        if (b[1] === 0x04) {
          this.job.statusQueries.push(b[2]!);
          this.answer(b[2]!);
          return 3;
        }
        break;
      case 0x1b:
        if (b.length < 2) return 0;
        if (b[1] === 0x40) {
          this.job.initialized = true;
          this.qr = { model: null, moduleSize: null, errorLevel: null, stored: null };
          return 2;
        }
        if (b[1] === 0x61 || b[1] === 0x64 || b[1] === 0x74) return need(3);
        break;
      case 0x1c:
        if (b.length < 2) return 0;
        if (b[1] === 0x2e) return 2;
        break;
      case 0x1d:
        if (b.length < 2) return 0;
        if (b[1] === 0x76) return this.raster(b);
        if (b[1] === 0x28) return this.qrFunction(b);
        if (b[1] === 0x56) {
          if (b.length < 3) return 0;
          this.job.cut = true;
          return b[2] === 65 || b[2] === 66 ? need(4) : 3;
        }
        break;
    }
    this.job.unknown.push(this.offset);
    return 1;
  }

  private raster(b: Buffer): number {
    if (b.length < 8) return 0;
    if (b[2] !== 0x30 || b[3] !== 0x00) this.job.problems.push(`GS v 0 with m=${b[3]} at ${this.offset}`);
    const x = b[4]! + 256 * b[5]!;
    const y = b[6]! + 256 * b[7]!;
    if (b.length < 8 + x * y) return 0;
    if (this.bytesPerRow !== 0 && this.bytesPerRow !== x) this.job.problems.push(`band of ${x} bytes/row after ${this.bytesPerRow}`);
    this.bytesPerRow = x;
    this.rows.push(Buffer.from(b.subarray(8, 8 + x * y)));
    this.height += y;
    this.job.bandHeights.push(y);
    return 8 + x * y;
  }

  private qrFunction(b: Buffer): number {
    if (b.length < 5) return 0;
    if (b[2] !== 0x6b) {
      this.job.problems.push(`GS ( ${b[2]} not handled`);
      const length = b[3]! + 256 * b[4]!;
      return need(b, 5 + length);
    }
    const length = b[3]! + 256 * b[4]!;
    if (b.length < 5 + length) return 0;
    const cn = b[5];
    const fn = b[6];
    const data = b.subarray(7, 5 + length);
    if (cn !== 0x31) this.job.problems.push(`GS ( k cn=${cn}`);
    else if (fn === 0x41) this.qr.model = data[0] === 0x32 ? 2 : 1;
    else if (fn === 0x43) this.qr.moduleSize = data[0]!;
    else if (fn === 0x45) this.qr.errorLevel = data[0]!;
    else if (fn === 0x50) this.qr.stored = data.subarray(1).toString('latin1');
    else if (fn === 0x51) {
      if (this.qr.stored === null) this.job.problems.push('QR printed before any data was stored');
      else
        this.job.qrs.push({
          text: this.qr.stored,
          model: this.qr.model,
          moduleSize: this.qr.moduleSize,
          errorLevel: this.qr.errorLevel,
          atRow: this.height,
        });
    } else this.job.problems.push(`GS ( k fn=${fn}`);
    return 5 + length;
  }
}

function need(b: Buffer, n: number): number {
  return b.length >= n ? n : 0;
}

export class EscPosTcpPeer {
  status: StatusBytes = PRINTER_STATES.ready;
  /** False: stay silent on `DLE EOT`, as some printers do. */
  answerStatus = true;
  /** Switches to another status once this many bytes of a job have arrived: paper running out mid-job. */
  statusAfter: { bytes: number; status: StatusBytes } | null = null;
  /** Cuts the connection off with a TCP reset once this many bytes of a job have arrived. */
  resetAfterBytes: number | null = null;
  readonly jobs: DecodedJob[] = [];
  private readonly server = net.createServer((socket) => this.serve(socket));
  private waiters: { from: number; resolve: (job: DecodedJob) => void }[] = [];
  private accepted = 0;

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  /** The job of the next connection, once it ends normally or is reset; earlier connections still closing are not it. */
  nextJob(): Promise<DecodedJob> {
    return new Promise((resolve) => this.waiters.push({ from: this.accepted, resolve }));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    const id = this.accepted++;
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const parser = new StreamParser((query) => {
      if (!this.answerStatus) return;
      const status = this.statusAfter && received >= this.statusAfter.bytes ? this.statusAfter.status : this.status;
      const byte = [status.printer, status.offlineCause, status.errorCause, status.paper][query - 1];
      if (byte !== undefined && !socket.destroyed) socket.write(Uint8Array.of(byte));
    });
    const finish = (ended: DecodedJob['ended']) => {
      if (done) return;
      done = true;
      const job: DecodedJob = { raw: Buffer.concat(chunks), ended, image: parser.image(), ...parser.job };
      this.jobs.push(job);
      const ready = this.waiters.filter((w) => w.from <= id);
      this.waiters = this.waiters.filter((w) => w.from > id);
      for (const waiter of ready) waiter.resolve(job);
    };
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      const limit = this.resetAfterBytes;
      const take = limit === null ? chunk : chunk.subarray(0, Math.max(0, limit - received));
      chunks.push(take);
      received += take.length;
      parser.feed(take);
      if (limit !== null && received >= limit) {
        socket.resetAndDestroy();
        finish('reset');
      }
    });
    socket.on('end', () => finish('end'));
    socket.on('error', () => finish('reset'));
    socket.on('close', () => finish('reset'));
  }
}

/** The stitched 1-bit image as a black-on-white PNG, for QR decoders. */
export function decodedImagePng(image: DecodedImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const black = (image.data[y * image.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
      png.data.fill(black ? 0 : 255, (y * image.width + x) * 4, (y * image.width + x) * 4 + 3);
      png.data[(y * image.width + x) * 4 + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}
