import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerKey, authenticateHeaders, checkBodyHash, type AuthenticatedDevice } from './auth';
import type { CentralDatabase } from './db/open';
import { GatewayError } from './errors';
import { readBody, send, sendError, signAnswers, STREAMED, type Route } from './http';
import { redactForLog } from './log-redaction';
import { ConnectionCounter, RateLimiter, type RateBudget } from './rate-limits';
import { gatewayRoutes } from './routes';
import type { SequencePolicy } from './sequence-blocks';

export interface GatewayLimits {
  /** Open connections one client address may hold; a commune's counters may share one NAT address. */
  connectionsPerAddress: number;
  requestsPerAddress: RateBudget;
  /** One device's budget: a stolen credential cannot flood the gateway either (issue 17 finding 4). */
  requestsPerDevice: RateBudget;
  /** All counters of one agency together: enrolling more devices does not multiply what an agency may ask. */
  requestsPerAgency: RateBudget;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  connectionsPerAddress: 64,
  requestsPerAddress: { burst: 1000, perMinute: 3000 },
  requestsPerDevice: { burst: 300, perMinute: 1200 },
  requestsPerAgency: { burst: 1500, perMinute: 6000 },
};

export interface GatewayOptions {
  database: CentralDatabase;
  masterKey: Buffer;
  /** Where blobs are kept; every instance sharing a database must share this folder. */
  blobDir: string;
  /**
   * Base of the file links handed to DVCQG (https://…, as the province's reverse proxy publishes
   * it). Required: taken from the caller's Host header, a link could point anywhere (finding 4).
   */
  publicUrl: string;
  log?: (message: string, error?: unknown) => void;
  limits?: Partial<GatewayLimits>;
  /**
   * Addresses of the reverse proxies in front of the gateway (the TLS terminator, docs/architecture.md §9):
   * for their connections the client's address is the last one in X-Forwarded-For.
   */
  trustedProxies?: string[];
  /** The rate limits' and sequence days' clock, in ms; tests pass their own. */
  now?: () => number;
  /** Bytes of blobs each agency may hold (central/blobs.ts); DEFAULT_AGENCY_STORAGE_BYTES when absent. */
  agencyStorageQuotaBytes?: number;
  /** Which days and how many numbers a device may lease (central/sequence-blocks.ts); the defaults when absent. */
  sequencePolicy?: SequencePolicy;
}

/** Plain paths only: segments of letters, digits, `_ - .` but never `.` or `..`; no escapes or doubled slashes. */
const PLAIN_PATH = /^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const DOT_SEGMENT = /(^|\/)\.+(\/|$)/;
const PLAIN_QUERY = /^[A-Za-z0-9_.=&-]*$/;

/** Who may call a path: enrolment and health are open, the back office has bearer tokens, the rest is counters' signed requests. */
function callerOf(pathname: string): 'open' | 'backoffice' | 'device' {
  if (pathname === '/v1/health' || pathname === '/v1/enroll') return 'open';
  if (/^\/v1\/(backoffice|dvcqg|files)\//.test(pathname)) return 'backoffice';
  return 'device';
}

/**
 * The gateway's HTTP surface (central/openapi.yaml). It keeps nothing between requests: every
 * piece of state, nonces included, is in the database (and blobs in the shared folder), so any
 * number of instances can serve.
 */
export function createGatewayServer(options: GatewayOptions): http.Server {
  const log = options.log ?? ((message, error) => console.error(`[central] ${message}`, error ?? ''));
  const routes = gatewayRoutes(options);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const connections = new ConnectionCounter(limits.connectionsPerAddress);
  const perAddress = new RateLimiter(limits.requestsPerAddress, options.now);
  const perDevice = new RateLimiter(limits.requestsPerDevice, options.now);
  const perAgency = new RateLimiter(limits.requestsPerAgency, options.now);
  const trustedProxies = new Set(options.trustedProxies ?? []);
  const clientAddress = (request: http.IncomingMessage): string => {
    const peer = request.socket.remoteAddress ?? '?';
    if (!trustedProxies.has(peer)) return peer;
    const forwarded = request.headers['x-forwarded-for'];
    const last = (typeof forwarded === 'string' ? forwarded : '').split(',').pop()?.trim();
    return last || peer;
  };

  const route = (pathname: string): { path: string; methods: Route['methods']; params: string[] } | null => {
    for (const candidate of routes) {
      const match = candidate.pattern.exec(pathname);
      if (match) return { path: candidate.path, methods: candidate.methods, params: match.slice(1) };
    }
    return null;
  };

  const server = http.createServer(async (request, response) => {
    // What a failure is logged under: the route as central/openapi.yaml writes it, never the path the caller sent,
    // whose segments may be a name or an ID number (issue 17 finding 4).
    let routePath = 'unmatched path';
    try {
      const target = request.url ?? '';
      const [pathname = '', queryText = ''] = target.split(/\?(.*)/s, 2);
      if (!PLAIN_PATH.test(pathname) || DOT_SEGMENT.test(pathname) || !PLAIN_QUERY.test(queryText)) {
        throw new GatewayError(400, 'BAD_PATH', 'path is not a plain canonical path');
      }
      if (!perAddress.take(clientAddress(request))) throw new GatewayError(429, 'RATE_LIMITED', 'too many requests from this address');
      const found = route(pathname);
      if (!found) throw new GatewayError(404, 'NOT_FOUND', 'no such endpoint');
      routePath = found.path;
      const method = request.method ?? '';
      const handler = found.methods[method];
      if (!handler)
        throw new GatewayError(405, 'METHOD_NOT_ALLOWED', `${method} not allowed here`, { allow: Object.keys(found.methods).join(', ') });
      let caller: AuthenticatedDevice | undefined;
      if (callerOf(pathname) === 'device') {
        // Headers first: an unsigned or over-budget request is answered before a byte of its body is read.
        const signing = answerKey(options.masterKey, { method, path: target, headers: request.headers });
        if (signing) signAnswers(response, signing.key, signing.nonce);
        caller = await authenticateHeaders(options.database.db, options.masterKey, { method, path: target, headers: request.headers });
        if (!perDevice.take(caller.device.id)) throw new GatewayError(429, 'RATE_LIMITED', 'too many requests from this device');
        if (!perAgency.take(caller.device.agencyCode))
          throw new GatewayError(429, 'RATE_LIMITED', 'too many requests from the counters of this agency', { scope: 'agency' });
      }
      const body = method === 'GET' ? Buffer.alloc(0) : await readBody(request);
      if (caller) checkBodyHash(caller, body);
      const answer = await handler({
        request,
        response,
        target,
        params: found.params,
        query: new URLSearchParams(queryText),
        body,
        device: caller?.device,
      });
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
        if (error.status >= 500) log(redactForLog(error.message));
        return;
      }
      // Never the path, the query or the error's details: they carry names and ID numbers (finding 4).
      log(redactForLog(`${request.method} ${routePath} failed: ${describe(error)}`));
      sendError(response, new GatewayError(500, 'INTERNAL', 'internal error'));
    }
  });
  server.on('connection', (socket) => {
    // The proxy's own connections are not counted per address: every counter comes through it.
    const address = socket.remoteAddress ?? '?';
    if (trustedProxies.has(address)) return;
    if (!connections.enter(address)) {
      socket.destroy();
      return;
    }
    socket.once('close', () => connections.leave(address));
  });
  server.requestTimeout = 60_000;
  // Longer than clients keep idle connections (undici: 4 s), so a request is never sent on a
  // socket the gateway is closing at that moment, which the client would see as ECONNRESET.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 20_000;
  server.maxHeadersCount = 50;
  return server;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'non-error thrown';
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
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
