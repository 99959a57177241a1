import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/**
 * A DNS-SD responder on loopback, answering the way an eSCL scanner's mDNS stack answers a legacy
 * unicast query: PTR for `_uscan._tcp.local` in the answers, SRV, TXT (rs, ty) and A in the
 * additional section, names compressed against earlier ones.
 */
export interface AdvertisedScanner {
  instance: string;
  host: string;
  address: string;
  port: number;
  rs: string;
  ty: string;
}

class Writer {
  readonly bytes: number[] = [];
  private readonly names = new Map<string, number>();

  u16(value: number): void {
    this.bytes.push(value >> 8, value & 0xff);
  }

  /** Writes a name, pointing at an earlier copy of any suffix already written. */
  name(name: string): void {
    const labels = name.split('.');
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.').toLowerCase();
      const at = this.names.get(suffix);
      if (at !== undefined) return this.u16(0xc000 | at);
      this.names.set(suffix, this.bytes.length);
      const label = [...Buffer.from(labels[i]!, 'utf8')];
      this.bytes.push(label.length, ...label);
    }
    this.bytes.push(0);
  }

  record(name: string, type: number, data: (w: Writer) => void): void {
    this.name(name);
    this.u16(type);
    this.u16(0x8001);
    this.bytes.push(0, 0, 0x11, 0x94);
    const lengthAt = this.bytes.length;
    this.u16(0);
    data(this);
    const length = this.bytes.length - lengthAt - 2;
    this.bytes[lengthAt] = length >> 8;
    this.bytes[lengthAt + 1] = length & 0xff;
  }
}

function response(scanners: readonly AdvertisedScanner[]): Buffer {
  const w = new Writer();
  w.bytes.push(0, 0, 0x84, 0);
  w.u16(0);
  w.u16(scanners.length);
  w.u16(0);
  w.u16(scanners.length * 3);
  const service = '_uscan._tcp.local';
  for (const s of scanners) w.record(service, 12, (x) => x.name(`${s.instance}.${service}`));
  for (const s of scanners) {
    const instance = `${s.instance}.${service}`;
    w.record(instance, 33, (x) => {
      x.u16(0);
      x.u16(0);
      x.u16(s.port);
      x.name(s.host);
    });
    w.record(instance, 16, (x) => {
      for (const entry of [`txtvers=1`, `rs=${s.rs}`, `ty=${s.ty}`]) {
        const bytes = [...Buffer.from(entry, 'utf8')];
        x.bytes.push(bytes.length, ...bytes);
      }
    });
    w.record(s.host, 1, (x) => x.bytes.push(...s.address.split('.').map(Number)));
  }
  return Buffer.from(w.bytes);
}

export class MdnsResponder {
  readonly questions: string[] = [];

  private constructor(
    private readonly socket: Socket,
    private readonly scanners: readonly AdvertisedScanner[],
  ) {
    socket.on('message', (message, remote) => {
      // The question's name starts at byte 12; only eSCL browsing is answered.
      const asked = decodeName(message, 12);
      this.questions.push(asked);
      if (asked.toLowerCase() === '_uscan._tcp.local') socket.send(response(this.scanners), remote.port, remote.address);
    });
  }

  static async start(scanners: readonly AdvertisedScanner[]): Promise<MdnsResponder> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new MdnsResponder(socket, scanners);
  }

  get target(): { address: string; port: number } {
    return { address: '127.0.0.1', port: (this.socket.address() as AddressInfo).port };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

function decodeName(message: Buffer, offset: number): string {
  const labels: string[] = [];
  for (let at = offset; at < message.length && message[at]! > 0; at += message[at]! + 1)
    labels.push(message.toString('utf8', at + 1, at + 1 + message[at]!));
  return labels.join('.');
}
