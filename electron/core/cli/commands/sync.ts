import { parseArgs } from 'node:util';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { createCore } from '../../create-core';
import type { CliCommand } from '../cli-command';
import { cliCoreOptions } from '../cli-core';
import { passSummary } from './status';

/**
 * `quay sync [--once]`: one pass and its outcome (exit 1 if it did not complete), or the
 * background loop until Ctrl+C / SIGTERM, for a counter PC run headless by site IT.
 */
export const syncCommand: CliCommand = async (args, context) => {
  const { io } = context;
  const { values } = parseArgs({ args, options: { once: { type: 'boolean', default: false } } });
  const core = await createCore(cliCoreOptions(context, { background: !values.once }));
  try {
    if (values.once) {
      const overview = await core.services.sync.syncNow();
      if (overview.lastError) {
        io.err(formatMessage(uiText.sync.cliPassFailed, { code: overview.lastError.code, message: overview.lastError.message }));
        return 1;
      }
      io.out(passSummary(overview));
      return 0;
    }
    core.services.sync.start();
    io.out(uiText.sync.cliRunning);
    const unsubscribe = core.onEvent((_client, event) => {
      if (event === 'sync.progress' && core.services.sync.overview().state === 'idle') io.out(passSummary(core.services.sync.overview()));
    });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    unsubscribe();
    await core.services.sync.stop();
    return 0;
  } finally {
    await core.close();
  }
};
