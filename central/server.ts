import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { enrollRequestSchema, MAX_BODY_BYTES, pushRequestSchema } from '../shared/sync/protocol';
import { authenticate } from './auth';
import { applyCommands } from './commands';
import type { CentralDatabase } from './db/open';
import { enrollDevice } from './enrolment';
import { GatewayError } from './errors';

export interface GatewayOptions {
  database: CentralDatabase;
  masterKey: Buffer;
  log?: (message: string, error?: unknown) => void;
}

type Route = (request: http.IncomingMessage, path: string, body: Buffer) => Promise<unknown>;

/** Only plain, canonical paths are routed: no dot segments, doubled slashes, escapes or queries. */
const PLAIN_PATH = /^\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

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

/**
 * The gateway's HTTP surface (central/openapi.yaml). It keeps nothing between requests: every
 * piece of state, nonces included, is in the database, so any number of instances can serve.
 */
export function createGatewayServer(options: GatewayOptions): http.Server {
  const { database, masterKey } = options;
  const db = database.db;
  const log = options.log ?? ((message, error) => console.error(`[central] ${message}`, error ?? ''));

  const routes: Record<string, Partial<Record<string, Route>>> = {
    '/v1/health': {
      GET: async () => ({ status: 'ok', protocol: 'v1', database: database.kind, time: new Date().toISOString() }),
    },
    '/v1/enroll': {
      POST: async (_request, _path, body) => enrollDevice(db, masterKey, validated(enrollRequestSchema, parseJson(body))),
    },
    '/v1/commands': {
      POST: async (request, path, body) => {
        const device = await authenticate(db, masterKey, { method: 'POST', path, headers: request.headers, body });
        const { commands } = validated(pushRequestSchema, parseJson(body));
        return { results: await applyCommands(db, device, commands) };
      },
    },
  };

  const server = http.createServer(async (request, response) => {
    try {
      const path = request.url ?? '';
      if (!PLAIN_PATH.test(path)) throw new GatewayError(400, 'BAD_PATH', 'path is not a plain canonical path');
      const methods = routes[path];
      if (!methods) throw new GatewayError(404, 'NOT_FOUND', 'no such endpoint');
      const method = request.method ?? '';
      const route = methods[method];
      if (!route) throw new GatewayError(405, 'METHOD_NOT_ALLOWED', `${method} not allowed here`, { allow: Object.keys(methods).join(', ') });
      if (method === 'POST' && !/^application\/json(;|$)/i.test(request.headers['content-type'] ?? '')) {
        throw new GatewayError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json');
      }
      const body = method === 'POST' ? await readBody(request) : Buffer.alloc(0);
      send(response, 200, await route(request, path, body));
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
