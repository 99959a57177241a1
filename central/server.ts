import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CentralDatabase } from './db/open';
import { GatewayError } from './errors';
import { readBody, send, sendError, STREAMED, type Route } from './http';
import { gatewayRoutes } from './routes';

export interface GatewayOptions {
  database: CentralDatabase;
  masterKey: Buffer;
  /** Where blobs are kept; every instance sharing a database must share this folder. */
  blobDir: string;
  /** Base of the file links handed to DVCQG; defaults to the origin the caller used. */
  publicUrl?: string;
  log?: (message: string, error?: unknown) => void;
}

/** Plain paths only: segments of letters, digits, `_ - .` but never `.` or `..`; no escapes or doubled slashes. */
const PLAIN_PATH = /^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const DOT_SEGMENT = /(^|\/)\.+(\/|$)/;
const PLAIN_QUERY = /^[A-Za-z0-9_.=&-]*$/;

/**
 * The gateway's HTTP surface (central/openapi.yaml). It keeps nothing between requests: every
 * piece of state, nonces included, is in the database (and blobs in the shared folder), so any
 * number of instances can serve.
 */
export function createGatewayServer(options: GatewayOptions): http.Server {
  const log = options.log ?? ((message, error) => console.error(`[central] ${message}`, error ?? ''));
  const routes = gatewayRoutes(options);

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
      if (!handler)
        throw new GatewayError(405, 'METHOD_NOT_ALLOWED', `${method} not allowed here`, { allow: Object.keys(found.methods).join(', ') });
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
  // Longer than clients keep idle connections (undici: 4 s), so a request is never sent on a
  // socket the gateway is closing at that moment, which the client would see as ECONNRESET.
  server.keepAliveTimeout = 30_000;
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
