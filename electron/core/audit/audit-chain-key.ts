import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Sha256Hex } from '../../../shared/audit/audit-chain';
import { parseStoredJson } from '../../../shared/storage/stored-json';
import type { KeyStore } from '../platform/key-store';

const KEY_NAME = 'audit-chain';

/** The key's file in a FileKeyStore folder, which backups carry beside the database copy. */
export const AUDIT_CHAIN_KEY_FILE = `${KEY_NAME}.key`;

const storedKeySchema = z.object({ key: z.string().regex(/^[0-9a-f]{64}$/), keyedFromSeq: z.number().int().min(1) });

/** canonicalEntryText's array as far as the digest reads it: the previous hash, then the entry's seq. */
const canonicalEntryHeadSchema = z.tuple([z.string(), z.number().int()]).rest(z.unknown());

export interface AuditChainKey {
  key: Buffer;
  /** Entries from this seq on are HMACs; earlier ones were written by a build without a key and stay plain SHA-256. */
  keyedFromSeq: number;
}

/**
 * The audit chain's digest (issue 17 finding 6): HMAC-SHA-256 with a key kept outside the database, so someone with
 * only the database file can no longer drop the trigger, edit an entry and rehash the chain. A chain written before
 * the key existed keeps its plain SHA-256 links up to `keyedFromSeq - 1` and is keyed from there on; that seq is
 * stored with the key, not in the database, so a rewrite cannot move it. The seq is the second field of the canonical
 * entry text (shared/audit/audit-chain.ts), which is how one digest function serves both parts.
 */
export function keyedChainDigest(chainKey: AuditChainKey, sha256: Sha256Hex): Sha256Hex {
  return (text) => {
    const [, seq] = parseStoredJson(canonicalEntryHeadSchema, text, 'audit_log', 'canonical entry text');
    if (seq < chainKey.keyedFromSeq) return sha256(text);
    return createHmac('sha256', chainKey.key).update(text, 'utf8').digest('hex');
  };
}

export function readAuditChainKey(store: KeyStore): AuditChainKey | null {
  const stored = store.read(KEY_NAME);
  if (!stored) return null;
  const { key, keyedFromSeq } = parseStoredJson(storedKeySchema, stored.toString('utf8'), 'keys', AUDIT_CHAIN_KEY_FILE);
  return { key: Buffer.from(key, 'hex'), keyedFromSeq };
}

/** The key, made on first use: the next entry (after `headSeq`) is the first keyed one. */
export function auditChainKey(store: KeyStore, headSeq: number): AuditChainKey {
  const existing = readAuditChainKey(store);
  if (existing) return existing;
  const made = { key: randomBytes(32).toString('hex'), keyedFromSeq: headSeq + 1 };
  try {
    store.create(KEY_NAME, Buffer.from(JSON.stringify(made)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readAuditChainKey(store)!;
}
