import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HotFolderDriver, IMPORTED_DIR, REJECTED_DIR } from '../../../electron/core/digitize/capture/hot-folder/hot-folder-driver';
import type { SkippedFile } from '../../../electron/core/digitize/capture/scanner-driver';
import type { CapturedPage, ScanProfile } from '../../../electron/core/digitize/types';
import { collectPages } from '../../helpers/collect-pages';
import { writeTextPdf } from '../../helpers/import-fixtures';
import { scanTestPages } from '../../peers/sane-test-backend';

const PROFILE: ScanProfile = { resolutionDpi: 200, colorMode: 'gray', source: 'adf' };
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'quay-hot-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Writes a file in small pieces with pauses, the way scanner software saves a page. */
async function writeSlowly(file: string, bytes: Buffer, pieces = 8): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const size = Math.ceil(bytes.length / pieces);
    for (let at = 0; at < bytes.length; at += size) {
      await handle.write(bytes.subarray(at, at + size));
      await handle.sync();
      await sleep(40);
    }
  } finally {
    await handle.close();
  }
}

describe('hot folder driver', () => {
  it('turns files arriving while it watches into pages once each file is complete', async () => {
    const [scanned] = await scanTestPages(1);
    const pdf = path.join(os.tmpdir(), `quay-hot-${process.pid}.pdf`);
    await writeTextPdf(pdf, 2);
    const driver = new HotFolderDriver({ folders: [folder], settleMs: 1200, pollMs: 100 });
    const controller = new AbortController();
    const pages: CapturedPage[] = [];
    const watching = (async () => {
      for await (const page of driver.scan(folder, PROFILE, controller.signal)) {
        pages.push(page);
        if (pages.length === 3) controller.abort();
      }
    })().catch((error: unknown) => error);
    await sleep(300);
    await writeSlowly(path.join(folder, 'scan-0001.png'), scanned!);
    await writeSlowly(path.join(folder, 'scan-0002.pdf'), await readFile(pdf));
    expect(await watching).toMatchObject({ code: 'SCANNER_CANCELLED' });
    await rm(pdf, { force: true });

    expect(pages.map((p) => [p.index, p.source])).toEqual([
      [0, 'scan-0001.png'],
      [1, 'scan-0002.pdf (trang 1)'],
      [2, 'scan-0002.pdf (trang 2)'],
    ]);
    expect(Buffer.from(pages[0]!.bytes).equals(scanned!)).toBe(true);
    expect(await readdir(folder)).toEqual(expect.arrayContaining([IMPORTED_DIR, REJECTED_DIR]));
    expect((await readdir(folder)).filter((name) => !name.startsWith('.'))).toEqual([]);
    expect(await readdir(path.join(folder, IMPORTED_DIR))).toHaveLength(2);
  }, 30_000);

  it('takes files already waiting, moves a bad one aside with its message, and keeps going', async () => {
    const [scanned] = await scanTestPages(1);
    await writeFile(path.join(folder, 'a-broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await writeFile(path.join(folder, 'b-good.png'), scanned!);
    await writeFile(path.join(folder, 'c-half-written.png.part'), scanned!.subarray(0, 100));
    const skipped: SkippedFile[] = [];
    const driver = new HotFolderDriver({
      folders: [folder],
      settleMs: 200,
      pollMs: 100,
      idleEndMs: 3000,
      onFileSkipped: (s) => skipped.push(s),
    });
    const { pages, error } = await collectPages(driver.scan(folder, PROFILE, new AbortController().signal));
    expect(error).toBeNull();
    expect(pages.map((p) => p.source)).toEqual(['b-good.png']);
    expect(skipped).toEqual([expect.objectContaining({ file: 'a-broken.jpg', code: 'IMPORT_IMAGE_CORRUPT' })]);
    expect(skipped[0]!.message).toContain('“a-broken.jpg”');
    expect(await readdir(path.join(folder, REJECTED_DIR))).toHaveLength(1);
    expect(await readdir(folder)).toContain('c-half-written.png.part');
  }, 30_000);

  it('ends with SCANNER_CANCELLED when the officer stops it, keeping the pages taken', async () => {
    const [scanned] = await scanTestPages(1);
    await writeFile(path.join(folder, 'one.png'), scanned!);
    const driver = new HotFolderDriver({ folders: [folder], settleMs: 200, pollMs: 100 });
    const controller = new AbortController();
    const pages: CapturedPage[] = [];
    let error: unknown = null;
    try {
      for await (const page of driver.scan(folder, PROFILE, controller.signal)) {
        pages.push(page);
        controller.abort();
      }
    } catch (caught) {
      error = caught;
    }
    expect(pages).toHaveLength(1);
    expect((error as { code?: string }).code).toBe('SCANNER_CANCELLED');
  });

  it('lists only configured folders that exist and refuses a missing one', async () => {
    const missing = path.join(folder, 'missing');
    const driver = new HotFolderDriver({ folders: [folder, missing] });
    expect((await driver.list()).map((f) => f.id)).toEqual([folder]);
    const { error } = await collectPages(driver.scan(missing, PROFILE, new AbortController().signal));
    expect(error?.code).toBe('HOT_FOLDER_NOT_FOUND');
  });
});
