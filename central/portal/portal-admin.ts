import { z } from 'zod';
import type { CentralDb } from '../db/open';
import { outboxStatus, replayDossier, retryDead, type OutboxStatus } from './dvcqg-outbox';

/**
 * `quay-central dvcqg status|retry|replay [--dossier CODE]`: what is owed to the national portal and
 * what it refused, dead letters sent again once their cause is fixed, a dossier sent again whole.
 * Runs like every admin command, here or inside a running `serve` (central/admin-commands.ts).
 */
export const dvcqgAdminRequestSchema = z.object({
  command: z.literal('dvcqg'),
  action: z.enum(['status', 'retry', 'replay']),
  dossierCode: z.string().min(1).max(64).nullable(),
});
export type DvcqgAdminRequest = z.infer<typeof dvcqgAdminRequestSchema>;

export type DvcqgAdminAnswer =
  | { command: 'dvcqg'; action: 'status'; status: OutboxStatus }
  | { command: 'dvcqg'; action: 'retry'; revived: number }
  | { command: 'dvcqg'; action: 'replay'; queued: number };

export async function runDvcqgAdmin(db: CentralDb, request: DvcqgAdminRequest, now = new Date()): Promise<DvcqgAdminAnswer> {
  const dossier = request.dossierCode ?? undefined;
  switch (request.action) {
    case 'status':
      return { command: 'dvcqg', action: 'status', status: await outboxStatus(db, dossier) };
    case 'retry':
      return { command: 'dvcqg', action: 'retry', revived: await retryDead(db, now, dossier) };
    case 'replay':
      return { command: 'dvcqg', action: 'replay', queued: dossier ? await replayDossier(db, dossier) : 0 };
  }
}

export function presentDvcqgAnswer(answer: DvcqgAdminAnswer, json: boolean, dossierCode?: string): { lines: string[]; exitCode: number } {
  if (json) return { lines: [JSON.stringify(answer)], exitCode: 0 };
  switch (answer.action) {
    case 'status': {
      const { counts, oldestPendingAt, dead, rows } = answer.status;
      const lines = [
        `pending ${counts.pending ?? 0}, sent ${counts.sent ?? 0}, skipped ${counts.skipped ?? 0}, dead ${counts.dead ?? 0}` +
          (oldestPendingAt ? ` (oldest pending since ${oldestPendingAt})` : ''),
      ];
      for (const d of dead)
        lines.push(`dead: ${d.dossierCode} ${d.operation} event ${d.eventId} after ${d.attempts} attempt(s): ${d.error}`);
      for (const r of rows ?? [])
        lines.push(
          `  #${r.id} ${r.operation} event ${r.eventId} gen ${r.generation}: ${r.state}, ${r.attempts} attempt(s)${r.lastError ? ` (${r.lastError})` : ''}`,
        );
      return { lines, exitCode: 0 };
    }
    case 'retry':
      return { lines: [`${answer.revived} dead letter(s) queued again`], exitCode: 0 };
    case 'replay':
      return answer.queued > 0
        ? { lines: [`dossier ${dossierCode} queued again: ${answer.queued} operation(s)`], exitCode: 0 }
        : { lines: [`no recorded events for dossier ${dossierCode}`], exitCode: 1 };
  }
}
