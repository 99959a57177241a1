import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore } from '../../electron/core/create-core';
import { fileAtRestKeys } from '../../electron/core/platform/data-at-rest-key';
import { isSealedHeader, SEGMENT_BYTES } from '../../electron/core/platform/file-cipher';
import { FileStore } from '../../electron/core/platform/file-store';
import { repoRoot, tempDir } from '../helpers/test-core';

/**
 * Issue 17 finding 7, sealing an older build's plain file store: a real SIGKILL in the middle of it loses nothing and
 * the next start finishes it; at start it runs in the background, and files read during it come back either way.
 */

const CHILD = path.join(repoRoot, 'tests', 'security', 'children', 'seal-store-child.ts');

function plainStore(files: number): { dataDir: string; contents: Map<string, Buffer> } {
  const dataDir = tempDir('quay-sealing-');
  const plain = new FileStore(dataDir, null);
  const contents = new Map<string, Buffer>();
  for (let i = 0; i < files; i++) {
    const bytes = randomBytes(i % 7 === 0 ? SEGMENT_BYTES + 17 : 200 + i);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // Laid out as an older build stored them, without its flushes: hundreds of fsyncs would only slow the test.
    fs.mkdirSync(path.dirname(plain.pathOf(sha256)), { recursive: true });
    fs.writeFileSync(plain.pathOf(sha256), bytes);
    contents.set(sha256, bytes);
  }
  return { dataDir, contents };
}

function sealedOnDisk(store: FileStore, sha256: string): boolean {
  return isSealedHeader(fs.readFileSync(store.pathOf(sha256)));
}

/** Runs the child until it has sealed `killAfter` files, then kills it without warning. */
function sealAndKill(dataDir: string, killAfter: number): Promise<{ sealed: number; finished: boolean; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let sealed = 0;
    let finished = false;
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'sealed') sealed++;
        if (line === 'finished') finished = true;
      }
      if (sealed >= killAfter && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ sealed, finished, signal });
      else reject(new Error(`child exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

describe('a SIGKILL in the middle of sealing a plain file store', () => {
  it('loses no file, reads none half sealed, and the next start seals the rest byte for byte', async () => {
    const FILES = 200;
    let run = plainStore(FILES);
    let crashed = await sealAndKill(run.dataDir, 40);
    // The kill can come after the last file on a fast machine: then the run proves nothing, and a fresh store is tried.
    for (let attempt = 0; attempt < 3 && (crashed.finished || crashed.signal !== 'SIGKILL'); attempt++) {
      run = plainStore(FILES);
      crashed = await sealAndKill(run.dataDir, 10);
    }
    expect(crashed).toMatchObject({ finished: false, signal: 'SIGKILL' });

    const key = fileAtRestKeys(run.dataDir).files;
    const store = new FileStore(run.dataDir, key);
    const states = [...run.contents.keys()].map((sha256) => sealedOnDisk(store, sha256));
    expect(states.filter(Boolean).length).toBeGreaterThanOrEqual(crashed.sealed);
    expect(states.filter((sealed) => !sealed).length).toBeGreaterThan(0);
    // What the kill left is, file by file, either the original plain bytes or a whole sealed file of them.
    const plain = new FileStore(run.dataDir, null);
    for (const [sha256, bytes] of run.contents) {
      if (sealedOnDisk(store, sha256)) expect(store.read(sha256).equals(bytes)).toBe(true);
      else expect(plain.read(sha256).equals(bytes)).toBe(true);
    }

    const restarted = new FileStore(run.dataDir, key);
    expect(await restarted.sealOlderFiles()).toBe(states.filter((sealed) => !sealed).length);
    for (const [sha256, bytes] of run.contents) {
      expect(sealedOnDisk(restarted, sha256)).toBe(true);
      expect(restarted.read(sha256).equals(bytes)).toBe(true);
    }
    const leftovers = fs.readdirSync(path.join(run.dataDir, 'files'), { recursive: true }).map(String);
    expect(leftovers.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});

/** A gate the sealing pass waits at before each file, opened one file at a time by the test. */
function gate(): { beforeFile: () => Promise<void>; reached: () => Promise<void>; next: () => void } {
  let release: (() => void) | null = null;
  let onReached: (() => void) | null = null;
  let waiting = false;
  return {
    beforeFile: () =>
      new Promise<void>((resolve) => {
        release = resolve;
        waiting = true;
        onReached?.();
      }),
    reached: () => (waiting ? Promise.resolve() : new Promise<void>((resolve) => (onReached = resolve))),
    next: () => {
      waiting = false;
      onReached = null;
      release?.();
    },
  };
}

describe('sealing at the first start after an upgrade', () => {
  it('reads every file, sealed yet or not, while the pass runs, and refuses plain files once it is done', async () => {
    const { dataDir, contents } = plainStore(6);
    const store = new FileStore(dataDir, fileAtRestKeys(dataDir).files);
    const pace = gate();
    const pass = store.sealOlderFiles({ beforeFile: pace.beforeFile });
    for (let i = 0; i < 3; i++) {
      await pace.reached();
      pace.next();
    }
    await pace.reached();
    const sealedNow = [...contents.keys()].filter((sha256) => sealedOnDisk(store, sha256));
    expect(sealedNow).toHaveLength(3);
    for (const [sha256, bytes] of contents) {
      expect(store.read(sha256).equals(bytes)).toBe(true);
      expect(store.size(sha256)).toBe(bytes.byteLength);
      const opened = (await store.open(sha256))!;
      expect(opened.size).toBe(bytes.byteLength);
      expect((await opened.read(0, bytes.byteLength)).equals(bytes)).toBe(true);
      await opened.close();
    }
    while (!(await Promise.race([pass.then(() => true), pace.reached().then(() => false)]))) pace.next();
    expect(await pass).toBe(contents.size);
    for (const [sha256, bytes] of contents) expect(store.read(sha256).equals(bytes)).toBe(true);

    // Once the pass is done, a plain file is no longer taken for one an older build left.
    const [first, bytes] = [...contents][0]!;
    fs.writeFileSync(store.pathOf(first), bytes);
    expect(() => store.read(first)).toThrow(expect.objectContaining({ code: 'FILE_TAMPERED' }));
  });

  it('starts the core without waiting for the pass, which then seals every file', async () => {
    const { dataDir, contents } = plainStore(5);
    const pace = gate();
    const core = await createCore({
      dataDir,
      appVersion: '0.0.0-test',
      resourcesDir: repoRoot,
      hasher: new ScryptPasswordHasher(FAST_SCRYPT_COST),
      idleSweepMs: null,
      backupTickMs: null,
      log: () => undefined,
      fileSealing: { beforeFile: pace.beforeFile },
    });
    try {
      // The core answers while the pass still waits before its first file.
      await pace.reached();
      expect((await core.dispatch('admin-window', 'app.firstRunStatus', {})).ok).toBe(true);
      const store = new FileStore(dataDir, null);
      expect([...contents.keys()].every((sha256) => !sealedOnDisk(store, sha256))).toBe(true);
      while (!(await Promise.race([core.fileSealing.then(() => true), pace.reached().then(() => false)]))) pace.next();
      expect(await core.fileSealing).toBe(contents.size);
      expect([...contents.keys()].every((sha256) => sealedOnDisk(store, sha256))).toBe(true);
    } finally {
      await core.close();
    }
  });
});
