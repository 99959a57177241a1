/**
 * The counter's sync in a process of its own for the fault suite (faults.test.ts): opens the data
 * folder given as the first argument and pushes files and commands until the outbox is empty, then
 * exits 0. The suite SIGKILLs it at random moments and starts it again. Only the database and the
 * sync are loaded, not the whole core, so a restart takes a second rather than a dozen.
 */
import { openCounterDatabase } from '../../electron/core/platform/data-at-rest-key';
import { systemClock } from '../../electron/core/platform/clock';
import { createSync } from '../../electron/core/sync';

const dataDir = process.argv[2]!;
const database = openCounterDatabase(dataDir);
const { engine } = createSync({ database, dataDir, clock: systemClock, timeoutMs: 4_000, engine: { batchSize: 3 } });
const pending = database.sqlite.prepare('SELECT count(*) FROM outbox WHERE acknowledged_at IS NULL').pluck();
process.stdout.write('ready\n');
for (let pass = 1; (pending.get() as number) > 0; pass += 1) {
  try {
    await engine.pushOnce();
  } catch (error) {
    process.stderr.write(`pass ${pass}: ${(error as Error).message}\n`);
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
}
database.sqlite.close();
process.stdout.write('done\n');
