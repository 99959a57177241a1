import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SettingsRepository } from '../../../../db/repositories/settings-repository';
import { backupConfigSchema, DEFAULT_BACKUP_CONFIG } from '../../../../shared/backup/backup-plan';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { listSnapshots } from '../../backup/read-manifest';
import { layoutOf } from '../../backup/backup-layout';
import { verifyBackup, type BackupProblem, type VerifyReport } from '../../backup/verify-backup';
import { writeBackup } from '../../backup/write-backup';
import { databasePath } from '../../create-core';
import { deriveAtRestKeys, fileAtRestSecret, openCounterDatabase } from '../../platform/data-at-rest-key';
import { systemClock } from '../../platform/clock';
import type { CliCommand } from '../cli-command';
import { formatBytes, type CliIo } from '../cli-io';

const t = uiText.cli.backup;

export function problemText(problem: BackupProblem): string {
  const template = t.problems[problem.kind];
  return formatMessage(template, {
    name: 'name' in problem ? problem.name : '',
    snapshot: 'snapshot' in problem ? problem.snapshot : '',
    details: 'details' in problem ? problem.details.join('; ') : '',
  });
}

function printVerification(report: VerifyReport, io: CliIo): void {
  if (report.ok) {
    io.out(
      formatMessage(t.verifyOk, {
        snapshot: report.snapshot ?? '',
        dossiers: report.dossiers,
        files: report.files,
        hashed: report.hashedFiles,
      }),
    );
    return;
  }
  io.out(formatMessage(t.verifyBad, { snapshot: report.snapshot ?? '—', count: report.problems.length }));
  for (const problem of report.problems.slice(0, 50)) io.out(`  - ${problemText(problem)}`);
  if (report.problems.length > 50) io.out(formatMessage(t.moreProblems, { count: report.problems.length - 50 }));
}

/**
 * `quay backup --to DIR`, `quay backup verify DIR`, `quay backup list DIR` (issue 18 §3). A backup reads the live
 * database through SQLite's online backup, so it may run beside the open app; verify re-reads every file.
 */
export const backupCommand: CliCommand = async (args, { io, dataDir, appVersion, clock, atRestSecret: keptSecret }) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      keep: { type: 'string' },
      snapshot: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [action, target] = positionals;
  if (action === 'verify' || action === 'list') {
    if (!target || positionals.length !== 2) throw new AppError('CLI_USAGE', { details: `backup ${action}` });
    if (action === 'list') {
      const snapshots = await listSnapshots(layoutOf(target));
      if (values.json) io.out(JSON.stringify(snapshots));
      else io.out(snapshots.length > 0 ? snapshots.join('\n') : t.noSnapshots);
      return 0;
    }
    const report = await verifyBackup(target, { ...(values.snapshot ? { snapshot: values.snapshot } : {}), hash: 'all' });
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printVerification(report, io);
    return report.ok ? 0 : 1;
  }
  if (positionals.length > 0 || !values.to) throw new AppError('CLI_USAGE', { details: 'backup --to THƯ_MỤC' });
  if (!fs.existsSync(databasePath(dataDir))) throw new AppError('BACKUP_INVALID', { details: formatMessage(t.noDatabase, { dataDir }) });
  const atRestSecret = keptSecret ?? fileAtRestSecret(dataDir);
  const { sqlite, db } = openCounterDatabase(dataDir, deriveAtRestKeys(atRestSecret));
  try {
    const stored = backupConfigSchema.safeParse(new SettingsRepository(db).get('backup.config'));
    const keep = values.keep !== undefined ? Number(values.keep) : stored.success ? stored.data.keep : DEFAULT_BACKUP_CONFIG.keep;
    if (!Number.isInteger(keep) || keep < 1 || keep > 365) throw new AppError('CLI_USAGE', { details: '--keep 1…365' });
    const report = await writeBackup({ sqlite, dataDir, atRestSecret }, values.to, { clock: clock ?? systemClock, appVersion, keep });
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else {
      io.out(
        formatMessage(t.written, {
          snapshot: report.snapshot,
          destination: report.destination,
          database: formatBytes(report.databaseBytes),
          files: report.files,
          copied: report.copiedFiles,
          copiedBytes: formatBytes(report.copiedBytes),
        }),
      );
      if (report.pruned.length > 0) io.out(formatMessage(t.pruned, { snapshots: report.pruned.join(', ') }));
      printVerification(report.verification, io);
    }
    return report.verification.ok ? 0 : 1;
  } finally {
    sqlite.close();
  }
};
