import { z } from 'zod';
import { authorityKinds, type AuthorityGrant } from '../shared/access/authority';
import { listGrants, putGrant, removeGrant } from './access/authorities';
import { BACKOFFICE_SCOPES, createBackofficeToken, revokeBackofficeToken } from './backoffice';
import { auditAnchorReport, type AuditAnchorReport } from './audit-anchors';
import { backupGatewayDatabase, type GatewayBackupAnswer } from './backup';
import type { CentralDb } from './db/open';
import { createEnrolmentCode, revokeDevice } from './enrolment';
import { ImportFileError, importFile, importKinds, type ImportKind, type ImportReport } from './imports';
import { dvcqgAdminRequestSchema, presentDvcqgAnswer, runDvcqgAdmin, type DvcqgAdminAnswer } from './portal/portal-admin';
import { gatewayStats, type GatewayStats } from './stats';
import { presentReportAnswer, reportAdminRequestSchema, runReportAdmin, type ReportAdminAnswer } from './reports/report-admin';

/**
 * What `quay-central` admin commands ask of the database. One definition serves both paths: run
 * here on a database this process opened, or sent to the running `serve` that holds an embedded
 * database (admin-endpoint.ts), so both give the same answer.
 */
export const adminRequestSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('migrate') }),
  z.object({ command: z.literal('stats') }),
  z.object({
    command: z.literal('enroll-code'),
    agencyCode: z.string().min(1),
    counterName: z.string().min(1),
    ttlHours: z.number().positive(),
    expectedDailyDossiers: z.number().int().positive().nullable(),
  }),
  z.object({ command: z.literal('revoke-device'), deviceId: z.string().min(1) }),
  z.object({ command: z.literal('import'), kind: z.enum(importKinds), text: z.string() }),
  z.object({ command: z.literal('backoffice-token'), name: z.string().min(1), scopes: z.array(z.enum(BACKOFFICE_SCOPES)).min(1) }),
  z.object({ command: z.literal('backoffice-token-revoke'), tokenId: z.string().min(1) }),
  z.object({ command: z.literal('audit-verify'), deviceId: z.string().min(1) }),
  z.object({
    command: z.literal('authority-add'),
    actorAgency: z.string(),
    forAgency: z.string(),
    kind: z.enum(authorityKinds),
    effectiveFrom: z.string().nullable(),
  }),
  z.object({ command: z.literal('authority-list') }),
  z.object({ command: z.literal('backup'), to: z.string().min(1), at: z.string() }),
  dvcqgAdminRequestSchema,
  reportAdminRequestSchema,
  z.object({ command: z.literal('authority-remove'), actorAgency: z.string(), forAgency: z.string() }),
]);
export type AdminRequest = z.infer<typeof adminRequestSchema>;

export type AdminAnswer =
  | { command: 'migrate' }
  | { command: 'stats'; stats: GatewayStats }
  | { command: 'enroll-code'; code: string; expiresAt: string }
  | { command: 'revoke-device'; revoked: boolean }
  | { command: 'import'; kind: ImportKind; report: ImportReport }
  | { command: 'import'; fileError: string }
  | { command: 'backoffice-token'; id: string; token: string; scopes: string[] }
  | { command: 'backoffice-token-revoke'; revoked: boolean }
  | { command: 'audit-verify'; report: AuditAnchorReport }
  | { command: 'authority-add'; problem: string | null }
  | { command: 'authority-list'; grants: AuthorityGrant[] }
  | { command: 'authority-remove'; removed: boolean }
  | GatewayBackupAnswer
  | ReportAdminAnswer
  | DvcqgAdminAnswer;

export async function runAdminRequest(db: CentralDb, request: AdminRequest): Promise<AdminAnswer> {
  switch (request.command) {
    case 'migrate':
      return { command: 'migrate' };
    case 'stats':
      return { command: 'stats', stats: await gatewayStats(db) };
    case 'enroll-code': {
      const { code, expiresAt } = await createEnrolmentCode(db, request);
      return { command: 'enroll-code', code, expiresAt: expiresAt.toISOString() };
    }
    case 'revoke-device':
      return { command: 'revoke-device', revoked: await revokeDevice(db, request.deviceId) };
    case 'import':
      try {
        return { command: 'import', kind: request.kind, report: await importFile(db, request.kind, request.text) };
      } catch (error) {
        if (error instanceof ImportFileError) return { command: 'import', fileError: error.message };
        throw error;
      }
    case 'backoffice-token':
      return { command: 'backoffice-token', ...(await createBackofficeToken(db, request.name, request.scopes)) };
    case 'audit-verify':
      return { command: 'audit-verify', report: await auditAnchorReport(db, request.deviceId) };
    case 'backoffice-token-revoke':
      return { command: 'backoffice-token-revoke', revoked: await revokeBackofficeToken(db, request.tokenId) };
    case 'authority-add': {
      const { command: _command, ...grant } = request;
      return { command: 'authority-add', problem: await putGrant(db, grant) };
    }
    case 'authority-list':
      return { command: 'authority-list', grants: await listGrants(db) };
    case 'authority-remove':
      return { command: 'authority-remove', removed: await removeGrant(db, request.actorAgency, request.forAgency) };
    case 'dvcqg':
      return runDvcqgAdmin(db, request);
    case 'backup':
      return backupGatewayDatabase(db, request.to, new Date(request.at));
    case 'report':
      return runReportAdmin(db, request);
  }
}

function describeGrant(grant: AuthorityGrant): string {
  const role = grant.kind === 'successor' ? 'successor of' : 'on behalf of';
  return `${grant.actorAgency} acts ${role} ${grant.forAgency}${grant.effectiveFrom ? ` from ${grant.effectiveFrom}` : ''}`;
}

/** The lines the CLI prints for an answer, and its exit code. */
export function presentAdminAnswer(
  answer: AdminAnswer,
  options: { json: boolean; deviceId?: string; name?: string; dossierCode?: string; tokenId?: string },
): { lines: string[]; exitCode: number } {
  const { json } = options;
  switch (answer.command) {
    case 'migrate':
      return { lines: ['migrations applied'], exitCode: 0 };
    case 'stats':
      return {
        lines: json ? [JSON.stringify(answer.stats)] : Object.entries(answer.stats).map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
        exitCode: 0,
      };
    case 'enroll-code':
      return {
        lines: [
          json ? JSON.stringify({ code: answer.code, expiresAt: answer.expiresAt }) : `${answer.code}  (valid until ${answer.expiresAt})`,
        ],
        exitCode: 0,
      };
    case 'revoke-device':
      return answer.revoked
        ? { lines: [`device ${options.deviceId} revoked`], exitCode: 0 }
        : { lines: [`no device ${options.deviceId}`], exitCode: 1 };
    case 'import': {
      if ('fileError' in answer) return { lines: [answer.fileError], exitCode: 1 };
      const { report } = answer;
      if (json) return { lines: [JSON.stringify(report)], exitCode: report.rejected.length > 0 ? 1 : 0 };
      const lines = [`${answer.kind}: ${report.changed} changed, ${report.unchanged} unchanged, ${report.rejected.length} rejected`];
      for (const r of report.rejected) lines.push(`  item ${r.item}${r.key ? ` (${r.key})` : ''}: ${r.problem}`);
      return { lines, exitCode: report.rejected.length > 0 ? 1 : 0 };
    }
    case 'backoffice-token':
      return {
        lines: [
          json
            ? JSON.stringify({ id: answer.id, token: answer.token, scopes: answer.scopes })
            : `${answer.token}  (token ${answer.id} for ${options.name}, scopes ${answer.scopes.join(',')}; shown once, stored hashed)`,
        ],
        exitCode: 0,
      };
    case 'audit-verify':
      return presentAuditAnchors(answer.report, json);
    case 'backoffice-token-revoke':
      return answer.revoked
        ? { lines: [`back-office token ${options.tokenId} revoked`], exitCode: 0 }
        : { lines: [`no unrevoked back-office token ${options.tokenId}`], exitCode: 1 };
    case 'authority-add':
      return answer.problem
        ? { lines: [`authority not stored: ${answer.problem}`], exitCode: 1 }
        : { lines: ['authority stored'], exitCode: 0 };
    case 'authority-list':
      if (json) return { lines: [JSON.stringify(answer.grants)], exitCode: 0 };
      return {
        lines: answer.grants.length > 0 ? answer.grants.map(describeGrant) : ['no authorities: every counter acts for its own agency only'],
        exitCode: 0,
      };
    case 'authority-remove':
      return answer.removed ? { lines: ['authority removed'], exitCode: 0 } : { lines: ['no such authority'], exitCode: 1 };
    case 'dvcqg':
      return presentDvcqgAnswer(answer, json, options.dossierCode);
    case 'report':
      return presentReportAnswer(answer, json);
    case 'backup':
      if ('problem' in answer)
        return {
          lines: [
            answer.problem === 'notEmbedded'
              ? 'backup covers the embedded database; back up PostgreSQL with pg_dump and WAL archiving (central/README.md)'
              : 'backup destination is not an existing folder (is the drive mounted?)',
          ],
          exitCode: 1,
        };
      return {
        lines: [json ? JSON.stringify(answer) : `${answer.file}  (${answer.bytes} bytes, sha256 ${answer.sha256})`],
        exitCode: 0,
      };
  }
}

/** Exit 1 when the counter is unknown or its log was ever found rewritten: the province has something to look into. */
function presentAuditAnchors(report: AuditAnchorReport, json: boolean): { lines: string[]; exitCode: number } {
  const exitCode = report.known && report.rewrites.length === 0 ? 0 : 1;
  if (json) return { lines: [JSON.stringify(report)], exitCode };
  if (!report.known) return { lines: [`no device ${report.deviceId}`], exitCode };
  const last = report.lastAnchor;
  const lines = [
    last
      ? `last anchored head: entry ${last.seq} ${last.hash} at ${last.at} (${report.anchoredCount} anchors)`
      : 'no head anchored yet: the counter has not synced since anchoring began',
  ];
  for (const rewrite of report.rewrites)
    lines.push(
      `REWRITTEN: at ${rewrite.at} the log no longer held entry ${rewrite.proofSeq} as anchored (it sent ${rewrite.proofHash ?? 'no entry'}); its head was ${rewrite.seq} ${rewrite.hash}`,
    );
  if (report.rewrites.length === 0) lines.push('the log held every anchored head');
  return { lines, exitCode };
}
