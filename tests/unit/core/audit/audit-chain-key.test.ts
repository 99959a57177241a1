import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AUDIT_CHAIN_KEY_FILE, auditChainKey, keyedChainDigest, readAuditChainKey } from '../../../../electron/core/audit/audit-chain-key';
import type { KeyStore } from '../../../../electron/core/platform/key-store';
import { sha256Hex } from '../../../../electron/core/platform/node-sha256';
import { canonicalEntryText, GENESIS_HASH, type ChainedFields } from '../../../../shared/audit/audit-chain';
import { AppError } from '../../../../shared/ipc/result';

/** A KeyStore in memory: the port as FileKeyStore honours it, without the disk. */
function memoryKeyStore(records: Record<string, string> = {}): KeyStore {
  const stored = new Map<string, Buffer>(Object.entries(records).map(([name, text]) => [name, Buffer.from(text)]));
  return {
    read: (name) => stored.get(name) ?? null,
    create(name, value) {
      if (stored.has(name)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      stored.set(name, value);
    },
  };
}

function caught(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

const entry = (seq: number): ChainedFields => ({
  seq,
  at: '2026-12-06T02:00:00.000Z',
  actorAccountId: 'acc-1',
  actorUsername: 'admin',
  action: 'auth.signIn',
  subject: null,
  details: '{}',
});

describe('audit chain key', () => {
  it('is made once, then read back unchanged', () => {
    const store = memoryKeyStore();
    const made = auditChainKey(store, 4);
    expect(made.keyedFromSeq).toBe(5);
    expect(made.key).toHaveLength(32);
    expect(auditChainKey(store, 99)).toEqual(made);
  });

  it('refuses a damaged key file with STORED_DATA_INVALID naming the file, in Vietnamese', () => {
    for (const text of [
      'not json',
      JSON.stringify({ key: 'short', keyedFromSeq: 1 }),
      JSON.stringify({ key: 'a'.repeat(64), keyedFromSeq: 0 }),
    ]) {
      const error = caught(() => readAuditChainKey(memoryKeyStore({ 'audit-chain': text })));
      expect(error.code).toBe('STORED_DATA_INVALID');
      expect(error.params).toMatchObject({ what: 'keys', key: AUDIT_CHAIN_KEY_FILE });
      expect(error.message).toContain(`“${AUDIT_CHAIN_KEY_FILE}”`);
      expect(error.message).toContain('sai định dạng');
    }
  });

  it('digests entries before keyedFromSeq with plain SHA-256 and the rest with the HMAC', () => {
    const chainKey = { key: Buffer.alloc(32, 7), keyedFromSeq: 3 };
    const digest = keyedChainDigest(chainKey, sha256Hex);
    const older = canonicalEntryText(GENESIS_HASH, entry(2));
    const keyed = canonicalEntryText(GENESIS_HASH, entry(3));
    expect(digest(older)).toBe(sha256Hex(older));
    expect(digest(keyed)).toBe(createHmac('sha256', chainKey.key).update(keyed, 'utf8').digest('hex'));
    expect(digest(keyed)).not.toBe(sha256Hex(keyed));
  });

  it('refuses text that is not a canonical entry instead of guessing which digest it gets', () => {
    const digest = keyedChainDigest({ key: Buffer.alloc(32, 7), keyedFromSeq: 3 }, sha256Hex);
    for (const text of ['{"seq":1}', '["hash","1"]', '["hash"', '[]']) expect(caught(() => digest(text)).code).toBe('STORED_DATA_INVALID');
  });
});
