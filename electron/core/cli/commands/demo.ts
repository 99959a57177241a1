import { parseArgs } from 'node:util';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { createCore } from '../../create-core';
import { seedDemoDossiers, SettableClock } from '../../demo/seed-demo-dossiers';
import { slipFontDir } from '../../printing';
import type { CliCommand } from '../cli-command';

const LIMITS = { dossiers: 100_000, pages: 50, days: 60 };

function count(value: string | undefined, flag: keyof typeof LIMITS, fallback: number | null, minimum: number): number {
  if (value === undefined) {
    if (fallback === null) throw new AppError('CLI_USAGE', { details: `thiếu --${flag}` });
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < minimum || n > LIMITS[flag]) {
    throw new AppError('CLI_USAGE', { details: `--${flag} phải là số nguyên từ ${minimum} đến ${LIMITS[flag]}` });
  }
  return n;
}

/**
 * `quay demo seed --dossiers N [--pages P] [--days D] [--seed S]`: realistic dossiers with page
 * images, received through the real reception service, for demos and load tests (bench:sync).
 */
export const demoCommand: CliCommand = async (args, { io, dataDir, resourcesDir, appVersion, clock: base, atRestSecret }) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { dossiers: { type: 'string' }, pages: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' } },
  });
  if (positionals.join(' ') !== 'seed') throw new AppError('CLI_USAGE', { details: `demo ${positionals.join(' ')}`.trim() });
  const options = {
    dossiers: count(values.dossiers, 'dossiers', null, 1),
    pages: count(values.pages, 'pages', 3, 0),
    days: count(values.days, 'days', 1, 1),
    seed: values.seed === undefined ? Date.now() % 2 ** 31 : Number.parseInt(values.seed, 10) || 0,
  };
  const clock = new SettableClock(base);
  const core = await createCore({ dataDir, dataAtRestSecret: atRestSecret, resourcesDir, appVersion, clock, idleSweepMs: null });
  let done = 0;
  try {
    const result = await seedDemoDossiers(core, clock, {
      ...options,
      fontDir: slipFontDir(resourcesDir),
      onProgress: (n) => {
        done = n;
        if (n % 500 === 0 && n < options.dossiers) io.err(formatMessage(uiText.cli.demoProgress, { done: n, total: options.dossiers }));
      },
    });
    io.out(
      formatMessage(uiText.cli.demoSeeded, {
        dossiers: result.dossiers,
        pages: result.pages,
        megabytes: (result.bytes / 1024 ** 2).toFixed(1),
        first: result.firstCode ?? '-',
        last: result.lastCode ?? '-',
        seed: options.seed,
      }),
    );
    return 0;
  } catch (error) {
    if (done > 0) io.err(formatMessage(uiText.cli.demoStopped, { done }));
    throw error;
  } finally {
    await core.close();
  }
};
