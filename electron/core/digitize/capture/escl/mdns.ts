/**
 * Just enough DNS (RFC 1035) to browse DNS-SD services over multicast DNS (RFC 6762/6763): a PTR
 * question, and the PTR/SRV/TXT/A records of the answers, compressed names included.
 */

export const DNS_TYPE = { A: 1, PTR: 12, TXT: 16, SRV: 33 } as const;

export type DnsRecord =
  | { type: typeof DNS_TYPE.PTR; name: string; target: string }
  | { type: typeof DNS_TYPE.SRV; name: string; port: number; target: string }
  | { type: typeof DNS_TYPE.TXT; name: string; entries: Record<string, string> }
  | { type: typeof DNS_TYPE.A; name: string; address: string };

/** A one-question query; id 0 and no flags, as mDNS wants. */
export function ptrQuery(service: string): Uint8Array {
  const labels = service.split('.').filter(Boolean);
  const name = labels.flatMap((label) => {
    const bytes = [...new TextEncoder().encode(label)];
    return [bytes.length, ...bytes];
  });
  return Uint8Array.from([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...name, 0, 0, DNS_TYPE.PTR, 0, 1]);
}

class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public offset = 0,
  ) {}

  u8(): number {
    if (this.offset >= this.bytes.length) throw new RangeError('DNS message cut short');
    return this.bytes[this.offset++]!;
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  skip(count: number): void {
    if (this.offset + count > this.bytes.length) throw new RangeError('DNS message cut short');
    this.offset += count;
  }

  slice(count: number): Uint8Array {
    const part = this.bytes.subarray(this.offset, this.offset + count);
    this.skip(count);
    return part;
  }

  /**
   * A possibly compressed name; a pointer loop or a name over 255 bytes is refused. After a
   * pointer the reading goes on elsewhere, but this reader resumes just after the pointer.
   */
  name(): string {
    const labels: string[] = [];
    let at = this.offset;
    let resumeAt: number | null = null;
    let jumps = 0;
    const byte = () => {
      if (at >= this.bytes.length) throw new RangeError('DNS message cut short');
      return this.bytes[at++]!;
    };
    for (;;) {
      const length = byte();
      if (length === 0) break;
      if ((length & 0xc0) === 0xc0) {
        if (++jumps > 16) throw new RangeError('DNS name pointer loop');
        const target = ((length & 0x3f) << 8) | byte();
        resumeAt ??= at;
        at = target;
        continue;
      }
      if (at + length > this.bytes.length) throw new RangeError('DNS message cut short');
      labels.push(new TextDecoder().decode(this.bytes.subarray(at, at + length)));
      at += length;
      if (labels.join('.').length > 255) throw new RangeError('DNS name too long');
    }
    this.offset = resumeAt ?? at;
    return labels.join('.');
  }
}

function txtEntries(data: Uint8Array): Record<string, string> {
  const entries: Record<string, string> = {};
  const reader = new Reader(data);
  while (reader.offset < data.length) {
    const text = new TextDecoder().decode(reader.slice(reader.u8()));
    const at = text.indexOf('=');
    if (at > 0) entries[text.slice(0, at).toLowerCase()] = text.slice(at + 1);
  }
  return entries;
}

/** The answer and additional records a responder sent; anything malformed yields what was read before it. */
export function parseDnsRecords(message: Uint8Array): DnsRecord[] {
  const records: DnsRecord[] = [];
  try {
    const reader = new Reader(message);
    reader.skip(4);
    const questions = reader.u16();
    const count = reader.u16() + reader.u16() + reader.u16();
    for (let i = 0; i < questions; i++) {
      reader.name();
      reader.skip(4);
    }
    for (let i = 0; i < count; i++) {
      const name = reader.name();
      const type = reader.u16();
      reader.skip(6);
      const length = reader.u16();
      const start = reader.offset;
      if (type === DNS_TYPE.PTR) records.push({ type, name, target: reader.name() });
      else if (type === DNS_TYPE.SRV) {
        reader.skip(4);
        records.push({ type, name, port: reader.u16(), target: reader.name() });
      } else if (type === DNS_TYPE.TXT) records.push({ type, name, entries: txtEntries(message.subarray(start, start + length)) });
      else if (type === DNS_TYPE.A && length === 4)
        records.push({ type, name, address: [...message.subarray(start, start + 4)].join('.') });
      reader.offset = start + length;
    }
  } catch {
    // A truncated or hostile packet: keep the complete records before the fault.
  }
  return records;
}

export interface EsclService {
  /** Base URL for the eSCL driver, e.g. http://192.168.1.50:80/eSCL */
  url: string;
  name: string;
}

const lower = (name: string) => name.toLowerCase();

/**
 * eSCL scanners from the records of one or more responses (Mopria eSCL spec: service
 * `_uscan._tcp` or `_uscans._tcp`, TXT `rs` = resource path, `ty` = make and model). The host's
 * address comes from its A record, else from where the response came from.
 */
export function esclServices(records: readonly DnsRecord[], fallbackAddress: string | null): EsclService[] {
  const find = <T extends DnsRecord['type']>(type: T, name: string) =>
    records.find((r): r is Extract<DnsRecord, { type: T }> => r.type === type && lower(r.name) === lower(name));
  const services: EsclService[] = [];
  for (const ptr of records) {
    if (ptr.type !== DNS_TYPE.PTR || !/^_uscans?\._tcp\.local$/i.test(ptr.name)) continue;
    const srv = find(DNS_TYPE.SRV, ptr.target);
    if (!srv) continue;
    const txt = find(DNS_TYPE.TXT, ptr.target)?.entries ?? {};
    const address = find(DNS_TYPE.A, srv.target)?.address ?? fallbackAddress;
    if (!address) continue;
    const scheme = /^_uscans\./i.test(ptr.name) ? 'https' : 'http';
    const resource = (txt.rs ?? 'eSCL').replace(/^\/+|\/+$/g, '');
    services.push({ url: `${scheme}://${address}:${srv.port}/${resource}`, name: txt.ty || ptr.target.split('.')[0]! });
  }
  return services;
}
