import dns, { type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { addAbortSignal } from 'node:stream';

/**
 * Fetching one file a citizen attached online from the link the portal gave (TaiLieuNop.DuongDanTaiTepTin,
 * issue 15 §1). The link comes from outside, so the gateway follows it only as far as it must: http(s) only,
 * redirects only within the same host, a timeout on the whole exchange, a size cap read as the bytes arrive, and
 * only PDF, JPEG or PNG kept — by their first bytes, with a declared type that agrees (docs/architecture.md §8.1).
 *
 * Nothing inside the province's networks is reached (issue 17), unless allowed (tests): a link to `localhost` or
 * to a forbidden literal address is refused before any connection, and a host name is resolved by the socket's
 * own lookup, which refuses the name when any of its addresses is forbidden and otherwise connects to exactly
 * the addresses it vetted — so a name rebound between a check and the connection has nothing to slip through.
 * Forbidden: this host, private, shared (CGNAT), link-local (cloud metadata), unique-local, multicast and
 * reserved networks, and IPv6 forms that carry such an IPv4 address (mapped, compatible, NAT64, 6to4).
 */

/** Stable codes the counter shows for a file not available (shared/i18n/vi.ts). */
export const SUBMITTED_FILE_ERRORS = {
  /** Not an http(s) link, or one to a host or address the gateway does not fetch from. */
  linkRefused: 'ONLINE_FILE_LINK_REFUSED',
  /** A redirect to another host, or too many. */
  redirectRefused: 'ONLINE_FILE_REDIRECT_REFUSED',
  tooLarge: 'ONLINE_FILE_TOO_LARGE',
  typeNotAllowed: 'ONLINE_FILE_TYPE_NOT_ALLOWED',
  /** The portal did not answer with the file (down, slow, an error status): tried again later. */
  unreachable: 'ONLINE_FILE_UNREACHABLE',
} as const;
export type SubmittedFileError = (typeof SUBMITTED_FILE_ERRORS)[keyof typeof SUBMITTED_FILE_ERRORS];

export const SUBMITTED_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type SubmittedFileType = (typeof SUBMITTED_FILE_TYPES)[number];

export interface SubmittedFileFetchOptions {
  /** Larger files are refused; a scanned dossier component is a few MB. */
  maxBytes: number;
  /** The whole exchange, headers and body. */
  timeoutMs: number;
  /** Tests' portal simulator listens on 127.0.0.1; a production gateway never fetches from its own network. */
  allowPrivateAddresses: boolean;
  /** All the addresses of a host name, as `dns.promises.lookup` with `all` (the default); tests answer without DNS. */
  lookup?: (hostname: string) => Promise<readonly LookupAddress[]>;
}

export const DEFAULT_SUBMITTED_FILE_FETCH: SubmittedFileFetchOptions = {
  maxBytes: 20 * 1024 * 1024,
  timeoutMs: 30_000,
  allowPrivateAddresses: false,
};

export type SubmittedFileFetch =
  | { ok: true; bytes: Uint8Array; mediaType: SubmittedFileType }
  /** `retry`: a failure that may pass (the portal down or slow); otherwise the file is refused for good. */
  | { ok: false; code: SubmittedFileError; retry: boolean };

const MAX_REDIRECTS = 3;

/** The type by the file's first bytes, or null when it is none of PDF, JPEG, PNG. */
export function sniffSubmittedFileType(bytes: Uint8Array): SubmittedFileType | null {
  const b = bytes;
  if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return 'application/pdf';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  return null;
}

/** IPv4 networks no portal serves files from: BlockList also applies them to IPv4-mapped IPv6 (::ffff:a.b.c.d). */
const FORBIDDEN_IPV4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  // Multicast, reserved and broadcast.
  ['224.0.0.0', 3],
];

const FORBIDDEN_IPV6: readonly (readonly [string, number])[] = [
  // Unspecified, loopback and the IPv4-compatible form.
  ['::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  // 6to4 carries any IPv4 address.
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

const forbiddenAddresses = new BlockList();
for (const [network, prefix] of FORBIDDEN_IPV4) {
  forbiddenAddresses.addSubnet(network, prefix, 'ipv4');
  // The NAT64 well-known prefix reaches the IPv4 address it carries.
  forbiddenAddresses.addSubnet(`64:ff9b::${network}`, 96 + prefix, 'ipv6');
}
for (const [network, prefix] of FORBIDDEN_IPV6) forbiddenAddresses.addSubnet(network, prefix, 'ipv6');

/** An address in the gateway's own or private networks, or not an address at all. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return forbiddenAddresses.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A host refused by its text alone: `localhost` names (RFC 6761), and literal addresses, which no lookup sees. */
function refusedHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (isIP(host) !== 0) return isForbiddenAddress(host);
  return host === 'localhost' || host.endsWith('.localhost');
}

function allowedLink(link: string, options: SubmittedFileFetchOptions): URL | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  if (!options.allowPrivateAddresses && refusedHost(url.hostname)) return null;
  return url;
}

class ForbiddenAddressError extends Error {}

const systemLookup = (hostname: string) => dns.promises.lookup(hostname, { all: true });

/** The socket's lookup: the addresses it connects to are the ones vetted here, in the same resolution. */
function vettingLookup(options: SubmittedFileFetchOptions): LookupFunction {
  const resolve = options.lookup ?? systemLookup;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (found) => {
        if (!options.allowPrivateAddresses && found.some((a) => isForbiddenAddress(a.address)))
          return callback(new ForbiddenAddressError(`${hostname} resolves to a forbidden address`), '');
        const addresses = found.filter((a) => !lookupOptions.family || a.family === lookupOptions.family);
        if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
        if (lookupOptions.all) return callback(null, [...addresses]);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

const refused = (code: SubmittedFileError): SubmittedFileFetch => ({ ok: false, code, retry: false });
const unreachable = (): SubmittedFileFetch => ({ ok: false, code: SUBMITTED_FILE_ERRORS.unreachable, retry: true });

export async function fetchSubmittedFile(link: string, options: SubmittedFileFetchOptions): Promise<SubmittedFileFetch> {
  const first = allowedLink(link, options);
  if (!first) return refused(SUBMITTED_FILE_ERRORS.linkRefused);
  const signal = AbortSignal.timeout(options.timeoutMs);
  const lookup = vettingLookup(options);
  let url = first;
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await get(url, lookup, signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        response.destroy();
        const location = response.headers.location;
        const next = location ? new URL(location, url) : null;
        if (!next || next.host !== first.host || next.protocol !== first.protocol || hop + 1 > MAX_REDIRECTS)
          return refused(SUBMITTED_FILE_ERRORS.redirectRefused);
        url = next;
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        return unreachable();
      }
      return await readChecked(addAbortSignal(signal, response), options);
    }
  } catch (error) {
    return error instanceof ForbiddenAddressError ? refused(SUBMITTED_FILE_ERRORS.linkRefused) : unreachable();
  }
}

/**
 * One GET on its own connection: a pooled socket would have been connected by someone else's lookup. The body is
 * asked for as is, so the size cap counts the bytes that arrive and nothing is inflated behind it.
 */
function get(url: URL, lookup: LookupFunction, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      agent: false,
      lookup,
      signal,
      headers: { accept: SUBMITTED_FILE_TYPES.join(', '), 'accept-encoding': 'identity' },
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end();
  });
}

async function readChecked(response: http.IncomingMessage, options: SubmittedFileFetchOptions): Promise<SubmittedFileFetch> {
  const declaredLength = Number(response.headers['content-length'] ?? '0');
  if (declaredLength > options.maxBytes) {
    response.destroy();
    return refused(SUBMITTED_FILE_ERRORS.tooLarge);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    length += chunk.byteLength;
    if (length > options.maxBytes) {
      response.destroy();
      return refused(SUBMITTED_FILE_ERRORS.tooLarge);
    }
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  const mediaType = sniffSubmittedFileType(bytes);
  const declared = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const agrees = declared === '' || declared === 'application/octet-stream' || declared === mediaType;
  if (!mediaType || !agrees) return refused(SUBMITTED_FILE_ERRORS.typeNotAllowed);
  return { ok: true, bytes: new Uint8Array(bytes), mediaType };
}
