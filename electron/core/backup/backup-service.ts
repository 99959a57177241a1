import path from 'node:path';
import type { SettingsRepository } from '../../../db/repositories/settings-repository';
import type { SqliteConnection } from '../../../db/open';
import {
  backupConfigSchema,
  backupStatusSchema,
  backupWarning,
  DEFAULT_BACKUP_CONFIG,
  EMPTY_BACKUP_STATUS,
  isBackupDue,
  recordRun,
  type BackupConfig,
  type BackupOverview,
  type BackupRun,
  type BackupStatus,
} from '../../../shared/backup/backup-plan';
import { AppError } from '../../../shared/ipc/result';
import { SYSTEM_ACTOR, type AuditActor, type AuditService } from '../audit/audit-service';
import type { Logger } from '../platform/logger';
import type { Clock } from '../platform/clock';
import { writeBackup } from './write-backup';

const CONFIG_KEY = 'backup.config';
const STATUS_KEY = 'backup.status';

export type BackupTrigger = 'schedule' | 'closeDay' | 'manual';

export interface BackupDeps {
  sqlite: SqliteConnection;
  settings: SettingsRepository;
  audit: AuditService;
  clock: Clock;
  dataDir: string;
  /** The at-rest secret when the database is encrypted (issue 17 finding 7). */
  atRestSecret?: Buffer | null;
  appVersion: string;
  log: Logger;
}

/**
 * The daily backup 1+1 (issue 18 §3, docs/architecture.md §5): settings, the schedule, one run at a time to each
 * destination in turn, and each destination's latest outcome for the Health screen. A failed destination never
 * stops the other one.
 */
export class BackupService {
  private running: Promise<BackupRun[]> | null = null;

  constructor(private readonly deps: BackupDeps) {}

  config(): BackupConfig {
    const parsed = backupConfigSchema.safeParse(this.deps.settings.get(CONFIG_KEY));
    return parsed.success ? parsed.data : DEFAULT_BACKUP_CONFIG;
  }

  configure(actor: AuditActor, input: BackupConfig): BackupConfig {
    const parsed = backupConfigSchema.safeParse(input);
    if (!parsed.success)
      throw new AppError('BACKUP_CONFIG_INVALID', { details: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
    const config = { ...parsed.data, destinations: parsed.data.destinations.map((destination) => path.resolve(destination)) };
    if (new Set(config.destinations).size !== config.destinations.length)
      throw new AppError('BACKUP_CONFIG_INVALID', { details: 'destinations' });
    const dataDir = path.resolve(this.deps.dataDir);
    const inside = config.destinations.find((destination) => isWithin(destination, dataDir) || isWithin(dataDir, destination));
    if (inside) throw new AppError('BACKUP_DESTINATION_INSIDE_DATA', { destination: inside });
    this.deps.settings.set(CONFIG_KEY, config, this.deps.clock.now().toISOString());
    this.deps.audit.record(actor, 'backup.configured', null, {
      destinations: config.destinations.length,
      dailyAt: config.dailyAt,
      keep: config.keep,
    });
    return config;
  }

  overview(): BackupOverview {
    const config = this.config();
    const status = this.status();
    return { config, runs: status.runs, warning: backupWarning(this.deps.clock.now(), config, status), running: this.running !== null };
  }

  /** Runs now to every destination (the close of the day, the admin's button); joins a run already going. */
  run(actor: AuditActor, trigger: BackupTrigger): Promise<BackupRun[]> {
    if (this.running) return this.running;
    const config = this.config();
    if (config.destinations.length === 0) return Promise.reject(new AppError('BACKUP_NO_DESTINATION'));
    this.saveStatus({ ...this.status(), lastAttemptAt: this.deps.clock.now().toISOString() });
    this.running = this.runAll(actor, trigger, config).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Called every minute by the composition root; starts the daily run once its time has come. */
  async tick(): Promise<void> {
    const status = this.status();
    const lastAttempt = status.lastAttemptAt ? new Date(status.lastAttemptAt) : null;
    if (this.running || !isBackupDue(this.deps.clock.now(), this.config(), lastAttempt)) return;
    await this.run(SYSTEM_ACTOR, 'schedule').catch((error: unknown) => this.deps.log('scheduled backup failed', error));
  }

  /** Lets the core close only after a run in progress has written its outcome. */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async runAll(actor: AuditActor, trigger: BackupTrigger, config: BackupConfig): Promise<BackupRun[]> {
    const runs: BackupRun[] = [];
    for (const destination of config.destinations) {
      const run = await this.runOne(destination, config.keep);
      runs.push(run);
      this.saveStatus({ ...this.status(), runs: recordRun(this.status().runs, run) });
      this.deps.audit.record(actor, run.ok ? 'backup.completed' : 'backup.failed', run.snapshot, {
        trigger,
        destination: path.basename(destination),
        files: run.files,
        copiedFiles: run.copiedFiles,
        ...(run.errorCode ? { errorCode: run.errorCode } : {}),
      });
    }
    return runs;
  }

  private async runOne(destination: string, keep: number): Promise<BackupRun> {
    const started = this.deps.clock.now();
    const base = { destination, at: started.toISOString(), databaseBytes: 0, files: 0, copiedFiles: 0, copiedBytes: 0 };
    const t0 = performance.now();
    try {
      const report = await writeBackup(
        { sqlite: this.deps.sqlite, dataDir: this.deps.dataDir, atRestSecret: this.deps.atRestSecret },
        destination,
        {
          clock: this.deps.clock,
          appVersion: this.deps.appVersion,
          keep,
        },
      );
      return {
        ...base,
        ok: report.verification.ok,
        snapshot: report.snapshot,
        errorCode: report.verification.ok ? null : 'BACKUP_VERIFY_FAILED',
        databaseBytes: report.databaseBytes,
        files: report.files,
        copiedFiles: report.copiedFiles,
        copiedBytes: report.copiedBytes,
        durationMs: performance.now() - t0,
      };
    } catch (error) {
      this.deps.log(`backup to a destination failed`, error);
      const errorCode = error instanceof AppError ? error.code : 'BACKUP_WRITE_FAILED';
      return { ...base, ok: false, snapshot: null, errorCode, durationMs: performance.now() - t0 };
    }
  }

  private status(): BackupStatus {
    const parsed = backupStatusSchema.safeParse(this.deps.settings.get(STATUS_KEY));
    return parsed.success ? parsed.data : EMPTY_BACKUP_STATUS;
  }

  private saveStatus(status: BackupStatus): void {
    this.deps.settings.set(STATUS_KEY, status, this.deps.clock.now().toISOString());
  }
}

function isWithin(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
