import { createHash, createHmac } from 'node:crypto';
import type http from 'node:http';
import { MAX_BODY_BYTES } from '../shared/sync/protocol';
import { canonicalResponse, SIGNED_HEADER } from '../shared/sync/response-signature';
import type { Device } from './commands';
import { GatewayError } from './errors';

/** HTTP plumbing shared by the router and the routes: bodies, JSON answers, content types. */

export interface RouteContext {
  request: http.IncomingMessage;
  response: http.ServerResponse;
  /** Path and query exactly as received: what the device signed. */
  target: string;
  params: string[];
  query: URLSearchParams;
  body: Buffer;
  /** The counter whose signed headers (and then body) checked out; absent on open and back-office routes. */
  device?: Device;
}

/** A handler answers JSON by returning it; one that streams the answer itself returns `STREAMED`. */
export type Handler = (context: RouteContext) => Promise<unknown>;
export const STREAMED = Symbol('streamed');

export interface Route {
  /** The path as central/openapi.yaml writes it, `{name}` for each parameter. */
  path: string;
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
}

/** A path parameter: letters, digits and `_ . -` (the server has already refused `.` and `..` segments). */
const PARAMETER = '([A-Za-z0-9_.-]+)';

/** A route for an OpenAPI-style path; each `{name}` matches one segment and is passed to the handler in order. */
export function route(path: string, methods: Route['methods']): Route {
  const source = path
    .split(/(\{[A-Za-z0-9_]+\})/)
    .map((part) => (/^\{.+\}$/.test(part) ? PARAMETER : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return { path, pattern: new RegExp(`^${source}$`), methods };
}

const answerKeys = new WeakMap<http.ServerResponse, { key: string; nonce: string }>();

/**
 * Every JSON answer on this response will carry X-Response-Signature (shared/sync/response-signature.ts):
 * an HMAC with `key` (the device secret, or the enrolment code) over the status, the body's sha256
 * and the request's nonce, so the counter can tell the gateway's answer from a proxy's.
 */
export function signAnswers(response: http.ServerResponse, key: string, nonce: string): void {
  answerKeys.set(response, { key, nonce });
}

export function send(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  const signing = answerKeys.get(response);
  const signature = signing
    ? {
        [SIGNED_HEADER.responseSignature]: createHmac('sha256', signing.key)
          .update(canonicalResponse({ status, nonce: signing.nonce, bodySha256: createHash('sha256').update(text).digest('hex') }))
          .digest('hex'),
      }
    : {};
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
    ...signature,
  });
  response.end(text);
}

export function sendError(response: http.ServerResponse, error: GatewayError, headers: Record<string, string> = {}): void {
  send(response, error.status, { error: { code: error.code, message: error.message, ...error.extra } }, headers);
}

export function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new GatewayError(413, 'BODY_TOO_LARGE', `body over ${MAX_BODY_BYTES} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        request.off('data', onData);
        reject(new GatewayError(413, 'BODY_TOO_LARGE', `body over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new GatewayError(400, 'BAD_JSON', 'body is not valid JSON');
  }
}

export function validated<T>(
  schema: {
    safeParse(
      value: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new GatewayError(
    400,
    'BAD_REQUEST',
    `invalid request: ${issue ? `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}` : 'schema'}`,
  );
}

export function requireContentType(request: http.IncomingMessage, pattern: RegExp, expected: string): void {
  if (!pattern.test(request.headers['content-type'] ?? '')) throw new GatewayError(415, 'UNSUPPORTED_MEDIA_TYPE', `send ${expected}`);
}

export const JSON_TYPE = /^application\/json(;|$)/i;
/** tus names its chunk type application/offset+octet-stream; plain octet-stream is accepted too. */
export const CHUNK_TYPE = /^application\/(offset\+)?octet-stream(;|$)/i;

export function headerValue(request: http.IncomingMessage, name: string): string {
  const value = request.headers[name];
  return typeof value === 'string' ? value : '';
}
