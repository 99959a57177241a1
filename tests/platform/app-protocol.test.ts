import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleAppProtocol, registerAppScheme, resolveRendererFile } from '../../electron/main/platform/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/platform/security';
import { protocol, resetFakeElectron } from '../fakes/electron';

let base: string;
let root: string;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-protocol-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ok</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'not for the renderer');
  fs.writeFileSync(path.join(base, 'renderer-evil.txt'), 'sibling with a shared prefix');
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

beforeEach(() => resetFakeElectron());

function serve(url: string): Promise<Response> {
  handleAppProtocol(root);
  const handler = protocol.handlers.get('app');
  if (!handler) throw new Error('app:// is not handled');
  return Promise.resolve(handler(new Request(url)));
}

describe('app:// scheme registration', () => {
  it('registers app as a standard, secure scheme', () => {
    // Electron refuses privileged schemes once it is ready.
    resetFakeElectron({ ready: false });
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(protocol.privileged[0]?.privileges?.bypassCSP).toBeFalsy();
  });
});

describe('resolveRendererFile', () => {
  it('maps the root and nested paths into the renderer folder', () => {
    expect(resolveRendererFile(root, 'app://renderer/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://renderer/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it.each([
    'app://renderer/..%2Fsecret.txt',
    'app://renderer/assets/..%2F..%2Fsecret.txt',
    'app://renderer/%2E%2E%2Fsecret.txt',
    'app://renderer/..%2Frenderer-evil.txt',
    'app://renderer/assets/..%5C..%5Csecret.txt',
    'app://renderer/index.html%00.js',
    'app://renderer/%E0%A4%A',
    'app://renderer/..%2F',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(root, url)).toBeNull();
  });

  it('keeps dot segments the URL parser already resolved inside the folder', () => {
    expect(resolveRendererFile(root, 'app://renderer/assets/../../../secret.txt')).toBe(path.join(root, 'secret.txt'));
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveRendererFile(root, 'app://evil/index.html')).toBeNull();
    expect(resolveRendererFile(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveRendererFile(root, 'not a url')).toBeNull();
  });
});

describe('app:// handler', () => {
  it('serves renderer files with the CSP header', async () => {
    const response = await serve('app://renderer/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('<title>ok</title>');
  });

  it('serves index.html for the bare origin', async () => {
    const response = await serve('app://renderer/');
    expect(await response.text()).toContain('<title>ok</title>');
  });

  it('refuses path traversal with 403, never reading outside the folder', async () => {
    const response = await serve('app://renderer/assets/..%2F..%2Fsecret.txt');
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers a missing file with 404 and the CSP header', async () => {
    const response = await serve('app://renderer/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('does not serve a directory', async () => {
    expect((await serve('app://renderer/assets')).status).toBe(404);
  });
});
