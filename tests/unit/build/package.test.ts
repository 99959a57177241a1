import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dump, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readYaml, repoRoot, run, sharedBuild } from './support';

/**
 * Packs the real build with the real electron-builder and electron-builder.yml into an unpacked
 * Linux app. Only two things differ from the release job, both because nothing can be downloaded
 * here: the Electron binary is a stand-in file carrying a fuse wire, and native modules are not
 * rebuilt for Electron's ABI.
 */

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's shipped fuse states, in @electron/fuses' V1 order: runAsNode, cookieEncryption,
// nodeOptions, nodeCliInspect, embeddedAsarIntegrity, onlyLoadAppFromAsar, browserV8Snapshot,
// grantFileProtocolExtraPrivileges.
const SHIPPED_FUSES = '10110001';
const UPDATE_URL = 'https://capnhat.example.invalid/quay';

let projectDir: string;
let appDir: string;
let builderOutput: string;

function standInElectron(dir: string): void {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'));
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, SHIPPED_FUSES.length]), Buffer.from(SHIPPED_FUSES)]);
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), wire, Buffer.from('\n')]), {
    mode: 0o755,
  });
  fs.writeFileSync(path.join(dir, 'version'), '45.5.0');
  fs.writeFileSync(path.join(dir, 'LICENSE'), '');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '');
}

function fuseWire(binary: string): string {
  const bytes = fs.readFileSync(binary);
  const at = bytes.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  return bytes.subarray(at + 2, at + 2 + (bytes[at + 1] ?? 0)).toString('latin1');
}

type AsarEntry = { files?: Record<string, AsarEntry>; unpacked?: boolean; size?: number };

/** The asar header: a Chromium pickle holding one JSON string, after an 8-byte size prefix. */
function asarIndex(archive: string): Map<string, AsarEntry> {
  const fd = fs.openSync(archive, 'r');
  let root: AsarEntry;
  try {
    const prefix = Buffer.alloc(16);
    fs.readSync(fd, prefix, 0, 16, 0);
    const header = Buffer.alloc(prefix.readUInt32LE(12));
    fs.readSync(fd, header, 0, header.length, 16);
    root = JSON.parse(header.toString('utf8')) as AsarEntry;
  } finally {
    fs.closeSync(fd);
  }
  const index = new Map<string, AsarEntry>();
  const visit = (entry: AsarEntry, prefix: string) => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      const entryPath = prefix ? `${prefix}/${name}` : name;
      index.set(entryPath, child);
      visit(child, entryPath);
    }
  };
  visit(root, '');
  return index;
}

beforeAll(async () => {
  projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-package-'));
  fs.cpSync(sharedBuild(), path.join(projectDir, 'out'), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(projectDir, 'package.json'));
  for (const shared of ['node_modules', 'db', 'build']) {
    fs.symlinkSync(path.join(repoRoot, shared), path.join(projectDir, shared));
  }
  standInElectron(path.join(projectDir, 'electron-dist'));

  const config = readYaml('electron-builder.yml') as Record<string, unknown>;
  fs.writeFileSync(
    path.join(projectDir, 'electron-builder.yml'),
    dump({ ...config, npmRebuild: false, electronDist: path.join(projectDir, 'electron-dist') }),
  );
  const cli = path.join(repoRoot, 'node_modules', 'electron-builder', 'cli.js');
  const result = await run(process.execPath, [cli, '--config', 'electron-builder.yml', '--linux', 'dir', '--publish', 'never'], {
    cwd: projectDir,
    env: { ...process.env, QUAY_UPDATE_URL: UPDATE_URL, CI: 'true' },
  });
  builderOutput = result.output;
  if (result.code !== 0) throw new Error(`electron-builder failed (${result.code}):\n${builderOutput}`);
  appDir = path.join(projectDir, 'release', 'linux-unpacked');
}, 300_000);

afterAll(() => {
  if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
});

describe('packaged app (electron-builder --linux dir)', () => {
  it('names the executable for the CLI and burns the fuses into it', () => {
    const binary = path.join(appDir, 'quay-mot-cua');
    expect(fs.existsSync(binary)).toBe(true);
    // runAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on,
    // asar only on, V8 snapshot untouched, file:// privileges off.
    expect(fuseWire(binary)).toBe('01001100');
  });

  it('packs the build output and package.json, not the sources', () => {
    const index = asarIndex(path.join(appDir, 'resources', 'app.asar'));
    for (const file of [
      'package.json',
      'out/main/index.js',
      'out/main/core-host.js',
      'out/main/cli.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ]) {
      expect(index.has(file), file).toBe(true);
    }
    const topLevel = [...index.keys()].filter((entry) => !entry.includes('/'));
    expect(topLevel.sort()).toEqual(['node_modules', 'out', 'package.json']);
  });

  it('starts from the main bundle', () => {
    const packaged = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect(asarIndex(path.join(appDir, 'resources', 'app.asar')).has(packaged.main)).toBe(true);
  });

  it('unpacks better-sqlite3 with its native binary next to the asar', () => {
    const index = asarIndex(path.join(appDir, 'resources', 'app.asar'));
    expect(index.get('node_modules/better-sqlite3/package.json')?.unpacked).toBe(true);
    const binary = path.join(
      appDir,
      'resources',
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    expect(fs.existsSync(binary)).toBe(true);
  });

  it('copies the migrations to resources/db/migrations', () => {
    const journal = (root: string) => fs.readFileSync(path.join(root, 'db', 'migrations', 'meta', '_journal.json'), 'utf8');
    expect(journal(path.join(appDir, 'resources'))).toBe(journal(repoRoot));
  });

  it('writes the generic update feed baked in from QUAY_UPDATE_URL', () => {
    const feed = load(fs.readFileSync(path.join(appDir, 'resources', 'app-update.yml'), 'utf8'));
    expect(feed).toMatchObject({ provider: 'generic', url: UPDATE_URL });
  });
});
