/**
 * Fetching one file a citizen attached online from the link the portal gave (TaiLieuNop.DuongDanTaiTepTin,
 * issue 15 §1). The link comes from outside, so the gateway follows it only as far as it must: http(s) only,
 * no private or loopback address unless allowed (tests), redirects only within the same host, a timeout on
 * the whole exchange, a size cap read as the bytes arrive, and only PDF, JPEG or PNG kept — by their first
 * bytes, with a declared type that agrees (docs/architecture.md §8.1).
 */

/** Stable codes the counter shows for a file not available (shared/i18n/vi.ts). */
export const SUBMITTED_FILE_ERRORS = {
  /** Not an http(s) link, or one to an address the gateway does not fetch from. */
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

/** Literal addresses of this machine or its private networks, and `localhost`; names resolved by DNS are the portal's. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host.includes(':')) return host === '::1' || host === '::' || /^f[cd]/.test(host) || host.startsWith('fe80:');
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!v4) return false;
  const [a, b] = [Number(v4[1]), Number(v4[2])];
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
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
  if (!options.allowPrivateAddresses && isPrivateHost(url.hostname)) return null;
  return url;
}

const refused = (code: SubmittedFileError): SubmittedFileFetch => ({ ok: false, code, retry: false });
const unreachable = (): SubmittedFileFetch => ({ ok: false, code: SUBMITTED_FILE_ERRORS.unreachable, retry: true });

export async function fetchSubmittedFile(link: string, options: SubmittedFileFetchOptions): Promise<SubmittedFileFetch> {
  const first = allowedLink(link, options);
  if (!first) return refused(SUBMITTED_FILE_ERRORS.linkRefused);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = first;
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await fetch(url, { redirect: 'manual', signal, headers: { accept: SUBMITTED_FILE_TYPES.join(', ') } });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        const next = location ? new URL(location, url) : null;
        if (!next || next.host !== first.host || next.protocol !== first.protocol || hop + 1 > MAX_REDIRECTS)
          return refused(SUBMITTED_FILE_ERRORS.redirectRefused);
        url = next;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return unreachable();
      }
      return await readChecked(response, options);
    }
  } catch {
    return unreachable();
  }
}

async function readChecked(response: Response, options: SubmittedFileFetchOptions): Promise<SubmittedFileFetch> {
  const declaredLength = Number(response.headers.get('content-length') ?? '0');
  if (declaredLength > options.maxBytes) {
    await response.body?.cancel();
    return refused(SUBMITTED_FILE_ERRORS.tooLarge);
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const read = reader ? await reader.read() : { done: true as const, value: undefined };
    if (read.done) break;
    length += read.value.byteLength;
    if (length > options.maxBytes) {
      await reader!.cancel();
      return refused(SUBMITTED_FILE_ERRORS.tooLarge);
    }
    chunks.push(read.value);
  }
  const bytes = Buffer.concat(chunks);
  const mediaType = sniffSubmittedFileType(bytes);
  const declared = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const agrees = declared === '' || declared === 'application/octet-stream' || declared === mediaType;
  if (!mediaType || !agrees) return refused(SUBMITTED_FILE_ERRORS.typeNotAllowed);
  return { ok: true, bytes: new Uint8Array(bytes), mediaType };
}
