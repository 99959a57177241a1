import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vacuumIntoOffLoop } from '../../../electron/core/backup/vacuum-off-loop';
import { databasePath, fileAtRestKeys, openCounterDatabase } from '../../../electron/core/platform/data-at-rest-key';
import { tempDir } from '../../helpers/test-core';

/** Issue 17: the encrypted backup's copy must not hold the core's event loop (docs/architecture.md §5, backup). */
describe('the encrypted database copy', () => {
  it('runs off the event loop, and the copy opens under the same key with the same rows', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const opened = openCounterDatabase(dataDir);
    opened.sqlite.exec('CREATE TABLE probe (n INTEGER); INSERT INTO probe VALUES (1), (2), (3);');
    const target = databasePath(path.join(tempDir(), 'copy'));
    fs.mkdirSync(path.dirname(target), { mode: 0o700 });
    let copied = false;
    const copy = vacuumIntoOffLoop(opened.file, target, fileAtRestKeys(dataDir).database).then(() => {
      copied = true;
    });
    // A callback the loop serves while the copy is still under way: the copy did not run on this thread.
    const servedDuringCopy = await new Promise<boolean>((resolve) => setImmediate(() => resolve(!copied)));
    await copy;
    opened.sqlite.close();
    expect(servedDuringCopy).toBe(true);
    const { sqlite } = openCounterDatabase(path.dirname(target), fileAtRestKeys(dataDir));
    expect(sqlite.prepare('SELECT count(*) AS n FROM probe').get()).toEqual({ n: 3 });
    sqlite.close();
  });
});
