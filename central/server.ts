import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  backofficeStatusRequestSchema,
  blobCreateRequestSchema,
  enrollRequestSchema,
  HEADER,
  MAX_BODY_BYTES,
  pullQuerySchema,
  pushRequestSchema,
  SHA256_PATTERN,
  sequenceBlockRequestSchema,
} from '../shared/sync/protocol';
import { authenticate } from './auth';
import { authenticateBackoffice, postDossierStatus } from './backoffice';
import { BlobStore, checkBlobSize } from './blobs';
import { applyCommands, type Device } from './commands';
import type { CentralDatabase } from './db/open';
import { dvcqgDossier } from './dvcqg';
import { enrollDevice } from './enrolment';
import { GatewayError } from './errors';
import { pullChanges } from './feed';
import { leaseSequenceBlock } from './sequence-blocks';

export interface GatewayOptions {
  database: CentralDatabase;
  masterKey: Buffer;
  /** Where blobs are kept; every instance sharing a database must share this folder. */
  blobDir: string;
  /** Base of the file links handed to DVCQG; defaults to the origin the caller used. */
  publicUrl?: string;
  log?: (message: string, error?: unknown) => void;
}

interface RouteContext {
  request: http.IncomingMessage;
  response: http.ServerResponse;
  /** Path and query exactly as received: what the device signed. */
  target: string;
  params: string[];
  query: URLSearchParams;
  body: Buffer;
}

/** A handler answers JSON by returning it; one that streams the answer itself returns `STREAMED`. */
type Handler = (context: RouteContext) => Promise<unknown>;
const STREAMED = Symbol('streamed');

interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
}

/** Plain paths only: segments of letters, digits, `_ - .` but never `.` or `..`; no escapes or doubled slashes. */
const PLAIN_PATH = /^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const DOT_SEGMENT = /(^|\/)\.+(\/|$)/;
const PLAIN_QUERY = /^[A-Za-z0-9_.=&-]*$/;
const SEGMENT = '([A-Za-z0-9_.-]+)';

function send(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  response.end(text);
}

function sendError(response: http.ServerResponse, error: GatewayError, headers: Record<string, string> = {}): void {
  send(response, error.status, { error: { code: error.code, message: error.message, ...error.extra } }, headers);
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
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

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new GatewayError(400, 'BAD_JSON', 'body is not valid JSON');
  }
}

function validated<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new GatewayError(400, 'BAD_REQUEST', `invalid request: ${issue ? `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}` : 'schema'}`);
}

function requireContentType(request: http.IncomingMessage, pattern: RegExp, expected: string): void {
  if (!pattern.test(request.headers['content-type'] ?? '')) throw new GatewayError(415, 'UNSUPPORTED_MEDIA_TYPE', `send ${expected}`);
}

const JSON_TYPE = /^application\/json(;|$)/i;
/** tus names its chunk type application/offset+octet-stream; plain octet-stream is accepted too. */
const CHUNK_TYPE = /^application\/(offset\+)?octet-stream(;|$)/i;

function headerValue(request: http.IncomingMessage, name: string): string {
  const value = request.headers[name];
  return typeof value === 'string' ? value : '';
}

/**
 * The gateway's HTTP surface (central/openapi.yaml). It keeps nothing between requests: every
 * piece of state, nonces included, is in the database (and blobs in the shared folder), so any
 * number of instances can serve.
 */
export function createGatewayServer(options: GatewayOptions): http.Server {
  const { database, masterKey } = options;
  const db = database.db;
  const blobStore = new BlobStore(db, options.blobDir);
  const log = options.log ?? ((message, error) => console.error(`[central] ${message}`, error ?? ''));

  const device = (context: RouteContext): Promise<Device> =>
    authenticate(db, masterKey, { method: context.request.method ?? '', path: context.target, headers: context.request.headers, body: context.body });
  const jsonBody = (context: RouteContext): unknown => {
    requireContentType(context.request, JSON_TYPE, 'application/json');
    return parseJson(context.body);
  };
  const backoffice = (context: RouteContext) => authenticateBackoffice(db, context.request.headers.authorization);
  const origin = (request: http.IncomingMessage) => options.publicUrl ?? `http://${request.headers.host ?? '127.0.0.1'}`;

  const routes: Route[] = [
    { pattern: /^\/v1\/health$/, methods: { GET: async () => ({ status: 'ok', protocol: 'v1', database: database.kind, time: new Date().toISOString() }) } },
    { pattern: /^\/v1\/enroll$/, methods: { POST: async (c) => enrollDevice(db, masterKey, validated(enrollRequestSchema, jsonBody(c))) } },
    {
      pattern: /^\/v1\/commands$/,
      methods: {
        POST: async (c) => {
          const caller = await device(c);
          const { commands } = validated(pushRequestSchema, jsonBody(c));
          return { results: await applyCommands(db, caller, commands) };
        },
      },
    },
    {
      pattern: /^\/v1\/blobs$/,
      methods: {
        POST: async (c) => {
          await device(c);
          const body = jsonBody(c);
          checkBlobSize(body);
          return blobStore.create(validated(blobCreateRequestSchema, body));
        },
      },
    },
    {
      pattern: new RegExp(`^/v1/blobs/${SEGMENT}$`),
      methods: {
        GET: async (c) => {
          await device(c);
          return blobStore.state(c.params[0]!);
        },
        PATCH: async (c) => {
          await device(c);
          requireContentType(c.request, CHUNK_TYPE, 'application/offset+octet-stream');
          const offsetText = headerValue(c.request, HEADER.uploadOffset);
          const chunkSha256 = headerValue(c.request, HEADER.chunkSha256);
          if (!/^\d{1,15}$/.test(offsetText)) throw new GatewayError(400, 'BAD_REQUEST', 'Upload-Offset must be a non-negative integer');
          if (!SHA256_PATTERN.test(chunkSha256)) throw new GatewayError(400, 'BAD_REQUEST', 'X-Chunk-Sha256 must be 64 lower-case hex digits');
          return blobStore.append(c.params[0]!, Number(offsetText), chunkSha256, c.body);
        },
      },
    },
    {
      pattern: /^\/v1\/pull$/,
      methods: {
        GET: async (c) => {
          const caller = await device(c);
          const query = validated(pullQuerySchema, Object.fromEntries(c.query));
          return pullChanges(db, caller.agencyCode, query.cursor, query.limit);
        },
      },
    },
    {
      pattern: /^\/v1\/sequence-blocks$/,
      methods: { POST: async (c) => leaseSequenceBlock(db, await device(c), validated(sequenceBlockRequestSchema, jsonBody(c))) },
    },
    {
      pattern: new RegExp(`^/v1/backoffice/dossiers/${SEGMENT}/status$`),
      methods: {
        POST: async (c) => {
          const caller = await backoffice(c);
          return postDossierStatus(db, caller, c.params[0]!, validated(backofficeStatusRequestSchema, jsonBody(c)));
        },
      },
    },
    {
      pattern: new RegExp(`^/v1/dvcqg/dossiers/${SEGMENT}$`),
      methods: {
        GET: async (c) => {
          await backoffice(c);
          return dvcqgDossier(db, c.params[0]!, `${origin(c.request)}/v1/files`);
        },
      },
    },
    {
      pattern: new RegExp(`^/v1/files/${SEGMENT}$`),
      methods: {
        GET: async (c) => {
          await backoffice(c);
          const state = await blobStore.state(c.params[0]!);
          if (!state.complete) throw new GatewayError(404, 'BLOB_UNKNOWN', 'this blob is not complete');
          const file = blobStore.filePath(state.sha256);
          c.response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': state.size, 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${path.basename(file)}"` });
          await new Promise<void>((resolve, reject) => fs.createReadStream(file).on('error', reject).pipe(c.response).on('finish', resolve));
          return STREAMED;
        },
      },
    },
  ];

  const route = (pathname: string): { methods: Route['methods']; params: string[] } | null => {
    for (const candidate of routes) {
      const match = candidate.pattern.exec(pathname);
      if (match) return { methods: candidate.methods, params: match.slice(1) };
    }
    return null;
  };

  const server = http.createServer(async (request, response) => {
    try {
      const target = request.url ?? '';
      const [pathname = '', queryText = ''] = target.split(/\?(.*)/s, 2);
      if (!PLAIN_PATH.test(pathname) || DOT_SEGMENT.test(pathname) || !PLAIN_QUERY.test(queryText)) {
        throw new GatewayError(400, 'BAD_PATH', 'path is not a plain canonical path');
      }
      const found = route(pathname);
      if (!found) throw new GatewayError(404, 'NOT_FOUND', 'no such endpoint');
      const method = request.method ?? '';
      const handler = found.methods[method];
      if (!handler) throw new GatewayError(405, 'METHOD_NOT_ALLOWED', `${method} not allowed here`, { allow: Object.keys(found.methods).join(', ') });
      const body = method === 'GET' ? Buffer.alloc(0) : await readBody(request);
      const answer = await handler({ request, response, target, params: found.params, query: new URLSearchParams(queryText), body });
      if (answer !== STREAMED) send(response, 200, answer);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof GatewayError) {
        // Unread body bytes would otherwise be parsed as the next request on this connection.
        const unread = !request.readableEnded;
        sendError(response, error, unread ? { connection: 'close' } : {});
        if (unread) request.resume();
        if (error.status >= 500) log(error.message);
        return;
      }
      log(`${request.method} ${request.url} failed`, error);
      sendError(response, new GatewayError(500, 'INTERNAL', 'internal error'));
    }
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.maxHeadersCount = 50;
  return server;
}

export async function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
