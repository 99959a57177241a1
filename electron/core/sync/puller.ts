import { AppError } from '../../../shared/ipc/result';
import { DEFAULT_PULL_LIMIT, type PullResponse } from '../../../shared/sync/protocol';
import type { AppliedPage, PullApplier } from './pull-applier';

/** A feed longer than this in one pass continues in the next one, so a pass always ends. */
const MAX_PAGES_PER_PASS = 200;

export interface PullerDeps {
  gateway: { pull(cursor: string, limit: number): Promise<PullResponse> };
  applier: PullApplier;
  now: () => string;
  /** After each page is committed: refresh caches, end sessions of locked accounts. */
  onPage?: (page: AppliedPage) => void;
  limit?: number;
}

/** Pulls the province's change feed from the stored cursor until the gateway says there is no more. */
export async function pullAll(deps: PullerDeps): Promise<number> {
  let applied = 0;
  for (let pages = 0; pages < MAX_PAGES_PER_PASS; pages += 1) {
    const cursor = deps.applier.cursor();
    const answer = await deps.gateway.pull(cursor, deps.limit ?? DEFAULT_PULL_LIMIT);
    // A gateway that says "more" without moving on would keep us here forever.
    if (answer.more && answer.cursor === cursor) throw new AppError('SYNC_GATEWAY_GARBAGE', { status: 200 });
    const page = deps.applier.applyPage(answer.changes, answer.cursor, deps.now());
    applied += page.applied;
    deps.onPage?.(page);
    if (!answer.more) break;
  }
  return applied;
}
