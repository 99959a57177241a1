import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { assertLoopback, startHarness, type Harness } from '../../electron/core/harness/start-harness';
import { resolveInside } from '../../electron/core/harness/static-files';
import { AppError } from '../../shared/ipc/result';
import type { WireFrame } from '../../shared/ipc/wire';
import { ADMIN, tempDir } from '../helpers/test-core';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function fakeRenderer(): string {
  const dir = tempDir('quay-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Quầy Một Cửa</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(dir), 'secret.txt'), 'outside');
  return dir;
}

function get(url: string, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

function connect(h: Harness, secret = h.secret): Promise<WebSocket> {
  const { host } = new URL(h.url);
  const ws = new WebSocket(`ws://${host}/api?secret=${encodeURIComponent(secret)}`);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function caller(ws: WebSocket) {
  let next = 1;
  const events: WireFrame[] = [];
  const waiting = new Map<number, (frame: WireFrame) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as WireFrame;
    if (frame.kind === 'event') events.push(frame);
    else waiting.get(frame.id)?.(frame);
  });
  return {
    events,
    call(channel: string, input: unknown = {}) {
      const id = next++;
      return new Promise<any>((resolve) => {
        waiting.set(id, (frame) => resolve(frame.kind === 'result' ? frame.result : null));
        ws.send(JSON.stringify({ id, channel, input }));
      });
    },
  };
}

describe('development harness', () => {
  it('refuses to bind anywhere but loopback', async () => {
    for (const host of ['0.0.0.0', '192.168.1.10', '::', 'example.org']) {
      expect(() => assertLoopback(host)).toThrow(AppError);
    }
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(() => assertLoopback(host)).not.toThrow();
    await expect(startHarness({ dataDir: tempDir(), host: '0.0.0.0' })).rejects.toMatchObject({ code: 'HARNESS_NON_LOOPBACK' });
  });

  it('serves the renderer with a CSP and puts the secret only in the URL fragment', async () => {
    harness = await startHarness({ dataDir: tempDir(), rendererDir: fakeRenderer(), passwordCost: 'fast' });
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]{20,}$/);
    const page = await get(harness.url, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Quầy Một Cửa');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get(harness.url, '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/%E0%A4%A'])('does not serve %s', async (p) => {
    harness = await startHarness({ dataDir: tempDir(), rendererDir: fakeRenderer(), passwordCost: 'fast' });
    const res = await get(harness.url, p);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside');
  });

  it('keeps resolveInside inside its root', () => {
    expect(resolveInside('/srv/r', '/a/b.js')).toBe('/srv/r/a/b.js');
    expect(resolveInside('/srv/r', '/')).toBe('/srv/r/index.html');
    expect(resolveInside('/srv/r', '/../r2/x')).toBeNull();
  });

  it('rejects a socket without the right secret', async () => {
    harness = await startHarness({ dataDir: tempDir(), rendererDir: fakeRenderer(), passwordCost: 'fast' });
    await expect(connect(harness, 'wrong')).rejects.toThrow(/401/);
    await expect(connect(harness, '')).rejects.toThrow(/401/);
  });

  it('runs the real core over the socket, one session per socket', async () => {
    harness = await startHarness({ dataDir: tempDir(), rendererDir: fakeRenderer(), passwordCost: 'fast' });
    const a = caller(await connect(harness));
    const b = caller(await connect(harness));
    expect(await a.call('app.firstRunStatus')).toEqual({ ok: true, value: { needsFirstAdmin: true } });
    expect((await a.call('app.createFirstAdmin', ADMIN)).ok).toBe(true);
    expect((await a.call('auth.signIn', { username: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
    expect((await a.call('health.info')).ok).toBe(true);
    expect(await b.call('health.info')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await a.call('no.such')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('closes a socket that sends garbage, and the harness keeps serving others', async () => {
    harness = await startHarness({ dataDir: tempDir(), rendererDir: fakeRenderer(), passwordCost: 'fast' });
    const ws = await connect(harness);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{not json');
    expect(await closed).toBe(1003);
    const ok = caller(await connect(harness));
    expect((await ok.call('app.firstRunStatus')).ok).toBe(true);
  });

  it('ends the session of a socket that closes', async () => {
    harness = await startHarness({ dataDir: tempDir(), rendererDir: fakeRenderer(), passwordCost: 'fast' });
    const ws = await connect(harness);
    const a = caller(ws);
    await a.call('app.createFirstAdmin', ADMIN);
    await a.call('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const openSessions = () => harness!.core.database.sqlite.prepare(`SELECT count(*) FROM sessions WHERE ended_at IS NULL`).pluck().get();
    expect(openSessions()).toBe(1);
    ws.close();
    await expect.poll(openSessions, { timeout: 10_000 }).toBe(0);
  });
});
