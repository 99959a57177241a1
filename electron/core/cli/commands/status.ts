import { parseArgs } from 'node:util';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { createCore } from '../../create-core';
import type { SyncOverview } from '../../sync/sync-service';
import type { CliCommand } from '../cli-command';
import { cliCoreOptions } from '../cli-core';
import type { CliIo } from '../cli-io';

export function printSyncOverview(overview: SyncOverview, io: CliIo): void {
  const t = uiText.sync;
  if (!overview.enrolled) io.out(t.notEnrolled);
  else io.out(`${t.gatewayUrl}: ${overview.gatewayUrl} · ${t.device}: ${overview.deviceId} · ${t.agency}: ${overview.agencyCode}`);
  io.out(`${t.pendingCommands}: ${overview.pendingCommands} · ${t.pendingFiles}: ${overview.pendingFiles}`);
  io.out(`${t.lastSuccess}: ${overview.lastSuccessAt ?? t.never}`);
  if (overview.lastError) io.out(`${t.lastError}: ${overview.lastError.code} — ${overview.lastError.message}`);
  for (const failure of overview.failures) {
    io.out(
      `${t.failuresTitle}: ${failure.dossierCode ?? failure.id} (${t.commandKinds[failure.kind] ?? failure.kind}) — ${t.rejections[failure.lastError] ?? failure.lastError}`,
    );
  }
}

/** `quay status [--json]`: the sync's state from the local database; makes no network call. */
export const statusCommand: CliCommand = async (args, context) => {
  const { io } = context;
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const core = await createCore(cliCoreOptions(context));
  try {
    const overview = core.services.sync.overview();
    if (values.json) io.out(JSON.stringify(overview, null, 2));
    else printSyncOverview(overview, io);
    return 0;
  } finally {
    await core.close();
  }
};

export function passSummary(overview: SyncOverview): string {
  return formatMessage(uiText.sync.cliPassDone, {
    commands: overview.pendingCommands,
    files: overview.pendingFiles,
    failures: overview.failures.length,
  });
}
