import { z } from 'zod';
import { fromVietnamLocal, toVietnamLocal } from '../domain/vietnam-time';

/**
 * Backup 1+1 (docs/architecture.md §5, backup): what the admin sets, what each run leaves behind, and
 * the pure rules on top — when the daily run is due, when the Health screen must warn, which old
 * snapshots go. Times of day are Vietnam's wall clock; instants are stored in UTC.
 */

export const BACKUP_DESTINATIONS_MAX = 3;
/** After this long without a verified copy the Health screen warns (issue 18 §3: two days). */
export const BACKUP_STALE_AFTER_MS = 2 * 24 * 60 * 60 * 1000;

export const backupConfigSchema = z.object({
  /** Folders on a second disk, a USB drive or a network share; two of them make the 1+1. */
  destinations: z.array(z.string().trim().min(1).max(1024)).max(BACKUP_DESTINATIONS_MAX),
  /** `HH:mm`, Vietnam time. */
  dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** Snapshots kept per destination; the oldest beyond this are removed after a good run. */
  keep: z.number().int().min(1).max(365),
});
export type BackupConfig = z.infer<typeof backupConfigSchema>;

export const DEFAULT_BACKUP_CONFIG: BackupConfig = { destinations: [], dailyAt: '17:30', keep: 14 };

export const backupRunSchema = z.object({
  destination: z.string(),
  at: z.string(),
  ok: z.boolean(),
  snapshot: z.string().nullable(),
  /** Stable error code of a failed run (its Vietnamese text comes from the catalogue). */
  errorCode: z.string().nullable(),
  databaseBytes: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
  copiedFiles: z.number().int().nonnegative(),
  copiedBytes: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type BackupRun = z.infer<typeof backupRunSchema>;

export const backupStatusSchema = z.object({
  /** When the scheduler last started a run, good or not: it does not retry the same day's slot endlessly. */
  lastAttemptAt: z.string().nullable(),
  /** Per destination, the latest run and, when that one failed, the latest good one before it. */
  runs: z.array(backupRunSchema),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const EMPTY_BACKUP_STATUS: BackupStatus = { lastAttemptAt: null, runs: [] };

/** Today's scheduled instant for a `HH:mm` Vietnam time. */
export function scheduledInstant(now: Date, dailyAt: string): Date {
  return fromVietnamLocal(`${toVietnamLocal(now).slice(0, 10)}T${dailyAt}`);
}

/**
 * The daily run is due once today's time has passed and nothing was attempted since. A PC switched on
 * after the time (or off all evening) backs up at its next tick rather than waiting a day.
 */
export function isBackupDue(now: Date, config: BackupConfig, lastAttemptAt: Date | null): boolean {
  if (config.destinations.length === 0) return false;
  const slot = scheduledInstant(now, config.dailyAt);
  if (now.getTime() < slot.getTime()) return false;
  return lastAttemptAt === null || lastAttemptAt.getTime() < slot.getTime();
}

export const backupWarningSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), lastGoodAt: z.string() }),
  z.object({ kind: z.literal('noDestination') }),
  z.object({ kind: z.literal('neverSucceeded') }),
  z.object({ kind: z.literal('stale'), lastGoodAt: z.string() }),
  /** The last run to one destination failed while another holds a recent copy: 1+1 is down to 1. */
  z.object({ kind: z.literal('destinationFailing'), lastGoodAt: z.string(), destinations: z.array(z.string()) }),
]);
export type BackupWarning = z.infer<typeof backupWarningSchema>;

/** What the Health screen and the admin's backup tab show. */
export const backupOverviewSchema = z.object({
  config: backupConfigSchema,
  runs: z.array(backupRunSchema),
  warning: backupWarningSchema,
  running: z.boolean(),
});
export type BackupOverview = z.infer<typeof backupOverviewSchema>;

/** What the Health screen says about backups. */
export function backupWarning(now: Date, config: BackupConfig, status: BackupStatus): BackupWarning {
  if (config.destinations.length === 0) return { kind: 'noDestination' };
  const current = status.runs.filter((run) => config.destinations.includes(run.destination));
  const good = current.filter((run) => run.ok).map((run) => run.at);
  if (good.length === 0) return { kind: 'neverSucceeded' };
  const lastGoodAt = good.reduce((latest, at) => (Date.parse(at) > Date.parse(latest) ? at : latest));
  if (now.getTime() - Date.parse(lastGoodAt) > BACKUP_STALE_AFTER_MS) return { kind: 'stale', lastGoodAt };
  const failing = config.destinations.filter((destination) => !latestRun(current, destination)?.ok);
  return failing.length > 0 ? { kind: 'destinationFailing', lastGoodAt, destinations: failing } : { kind: 'none', lastGoodAt };
}

function latestRun(runs: readonly BackupRun[], destination: string): BackupRun | undefined {
  return runs.filter((run) => run.destination === destination).sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
}

/** The runs to keep once `run` is recorded: its destination's older runs go, except the last good one when it failed. */
export function recordRun(runs: readonly BackupRun[], run: BackupRun): BackupRun[] {
  const others = runs.filter((r) => r.destination !== run.destination);
  const lastGood = run.ok
    ? undefined
    : runs.filter((r) => r.destination === run.destination && r.ok).sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  return [...others, ...(lastGood ? [lastGood] : []), run];
}

/** A snapshot's name: its Vietnam time to the second, sortable as text (`20261206-173000`). */
export function snapshotIdFor(at: Date): string {
  const local = new Date(at.getTime() + 7 * 60 * 60 * 1000).toISOString();
  return `${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}-${local.slice(11, 13)}${local.slice(14, 16)}${local.slice(17, 19)}`;
}

export const SNAPSHOT_ID_PATTERN = /^\d{8}-\d{6}(-\d+)?$/;

/** The snapshots beyond the newest `keep`, oldest first; names that are not snapshots are never touched. */
export function snapshotsToDrop(ids: readonly string[], keep: number): string[] {
  const snapshots = ids.filter((id) => SNAPSHOT_ID_PATTERN.test(id)).sort(compareSnapshotIds);
  return snapshots.slice(0, Math.max(0, snapshots.length - keep));
}

/** Same-second snapshots get `-2`, `-3`…; they sort after the plain name. */
export function compareSnapshotIds(a: string, b: string): number {
  const [baseA, nA] = splitId(a);
  const [baseB, nB] = splitId(b);
  return baseA < baseB ? -1 : baseA > baseB ? 1 : nA - nB;
}

function splitId(id: string): [string, number] {
  const match = /^(\d{8}-\d{6})(?:-(\d+))?$/.exec(id);
  return match ? [match[1]!, Number(match[2] ?? 1)] : [id, 0];
}
