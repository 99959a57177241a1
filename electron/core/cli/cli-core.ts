import type { CoreOptions } from '../create-core';
import type { CliCommandContext } from './cli-command';

/**
 * The options every CLI command opens the core with: its data folder, no idle timer, and the
 * credential store and hasher the caller chose, so `quay enroll` in the packaged app keeps the
 * device secret with the OS key store like the window does (issue 17 finding 11).
 */
export function cliCoreOptions(context: CliCommandContext, sync: CoreOptions['sync'] = { background: false }): CoreOptions {
  const { dataDir, resourcesDir, appVersion, clock, credentials, hasher, fetch, atRestSecret } = context;
  return {
    dataDir,
    resourcesDir,
    appVersion,
    idleSweepMs: null,
    ...(atRestSecret ? { dataAtRestSecret: atRestSecret } : {}),
    ...(clock ? { clock } : {}),
    ...(hasher ? { hasher } : {}),
    sync: { ...sync, ...(credentials ? { credentials } : {}), ...(fetch ? { fetch } : {}) },
  };
}
