/**
 * The audit log's hash chain, kept pure so the rules can be tested exhaustively: each entry's hash
 * covers its own fields and the previous entry's hash, so editing, deleting or inserting an entry
 * breaks every later link; the head (last seq + hash, stored apart) catches a deleted tail.
 */
export type Sha256Hex = (text: string) => string;

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: string;
  actorAccountId: string | null;
  actorUsername: string | null;
  action: string;
  subject: string | null;
  details: string;
}

export interface ChainedEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export type ChainProblem = 'hashMismatch' | 'brokenLink' | 'missingTail' | 'headMismatch';

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  problem: ChainProblem | null;
}

/** A fixed field order; JSON.stringify of an array is stable where object key order might not be. */
export function canonicalEntryText(prevHash: string, fields: ChainedFields): string {
  return JSON.stringify([
    prevHash,
    fields.seq,
    fields.at,
    fields.actorAccountId,
    fields.actorUsername,
    fields.action,
    fields.subject,
    fields.details,
  ]);
}

export function chainEntry(prevHash: string, fields: ChainedFields, sha256: Sha256Hex): ChainedEntry {
  return { ...fields, prevHash, hash: sha256(canonicalEntryText(prevHash, fields)) };
}

export function verifyChain(entries: Iterable<ChainedEntry>, head: ChainHead | null, sha256: Sha256Hex): ChainVerification {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const bad = (seq: number, problem: ChainProblem): ChainVerification => ({
    ok: false,
    checked,
    firstBadSeq: seq,
    problem,
  });

  for (const entry of entries) {
    if (entry.seq !== expectedSeq || entry.prevHash !== expectedPrev) return bad(entry.seq, 'brokenLink');
    if (sha256(canonicalEntryText(entry.prevHash, entry)) !== entry.hash) return bad(entry.seq, 'hashMismatch');
    expectedPrev = entry.hash;
    expectedSeq += 1;
    checked += 1;
  }

  const lastSeq = expectedSeq - 1;
  if (head === null) {
    return lastSeq === 0 ? { ok: true, checked, firstBadSeq: null, problem: null } : bad(1, 'headMismatch');
  }
  if (head.seq > lastSeq) return bad(lastSeq + 1, 'missingTail');
  if (head.seq !== lastSeq || head.hash !== expectedPrev) return bad(Math.max(lastSeq, 1), 'headMismatch');
  return { ok: true, checked, firstBadSeq: null, problem: null };
}
