import { z } from 'zod';
import { storedAnchorSchema, type AnchorRequest, type AnchorResponse, type AuditHead } from '../../../shared/audit/audit-anchor';
import { AppError } from '../../../shared/ipc/result';
import { describeIssues } from '../../../shared/storage/stored-json';

/** Where the counter keeps what the gateway last said about its chain (the settings table). */
export const AUDIT_ANCHOR_SETTING = 'audit.anchor';

/**
 * The last head the province accepted, and its verdict on the latest one sent: 'rewritten' when the log no longer
 * held that head. A copy for `quay doctor` and the next sync; the gateway's own rows are what counts (docs/architecture.md §8).
 */
export const localAnchorStateSchema = z.object({
  anchor: storedAnchorSchema,
  verdict: z.enum(['anchored', 'rewritten']),
  checkedAt: z.string(),
});
export type LocalAnchorState = z.infer<typeof localAnchorStateSchema>;

/** The setting as SettingsRepository.get returns it (parsed JSON), read through its schema. */
export function readLocalAnchorState(stored: unknown): LocalAnchorState | null {
  if (stored === undefined || stored === null) return null;
  const parsed = localAnchorStateSchema.safeParse(stored);
  if (!parsed.success)
    throw new AppError('STORED_DATA_INVALID', { what: 'settings', key: AUDIT_ANCHOR_SETTING, details: describeIssues(parsed.error) });
  return parsed.data;
}

export interface AuditAnchoringDeps {
  gateway: { anchorAuditHead(request: AnchorRequest): Promise<AnchorResponse> };
  chain: { head(): AuditHead | null; hashAt(seq: number): string | null };
  settings: { get(key: string): unknown; set(key: string, value: unknown, at: string): void };
  now: () => string;
  log?: (message: string) => void;
}

/**
 * A sync step (issue 17 finding 6): sends the audit chain's head to the gateway with the proof that the log still
 * holds the last anchored head (shared/audit/audit-anchor.ts). The proof is taken at the seq the gateway names, not
 * the one remembered here, so a rewritten settings row changes nothing. A rewritten log does not stop the sync:
 * dossiers still go to the province, which now holds the evidence.
 */
export class AuditAnchoring {
  constructor(private readonly deps: AuditAnchoringDeps) {}

  async anchor(): Promise<LocalAnchorState | null> {
    const head = this.deps.chain.head();
    if (!head) return null;
    const remembered = readLocalAnchorState(this.deps.settings.get(AUDIT_ANCHOR_SETTING));
    let answer = await this.deps.gateway.anchorAuditHead({ head, proof: remembered ? this.proofAt(remembered.anchor.seq) : null });
    if (answer.verdict === 'proofNeeded' && answer.anchor) {
      answer = await this.deps.gateway.anchorAuditHead({ head, proof: this.proofAt(answer.anchor.seq) });
    }
    if (answer.verdict === 'proofNeeded' || !answer.anchor) throw new AppError('SYNC_GATEWAY_GARBAGE', { status: 200 });
    const state: LocalAnchorState = { anchor: answer.anchor, verdict: answer.verdict, checkedAt: this.deps.now() };
    this.deps.settings.set(AUDIT_ANCHOR_SETTING, state, state.checkedAt);
    if (state.verdict === 'rewritten') this.deps.log?.(`audit log no longer holds anchored entry ${state.anchor.seq}`);
    return state;
  }

  private proofAt(seq: number): { seq: number; hash: string | null } {
    return { seq, hash: this.deps.chain.hashAt(seq) };
  }
}
