import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../../electron/core/platform/file-store';
import { SaneDriver } from '../../../electron/core/digitize/capture/sane/scanimage-driver';
import type { ScanProfile } from '../../../electron/core/digitize/types';
import { collectPages } from '../../helpers/collect-pages';
import { scriptedOcr } from '../../helpers/digitize-fakes';
import { SANE_TEST_CONFIG_DIR } from '../../peers/sane-test-backend';
import { startReception, tempDir, type TestCore } from '../../helpers/test-core';

const ADF: ScanProfile = { resolutionDpi: 200, colorMode: 'gray', source: 'adf' };

/**
 * Stands in for `scanimage`: device queries go to the real one with the test backend; a batch
 * gets three real pages from the test scanner's feeder, then the scanner "disappears" the way
 * `after` says — an I/O error, a hang, a hang that ignores SIGTERM, or the process killed.
 */
async function vanishingScanimage(after: string, prelude = ''): Promise<{ command: string; pidFile: string }> {
  const dir = tempDir('quay-sane-fault-');
  const command = path.join(dir, 'scanimage');
  const pidFile = path.join(dir, 'pid');
  await writeFile(
    command,
    `#!/bin/sh
${prelude}
case "$*" in
  *--batch=*) echo $$ > '${pidFile}'; scanimage "$@" --batch-count=3 || exit $?; ${after} ;;
  *) exec scanimage "$@" ;;
esac
`,
    { mode: 0o755 },
  );
  return { command, pidFile };
}

function driver(command: string, pageTimeoutMs?: number): SaneDriver {
  return new SaneDriver({ command, env: { SANE_CONFIG_DIR: SANE_TEST_CONFIG_DIR }, pageTimeoutMs });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a SANE scanner that disappears mid-batch', () => {
  it('keeps the three pages read before a device I/O error and says so in Vietnamese', async () => {
    const { command } = await vanishingScanimage(`echo 'scanimage: sane_read: Error during device I/O' >&2; exit 9`);
    const { pages, error } = await collectPages(driver(command).scan('test:0', ADF, new AbortController().signal));
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(error?.code).toBe('SCANNER_IO_ERROR');
    expect(error?.message).toContain('sau 3 trang');
    expect(error?.message).toContain('Các trang đã quét được giữ lại');
  }, 60_000);

  it('keeps the pages when the scan process is killed from outside', async () => {
    // exec keeps the wrapper's pid, so the file names the real scanimage; a slow feeder leaves time to kill it.
    const dir = tempDir('quay-sane-kill-');
    const command = path.join(dir, 'scanimage');
    const pidFile = path.join(dir, 'pid');
    await writeFile(
      command,
      `#!/bin/sh\ncase "$*" in *--batch=*) echo $$ > '${pidFile}'; exec scanimage "$@" --read-delay=yes --read-delay-duration 20000 ;; *) exec scanimage "$@" ;; esac\n`,
      { mode: 0o755 },
    );
    const got: number[] = [];
    let failure: { code: string; message: string } | null = null;
    try {
      for await (const page of driver(command).scan('test:0', ADF, new AbortController().signal)) {
        got.push(page.index);
        if (got.length === 3) process.kill(Number((await readFile(pidFile, 'utf8')).trim()), 'SIGKILL');
      }
    } catch (error) {
      failure = error as { code: string; message: string };
    }
    expect(got.slice(0, 3)).toEqual([0, 1, 2]);
    expect(got.length).toBeLessThan(10);
    expect(failure?.code).toBe('SCANNER_IO_ERROR');
    expect(failure?.message).toContain('SIGKILL');
    expect(failure?.message).toContain('Các trang đã quét được giữ lại');
  }, 60_000);

  it('stops a scanimage that hangs after three pages: timeout message, pages kept, process gone', async () => {
    const { command, pidFile } = await vanishingScanimage('exec sleep 600');
    const started = Date.now();
    const { pages, error } = await collectPages(driver(command, 2000).scan('test:0', ADF, new AbortController().signal));
    expect(pages).toHaveLength(3);
    expect(error?.code).toBe('SCANNER_TIMEOUT');
    expect(error?.message).toContain('không phản hồi trong 2 giây');
    expect(error?.message).toContain('sau 3 trang');
    expect(Date.now() - started).toBeLessThan(30_000);
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
  }, 60_000);

  it('kills a hung scanimage that ignores SIGTERM', async () => {
    const { command, pidFile } = await vanishingScanimage('exec sleep 600', "trap '' TERM");
    const { pages, error } = await collectPages(driver(command, 2000).scan('test:0', ADF, new AbortController().signal));
    expect(pages).toHaveLength(3);
    expect(error?.code).toBe('SCANNER_TIMEOUT');
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
  }, 60_000);
});

describe('the scanner gone mid-batch, through the reception', () => {
  let t: TestCore | null = null;
  afterEach(() => {
    t?.core.close();
    t = null;
  });

  it('the pages before the fault stay in their slot, and the next batch continues after them', async () => {
    const { command } = await vanishingScanimage(`echo 'scanimage: sane_read: Error during device I/O' >&2; exit 9`);
    // OCR is not what this test is about, and must not outlive the core it closes with.
    t = await startReception({
      digitize: {
        ocr: scriptedOcr,
        scannerDrivers: { platform: 'linux', sane: { command, env: { SANE_CONFIG_DIR: SANE_TEST_CONFIG_DIR } } },
      },
    });
    const { sessionId } = await t.must('admin-window', 'scan.openSession', { procedureCode: '1.001193.000.00.00.H56' });
    const summary = await t.must('admin-window', 'scan.start', {
      sessionId,
      componentCode: 'TP01',
      scanner: { kind: 'sane', id: 'test:0' },
      profile: ADF,
    });
    expect(summary.captured).toBe(3);
    expect(summary.error.code).toBe('SCANNER_IO_ERROR');
    expect(summary.error.message).toContain('sau 3 trang');
    const pages = await t.must('admin-window', 'pages.list', { sessionId });
    expect(pages.map((p: { componentCode: string; position: number }) => `${p.componentCode}:${p.position}`).sort()).toEqual([
      'TP01:0',
      'TP01:1',
      'TP01:2',
    ]);
    // What was stored before the fault is the scanner's pages, readable as images.
    const store = new FileStore(t.dataDir);
    for (const page of pages) expect((await sharp(store.read(page.file.sha256)).metadata()).width).toBeGreaterThan(0);

    const again = await t.must('admin-window', 'scan.start', {
      sessionId,
      componentCode: 'TP01',
      scanner: { kind: 'sane', id: 'test:0' },
      profile: ADF,
    });
    expect(again.captured).toBe(3);
    const after = await t.must('admin-window', 'pages.list', { sessionId });
    expect(
      after
        .filter((p: { componentCode: string }) => p.componentCode === 'TP01')
        .map((p: { position: number }) => p.position)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5]);
  }, 180_000);
});
