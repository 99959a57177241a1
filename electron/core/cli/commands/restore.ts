import { parseArgs } from 'node:util';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { restoreBackup } from '../../backup/restore-backup';
import type { CliCommand } from '../cli-command';
import { formatBytes } from '../cli-io';

/**
 * `quay restore --from DIR --data NEW [--snapshot ID]` (issue 18 §3): into a new, empty folder only; the snapshot is
 * verified in full first. Then `quay doctor --data NEW` and point the app at NEW.
 */
export const restoreCommand: CliCommand = async (args, { io, dataDir }) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: 'string' }, snapshot: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length > 0 || !values.from) throw new AppError('CLI_USAGE', { details: 'restore --from THƯ_MỤC --data THƯ_MỤC_MỚI' });
  const report = await restoreBackup({ from: values.from, dataDir, ...(values.snapshot ? { snapshot: values.snapshot } : {}) });
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else
    io.out(
      formatMessage(uiText.cli.backup.restored, {
        snapshot: report.snapshot,
        dataDir: report.dataDir,
        dossiers: report.dossiers,
        files: report.files,
        bytes: formatBytes(report.bytes),
      }),
    );
  return 0;
};
