import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { HARNESS_SECRET_FRAGMENT, HARNESS_SOCKET_PATH, type WireFrame } from '../../../shared/ipc/wire';
import { CITIZEN_SOCKET_PATH } from '../../../shared/ipc/citizen-contract';
import { AppError } from '../../../shared/ipc/result';
import { FAST_SCRYPT_COST, PRODUCTION_SCRYPT_COST, ScryptPasswordHasher } from '../accounts/scrypt-password-hasher';
import { createCore, type Core, type CoreOptions } from '../create-core';
import type { Clock } from '../platform/clock';
import { findRepoRoot } from '../host/repo-root';
import { readStatic } from './static-files';

/** A request frame from the browser (shared/ipc/wire.ts WireRequest); anything else closes the socket. */
const wireRequestSchema = z.object({ id: z.number(), channel: z.string(), input: z.unknown() });

export interface HarnessOptions {
  dataDir: string;
  host?: string;
  port?: number;
  rendererDir?: string;
  appVersion?: string;
  /** 'fast' makes password hashing cheap for tests; stored hashes say their own cost. */
  passwordCost?: 'fast' | 'production';
  clock?: Clock;
  /** Scanner drivers and digitize parts to use instead of the defaults (the e2e SANE test scanner). */
  digitize?: CoreOptions['digitize'];
}

export interface Harness {
  url: string;
  secret: string;
  /**
   * The citizen-facing screen (issue 18 §2) as a second page, with a secret of its own: its socket
   * reaches the citizen contract only, and the officer's secret is never in its URL.
   */
  citizenUrl: string;
  core: Core;
  close(): Promise<void>;
}

// Files travel base64-encoded in one frame (reception.storeFile allows 50 MB); loopback only.
const MAX_FRAME_BYTES = 80 * 1024 * 1024;

/** The harness is a development tool: it must never be reachable from another machine. */
export function assertLoopback(host: string): void {
  const bare = host.replace(/^\[|\]$/g, '');
  const loopback = bare === 'localhost' || bare === '::1' || (net.isIPv4(bare) && bare.startsWith('127.'));
  if (!loopback) throw new AppError('HARNESS_NON_LOOPBACK', { host });
}

/**
 * DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 reaches this server
 * with its own Host, and a page of any origin may open a WebSocket here. Only the names the
 * harness answers on (its address, or localhost, with its port) and its own origin pass.
 */
export function allowedHosts(address: string, port: number): Set<string> {
  return new Set([`${address}:${port}`, `localhost:${port}`]);
}

export function requestFromOurOrigin(headers: http.IncomingHttpHeaders, hosts: Set<string>): boolean {
  const host = headers.host?.toLowerCase();
  if (!host || !hosts.has(host)) return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  return [...hosts].some((name) => origin === `http://${name}`);
}

function sameSecret(given: string | null, secret: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Starts the real core in this Node process and serves the built renderer plus a WebSocket
 * transport on loopback, guarded by a per-run secret. Used by `npm run start:web` and the e2e tests.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const host = options.host ?? '127.0.0.1';
  assertLoopback(host);
  const root = findRepoRoot();
  const rendererDir = options.rendererDir ?? path.join(root, 'out', 'renderer');
  const core = await createCore({
    dataDir: options.dataDir,
    appVersion: options.appVersion ?? process.env.npm_package_version ?? '0.0.0-dev',
    resourcesDir: root,
    hasher: new ScryptPasswordHasher(options.passwordCost === 'fast' ? FAST_SCRYPT_COST : PRODUCTION_SCRYPT_COST),
    ...(options.clock ? { clock: options.clock } : {}),
    digitize: options.digitize,
  });
  const secret = randomBytes(24).toString('base64url');
  const citizenSecret = randomBytes(24).toString('base64url');
  let origin = '';
  let hosts = new Set<string>();

  const server = http.createServer((req, res) => {
    if (!requestFromOurOrigin(req.headers, hosts)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void readStatic(rendererDir, req.url ?? '/').then((file) => {
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': file.type,
        'Cache-Control': 'no-store',
        'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ${origin.replace('http', 'ws')}; object-src blob:; frame-src blob:; base-uri 'none'; frame-ancestors 'none'`,
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Browsers always send Origin with a WebSocket; a Node client (the e2e link) sends none and cannot be a page.
    if (!requestFromOurOrigin(req.headers, hosts)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (url.pathname === CITIZEN_SOCKET_PATH && sameSecret(url.searchParams.get('secret'), citizenSecret)) {
      citizenSockets.handleUpgrade(req, socket, head, (ws) => citizenSockets.emit('connection', ws));
      return;
    }
    if (url.pathname !== HARNESS_SOCKET_PATH || !sameSecret(url.searchParams.get('secret'), secret)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws));
  });

  // The citizen page: its own socket server, calls into the citizen dispatcher only, its own events only.
  const citizenSockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const citizenClients = new Set<WebSocket>();
  const stopCitizenEvents = core.citizen?.onEvent((event, payload) => {
    for (const ws of citizenClients) send(ws, { kind: 'event', event, payload });
  });
  citizenSockets.on('connection', (ws) => {
    citizenClients.add(ws);
    ws.on('message', (data) => {
      let request: z.infer<typeof wireRequestSchema>;
      try {
        request = wireRequestSchema.parse(JSON.parse(String(data)));
      } catch {
        ws.close(1003, 'bad frame');
        return;
      }
      void core.citizen!.dispatch(request.channel, request.input).then((result) => send(ws, { kind: 'result', id: request.id, result }));
    });
    ws.on('close', () => citizenClients.delete(ws));
  });

  const clients = new Map<string, WebSocket>();
  let nextClient = 1;
  const send = (ws: WebSocket, frame: WireFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = core.onEvent((clientId, event, payload) => {
    for (const [id, ws] of clients) if (clientId === null || clientId === id) send(ws, { kind: 'event', event, payload });
  });

  sockets.on('connection', (ws) => {
    const clientId = `harness-${nextClient++}`;
    clients.set(clientId, ws);
    ws.on('message', (data) => {
      let request: z.infer<typeof wireRequestSchema>;
      try {
        request = wireRequestSchema.parse(JSON.parse(String(data)));
      } catch {
        ws.close(1003, 'bad frame');
        return;
      }
      void core.dispatch(clientId, request.channel, request.input).then((result) => send(ws, { kind: 'result', id: request.id, result }));
    });
    ws.on('close', () => {
      clients.delete(clientId);
      core.clientClosed(clientId);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${urlHost}:${address.port}`;
  hosts = allowedHosts(urlHost, address.port);

  return {
    url: `${origin}/#${HARNESS_SECRET_FRAGMENT}=${secret}`,
    secret,
    citizenUrl: `${origin}/citizen.html#${HARNESS_SECRET_FRAGMENT}=${citizenSecret}`,
    core,
    async close() {
      unsubscribe();
      stopCitizenEvents?.();
      for (const ws of clients.values()) ws.terminate();
      for (const ws of citizenClients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => citizenSockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    },
  };
}
