import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REJECTED_DIR } from '../../../electron/core/digitize/capture';
import { scriptedOcr } from '../../helpers/digitize-fakes';
import { writeJpeg } from '../../helpers/import-fixtures';
import { KHAI_SINH, startReception, tempDir, type TestCore } from '../../helpers/test-core';

const CLIENT = 'admin-window';
const PROFILE = { resolutionDpi: 200, colorMode: 'gray', source: 'adf' };

let t: TestCore | null = null;
afterEach(() => {
  t?.core.close();
  t = null;
});

/** A hot folder the admin configured, fed by "the scanner's own software" with good and bad files. */
async function withHotFolder(): Promise<string> {
  const folder = path.join(tempDir(), 'scan-drop');
  mkdirSync(folder);
  t = await startReception({
    digitize: {
      ocr: scriptedOcr,
      scannerDrivers: { platform: 'linux', hotFolder: { folders: [], settleMs: 200, pollMs: 100, idleEndMs: 2500 } },
    },
  });
  await t.must(CLIENT, 'devices.updateScanSettings', { ...(await t.must(CLIENT, 'devices.scanSettings', {})), hotFolders: [folder] });
  return folder;
}

describe('bad files in a hot folder, through the reception', () => {
  it('captures the good pages, names each bad file with its Vietnamese reason, and keeps the bad files aside', async () => {
    const folder = await withHotFolder();
    const jpeg = await writeJpeg(path.join(folder, '01-good.jpg'));
    writeFileSync(path.join(folder, '02-corrupt.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    writeFileSync(path.join(folder, '03-empty.png'), Buffer.alloc(0));
    await writeJpeg(path.join(folder, '04-good.jpg'));

    const { sessionId } = await t!.must(CLIENT, 'scan.openSession', { procedureCode: KHAI_SINH });
    const summary = await t!.must(CLIENT, 'scan.start', {
      sessionId,
      componentCode: 'TP01',
      scanner: { kind: 'hot-folder', id: folder },
      profile: PROFILE,
    });
    expect(summary.captured).toBe(2);
    expect(summary.error).toBeNull();
    // Files settle independently (an empty file is judged at once), so the order of the list is not the folder's.
    const skipped = [...summary.skipped].sort((a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file));
    expect(skipped.map((s: { file: string; code: string }) => `${s.file} ${s.code}`)).toEqual([
      '02-corrupt.jpg IMPORT_IMAGE_CORRUPT',
      '03-empty.png IMPORT_FILE_EMPTY',
    ]);
    expect(skipped[1].message).toContain('0 byte');
    expect(await t!.must(CLIENT, 'pages.list', { sessionId })).toHaveLength(2);
    const rejected = readdirSync(path.join(folder, REJECTED_DIR));
    expect(rejected.some((name) => name.endsWith('02-corrupt.jpg'))).toBe(true);
    expect(existsSync(path.join(folder, '02-corrupt.jpg'))).toBe(false);
  }, 60_000);

  it('the Test button answers with the bad file’s reason instead of waiting', async () => {
    const folder = await withHotFolder();
    writeFileSync(path.join(folder, 'scan.png'), Buffer.alloc(0));
    const started = Date.now();
    const result = await t!.call(CLIENT, 'devices.test', {
      target: 'scanner',
      scanner: { kind: 'hot-folder', id: folder },
      profileId: 'standard',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT_FILE_EMPTY' } });
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);
});
