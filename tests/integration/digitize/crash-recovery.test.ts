import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../../electron/core/platform/file-store';
import { fakePipeline, ScriptedBarcodes, ScriptedScanner } from '../../helpers/digitize-fakes';
import { ADMIN, KHAI_SINH, repoRoot, startTestCore, tempDir, type TestCore } from '../../helpers/test-core';

const CHILD = path.join(repoRoot, 'tests', 'integration', 'digitize', 'scan-then-crash-child.ts');
const KILL_AFTER_PAGES = 12;

/** Runs the child until it has stored KILL_AFTER_PAGES pages, then kills it without warning. */
function scanAndKill(dataDir: string): Promise<{ sessionId: string; announced: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let sessionId = '';
    let announced = 0;
    let finished = false;
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('session ')) sessionId = line.slice(8);
        if (line.startsWith('captured ')) announced++;
        if (line === 'finished') finished = true;
      }
      if (announced >= KILL_AFTER_PAGES && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ sessionId, announced, finished });
      else reject(new Error(`child exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

let t: TestCore | null = null;
afterEach(async () => {
  await t?.core.services.digitization.ocrIdle();
  t?.core.close();
  t = null;
});

describe('a crash in the middle of a 50-page batch', () => {
  it('brings back every page stored before the kill, in its slot and order, and finishes their cleanup', async () => {
    const dataDir = tempDir('quay-crash-');
    const crashed = await scanAndKill(dataDir);
    expect(crashed.finished).toBe(false);
    expect(crashed.announced).toBeGreaterThanOrEqual(KILL_AFTER_PAGES);

    t = await startTestCore(dataDir, undefined, fakePipeline(new ScriptedScanner(), new ScriptedBarcodes()));
    await t.must('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const reopened = await t.must('admin-window', 'scan.openSession', { procedureCode: KHAI_SINH });
    expect(reopened.sessionId).toBe(crashed.sessionId);
    const pages = reopened.pages as Array<{ componentCode: string; position: number; id: string }>;
    expect(pages.length).toBeGreaterThanOrEqual(crashed.announced);
    expect(pages.length).toBeLessThan(50);
    expect(pages.every((p) => p.componentCode === 'TP01')).toBe(true);
    expect(pages.map((p) => p.position)).toEqual(pages.map((_, i) => i));

    const files = new FileStore(dataDir);
    const rows = t.core.database.sqlite
      .prepare(`SELECT original_sha256 FROM scanned_pages WHERE session_id = ?`)
      .pluck()
      .all(crashed.sessionId) as string[];
    expect(rows.every((sha) => files.has(sha))).toBe(true);

    // Pages the crash caught before cleanup are cleaned after the restart.
    await expect
      .poll(
        async () =>
          (await t!.must('admin-window', 'pages.list', { sessionId: crashed.sessionId })).every((p: any) => p.state === 'cleaned'),
        { timeout: 60_000 },
      )
      .toBe(true);
  });
});
