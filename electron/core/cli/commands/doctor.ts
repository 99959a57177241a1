import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { AuditRepository } from '../../../../db/repositories/audit-repository';
import { migrationStatus } from '../../../../db/migrate';
import { checkIntegrity, openDatabase } from '../../../../db/open';
import { deriveAtRestKeys, readDataAtRestSecret } from '../../platform/data-at-rest-key';
import { verifyChain } from '../../../../shared/audit/audit-chain';
import { SettingsRepository } from '../../../../db/repositories/settings-repository';
import { toVietnamLocal } from '../../../../shared/domain/vietnam-time';
import { errorMessage, formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AUDIT_ANCHOR_SETTING, readLocalAnchorState } from '../../sync/audit-anchoring';
import { keyedChainDigest, readAuditChainKey } from '../../audit/audit-chain-key';
import { checkAtRest, type AtRestReport } from '../../health/at-rest-check';
import { FileKeyStore, keyFolder } from '../../platform/key-store';
import { sha256Hex } from '../../platform/node-sha256';
import { databasePath, migrationsFolder } from '../../create-core';
import type { CliCommand } from '../cli-command';
import { formatBytes, type CliIo } from '../cli-io';

/** Below this the counter cannot hold a day of scans; site IT should act before it fills up. */
export const LOW_DISK_BYTES = 2 * 1024 ** 3;

export interface DoctorReport {
  dataDir: string;
  database: { exists: boolean; bytes: number };
  migration: { applied: number; known: number; latestTag: string | null } | null;
  integrity: { ok: boolean; details: string[] } | null;
  auditChain: ReturnType<typeof verifyChain> | null;
  /**
   * The chain's head as this database holds it, and where the province confirmed it at the last sync (issue 17
   * finding 6): the last anchored head, whether this log still holds it with the same hash, and the gateway's verdict.
   * `problem` is AUDIT_ANCHOR_MISMATCH when either says the log was rewritten after it was anchored.
   */
  auditAnchor: {
    head: { seq: number; hash: string } | null;
    anchoredSeq: number | null;
    anchored: { seq: number; hash: string; at: string } | null;
    holds: boolean | null;
    gatewayVerdict: 'anchored' | 'rewritten' | null;
    problem: { code: 'AUDIT_ANCHOR_MISMATCH'; message: string } | null;
  } | null;
  /** Encryption and permissions of personal data on this disk, read before the database is opened. */
  atRest: AtRestReport;
  freeDiskBytes: number | null;
  ok: boolean;
}

/**
 * Reads, never writes: a doctor that migrated or repaired on the way would destroy the evidence
 * site IT needs. Errors opening the database (corrupt, locked) propagate as AppErrors.
 */
/** `atRestSecret`: Electron main's, from the OS key store; absent, the 0600 file under keys/. */
export function diagnose(dataDir: string, resourcesDir: string, atRestSecret?: Buffer): DoctorReport {
  const file = databasePath(dataDir);
  let freeDiskBytes: number | null = null;
  try {
    const stats = fs.statfsSync(fs.existsSync(dataDir) ? dataDir : '.');
    freeDiskBytes = stats.bavail * stats.bsize;
  } catch {
    freeDiskBytes = null;
  }
  // Before opening: opening the database tightens its permissions, and the doctor reports what it found.
  const atRest = checkAtRest(dataDir, file);
  if (!fs.existsSync(file)) {
    return {
      dataDir,
      database: { exists: false, bytes: 0 },
      migration: null,
      integrity: null,
      auditChain: null,
      auditAnchor: null,
      atRest,
      freeDiskBytes,
      ok: atRest.permissionsOk,
    };
  }
  // The secret is read, never made, and a plain database is opened as it is: the doctor reports, it does not encrypt.
  // Without the secret an encrypted file reads as garbage, reported DB_CORRUPT like any file SQLite cannot read.
  const secret = atRest.database?.encrypted ? (atRestSecret ?? readDataAtRestSecret(new FileKeyStore(keyFolder(dataDir)))) : null;
  const { sqlite, db } = openDatabase(file, secret ? { key: deriveAtRestKeys(secret).database } : {});
  try {
    const migration = migrationStatus(sqlite, migrationsFolder(resourcesDir));
    const integrity = checkIntegrity(sqlite);
    const hasAudit = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'`).get() !== undefined;
    // The chain's key is read, never made: a doctor that created one would change what the app verifies next.
    const chainKey = readAuditChainKey(new FileKeyStore(keyFolder(dataDir)));
    const digest = chainKey ? keyedChainDigest(chainKey, sha256Hex) : sha256Hex;
    const repository = new AuditRepository(db, digest);
    const auditChain = hasAudit ? verifyChain(repository.iterateAll(), repository.head(), digest) : null;
    const auditAnchor = hasAudit ? anchorReport(repository, new SettingsRepository(db)) : null;
    const lowDisk = freeDiskBytes !== null && freeDiskBytes < LOW_DISK_BYTES;
    return {
      dataDir,
      database: { exists: true, bytes: fs.statSync(file).size },
      migration,
      integrity,
      auditChain,
      auditAnchor,
      atRest,
      freeDiskBytes,
      ok: integrity.ok && (auditChain?.ok ?? true) && !auditAnchor?.problem && !lowDisk && atRest.permissionsOk,
    };
  } finally {
    sqlite.close();
  }
}

/** The last anchor the sync recorded (electron/core/sync/audit-anchoring.ts), checked against this log as it is now. */
function anchorReport(repository: AuditRepository, settings: SettingsRepository): NonNullable<DoctorReport['auditAnchor']> {
  const head = repository.head();
  const state = readLocalAnchorState(settings.get(AUDIT_ANCHOR_SETTING));
  if (!state) return { head, anchoredSeq: null, anchored: null, holds: null, gatewayVerdict: null, problem: null };
  const { anchor } = state;
  const holds = repository.hashAt(anchor.seq) === anchor.hash;
  const problem =
    holds && state.verdict === 'anchored'
      ? null
      : {
          code: 'AUDIT_ANCHOR_MISMATCH' as const,
          message: errorMessage('AUDIT_ANCHOR_MISMATCH', { seq: anchor.seq, at: toVietnamLocal(new Date(anchor.at)).replace('T', ' ') }),
        };
  return { head, anchoredSeq: anchor.seq, anchored: anchor, holds, gatewayVerdict: state.verdict, problem };
}

export function printDoctorReport(report: DoctorReport, io: CliIo): void {
  const t = uiText.cli;
  io.out(t.doctorTitle);
  io.out(`${t.dataDir}: ${report.dataDir}`);
  if (!report.database.exists) {
    io.out(t.noDatabase);
  } else {
    io.out(`${t.database}: ${formatBytes(report.database.bytes)}`);
    if (report.migration) {
      const { applied, known, latestTag } = report.migration;
      io.out(formatMessage(t.migration, { applied, known, tag: latestTag ?? '—' }));
      if (applied < known) io.out(formatMessage(t.migrationPending, { pending: known - applied }));
    }
    if (report.integrity) {
      io.out(report.integrity.ok ? t.integrityOk : formatMessage(t.integrityBad, { details: report.integrity.details.join('; ') }));
    }
    if (report.auditChain) {
      const chain = report.auditChain;
      io.out(
        chain.ok
          ? formatMessage(t.auditOk, { count: chain.checked })
          : formatMessage(t.auditBad, { seq: chain.firstBadSeq ?? 0, problem: uiText.audit.problems[chain.problem ?? 'brokenLink'] }),
      );
    }
  }
  const anchor = report.auditAnchor;
  if (anchor?.problem) io.out(anchor.problem.message);
  else if (anchor?.head && anchor.anchored)
    io.out(
      formatMessage(t.auditAnchored, {
        seq: anchor.head.seq,
        anchored: anchor.anchored.seq,
        at: toVietnamLocal(new Date(anchor.anchored.at)).replace('T', ' '),
      }),
    );
  else if (anchor?.head) io.out(formatMessage(t.auditAnchor, { seq: anchor.head.seq }));
  const { atRest } = report;
  if (atRest.database)
    io.out(
      formatMessage(t.atRest, {
        database: atRest.database.encrypted ? t.atRestEncrypted : t.atRestClear,
        inClear: atRest.files.inClear,
        sampled: atRest.files.sampled,
      }),
    );
  if (atRest.permissions) {
    const open = atRest.permissions.filter((check) => !check.private).map((check) => `${check.path} (${check.mode})`);
    io.out(open.length === 0 ? t.permissionsOk : formatMessage(t.permissionsBad, { paths: open.join(', ') }));
  }
  if (report.freeDiskBytes !== null) {
    const free = formatBytes(report.freeDiskBytes);
    io.out(formatMessage(report.freeDiskBytes < LOW_DISK_BYTES ? t.freeDiskLow : t.freeDisk, { free }));
  }
  io.out(report.ok ? t.summaryOk : t.summaryBad);
}

/** `quay doctor [--json]`: read-only checks of the local data folder. */
export const doctorCommand: CliCommand = async (args, { io, dataDir, resourcesDir, atRestSecret }) => {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const report = diagnose(dataDir, resourcesDir, atRestSecret);
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else printDoctorReport(report, io);
  return report.ok ? 0 : 1;
};
