import type { AuditRepository } from '../../../db/repositories/audit-repository';
import type { AuditRow } from '../../../db/schema';
import { verifyChain, type ChainHead, type Sha256Hex } from '../../../shared/audit/audit-chain';
import type { AuditEntry, AuditVerification } from '../../../shared/ipc/contract';
import type { uiText } from '../../../shared/i18n/vi';
import { z } from 'zod';
import { parseStoredJson } from '../../../shared/storage/stored-json';
import type { Clock } from '../platform/clock';

export type AuditAction = keyof typeof uiText.audit.actions;

export interface AuditActor {
  accountId: string | null;
  username: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { accountId: null, username: null };

const auditDetailsSchema = z.record(z.string(), z.unknown());

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorUsername: row.actorUsername,
    action: row.action,
    subject: row.subject,
    details: parseStoredJson(auditDetailsSchema, row.details, 'audit_log.details', String(row.seq)),
  };
}

export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
    private readonly sha256: Sha256Hex,
  ) {}

  record(actor: AuditActor, action: AuditAction, subject: string | null, details: Record<string, unknown> = {}): void {
    this.repository.append({
      at: this.clock.now().toISOString(),
      actorAccountId: actor.accountId,
      actorUsername: actor.username,
      action,
      subject,
      details: JSON.stringify(details),
    });
  }

  list(limit: number, beforeSeq?: number): AuditEntry[] {
    return this.repository.list(limit, beforeSeq).map(toEntry);
  }

  /** The chain's head and the hash at one seq: what the sync anchors at the gateway (electron/core/sync/audit-anchoring.ts). */
  head(): ChainHead | null {
    return this.repository.head();
  }

  hashAt(seq: number): string | null {
    return this.repository.hashAt(seq);
  }

  verify(): AuditVerification {
    return verifyChain(this.repository.iterateAll(), this.repository.head(), this.sha256);
  }
}
