import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { adminRequestSchema, runAdminRequest, type AdminAnswer, type AdminRequest } from './admin-commands';
import type { CentralDb } from './db/open';

/**
 * An embedded (PGlite) database can be open in one process only: a second process opening the same
 * folder works on its own copy, so a code it writes is never seen by the running gateway. The data
 * folder therefore carries a lock file naming the process that holds the database. While `serve`
 * holds it, the file also names a loopback admin port and a random token (the file is 0600, so only
 * the gateway's own account can read it), and admin commands run inside that process.
 */
export const LOCK_FILE_NAME = 'gateway.lock';

export interface DataDirLock {
  pid: number;
  /** starting: opening the database; serving: admin requests go to `port`; admin: a one-off command runs. */
  state: 'starting' | 'serving' | 'admin';
  port?: number;
  token?: string;
}

export class DataDirBusyError extends Error {}

const ADMIN_PATH = '/admin';
const MAX_ADMIN_BODY = 64 * 1024 * 1024;
const POLL_MS = 200;

export function lockPath(dataDir: string): string {
  return path.join(dataDir, LOCK_FILE_NAME);
}

const dataDirLockSchema = z.object({
  pid: z.number().int(),
  state: z.enum(['starting', 'serving', 'admin']),
  port: z.number().int().optional(),
  token: z.string().optional(),
});

function readLock(file: string): DataDirLock | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  const lock = dataDirLockSchema.safeParse(value);
  if (!lock.success) throw new Error(`${file} is not a gateway lock file`);
  return lock.data;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Written beside and linked into place: the lock appears whole or not at all, and only once. */
function tryCreate(file: string, lock: DataDirLock): boolean {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, JSON.stringify(lock), { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function replace(file: string, lock: DataDirLock): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, JSON.stringify(lock), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

export interface HeldLock {
  /** Serve announces its admin endpoint once it listens. */
  announce(port: number, token: string): void;
  release(): void;
}

export type DataDirAccess = { held: HeldLock } | { serving: { pid: number; port: number; token: string } };

/**
 * Claims the data folder for this process, or finds the `serve` that holds it. A lock whose process
 * is gone is removed; one held by a starting server or another admin command is waited for.
 */
export async function claimDataDir(
  dataDir: string,
  state: 'starting' | 'admin',
  options: { waitMs?: number } = {},
): Promise<DataDirAccess> {
  const file = lockPath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const deadline = Date.now() + (options.waitMs ?? 120_000);
  for (;;) {
    if (tryCreate(file, { pid: process.pid, state })) return { held: heldLock(file) };
    const lock = readLock(file);
    if (lock === null) continue;
    if (!alive(lock.pid)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (lock.state === 'serving' && lock.port && lock.token) return { serving: { pid: lock.pid, port: lock.port, token: lock.token } };
    if (Date.now() > deadline) {
      throw new DataDirBusyError(`${dataDir} is held by process ${lock.pid} (${lock.state}) for too long; try again once it has finished`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function heldLock(file: string): HeldLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const lock = readLock(file);
    if (lock?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  // A gateway stopped by a signal or a crash still frees the folder for the next process.
  process.on('exit', release);
  return {
    announce(port, token) {
      replace(file, { pid: process.pid, state: 'serving', port, token });
    },
    release,
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function readAdminBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_ADMIN_BODY) {
        reject(new Error('admin request too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function answer(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/**
 * The admin endpoint of a running `serve`: its own server, bound to 127.0.0.1 whatever address the
 * gateway listens on, answering only `POST /admin` with the bearer token from the lock file.
 */
export async function startAdminEndpoint(
  db: CentralDb,
  log: (message: string, error?: unknown) => void,
): Promise<{ port: number; token: string; close(): Promise<void> }> {
  const token = randomBytes(32).toString('base64url');
  const expected = sha256(`Bearer ${token}`);
  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    try {
      if (request.url !== ADMIN_PATH || request.method !== 'POST') return answer(response, 404, { error: 'NOT_FOUND' });
      if (!timingSafeEqual(sha256(request.headers.authorization ?? ''), expected)) return answer(response, 401, { error: 'UNAUTHORIZED' });
      const parsed = adminRequestSchema.safeParse(JSON.parse(await readAdminBody(request)));
      if (!parsed.success) return answer(response, 400, { error: 'BAD_REQUEST' });
      answer(response, 200, await runAdminRequest(db, parsed.data));
    } catch (error) {
      log('admin request failed', error);
      if (!response.headersSent)
        answer(response, 500, { error: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const server = http.createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends an admin request to the running `serve`; a server that does not answer is an error, never a fallback. */
export async function callAdminEndpoint(
  dataDir: string,
  serving: { pid: number; port: number; token: string },
  request: AdminRequest,
): Promise<AdminAnswer> {
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${serving.port}${ADMIN_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serving.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    throw new DataDirBusyError(
      `${dataDir} is held by a running gateway (process ${serving.pid}) whose admin endpoint 127.0.0.1:${serving.port} does not answer; ` +
        `nothing was done. Stop that gateway, or remove ${lockPath(dataDir)} if no gateway runs on this folder.`,
    );
  }
  const body = (await response.json()) as AdminAnswer & { error?: string; message?: string };
  if (!response.ok)
    throw new Error(
      `the running gateway refused the admin request (${response.status} ${body.error ?? ''}${body.message ? `: ${body.message}` : ''})`,
    );
  return body;
}
