// The counter side of bench:sync in its own process, so its memory is measured alone: opens the
// data folder given as the first argument, pushes files and commands until the outbox is empty and
// prints one JSON line — seconds, CPU seconds, passes, resident memory before and at peak.
import { openCounterDatabase } from '../../electron/core/platform/data-at-rest-key';
import { systemClock } from '../../electron/core/platform/clock';
import { createSync } from '../../electron/core/sync';

const dataDir = process.argv[2]!;
const database = openCounterDatabase(dataDir);
const { engine } = createSync({ database, dataDir, clock: systemClock, timeoutMs: 60_000 });
const pending = database.sqlite.prepare('SELECT count(*) FROM outbox WHERE acknowledged_at IS NULL').pluck();

const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 50);
const commands = pending.get() as number;
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
let passes = 0;
let failures = 0;
while ((pending.get() as number) > 0) {
  passes += 1;
  try {
    await engine.pushOnce();
  } catch (error) {
    failures += 1;
    process.stderr.write(`pass ${passes}: ${(error as Error).message}\n`);
    if (failures > 20) break;
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
process.stdout.write(`${JSON.stringify({ commands, left: pending.get(), seconds, cpuSeconds, passes, failures, rssBefore, rssPeak })}\n`);
database.sqlite.close();
