import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainEntry, GENESIS_HASH, verifyChain, type ChainedEntry } from '../../../shared/audit/audit-chain';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function buildChain(count: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const prev = entries.at(-1)?.hash ?? GENESIS_HASH;
    entries.push(
      chainEntry(
        prev,
        {
          seq,
          at: `2026-01-0${(seq % 9) + 1}T00:00:00.000Z`,
          actorAccountId: 'a1',
          actorUsername: 'quantri',
          action: 'auth.signedIn',
          subject: `người dùng ${seq}`,
          details: JSON.stringify({ n: seq }),
        },
        sha256,
      ),
    );
  }
  return entries;
}

const headOf = (entries: ChainedEntry[]) => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });

describe('verifyChain', () => {
  it('accepts an untouched chain and counts every entry', () => {
    const chain = buildChain(6);
    expect(verifyChain(chain, headOf(chain), sha256)).toEqual({ ok: true, checked: 6, firstBadSeq: null, problem: null });
  });

  it('accepts an empty log with no head', () => {
    expect(verifyChain([], null, sha256).ok).toBe(true);
  });

  it('links each entry to the previous hash', () => {
    const chain = buildChain(3);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(chain[2]!.prevHash).toBe(chain[1]!.hash);
  });

  it.each([
    ['action', 'admin.accountCreated'],
    ['subject', 'kẻ gian'],
    ['details', '{"n":99}'],
    ['at', '2020-01-01T00:00:00.000Z'],
    ['actorUsername', 'someone-else'],
  ] as const)('detects an edited %s', (field, value) => {
    const chain = buildChain(5);
    chain[2] = { ...chain[2]!, [field]: value };
    expect(verifyChain(chain, headOf(chain), sha256)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'hashMismatch' });
  });

  it('detects an entry edited together with its own hash (the next link breaks)', () => {
    const chain = buildChain(5);
    const forged = chainEntry(chain[1]!.prevHash, { ...chain[1]!, action: 'auth.signedOut' }, sha256);
    chain[1] = forged;
    expect(verifyChain(chain, headOf(chain), sha256)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'brokenLink' });
  });

  it('detects a deleted entry in the middle', () => {
    const chain = buildChain(5);
    chain.splice(2, 1);
    expect(verifyChain(chain, headOf(chain), sha256)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'brokenLink' });
  });

  it('detects a deleted tail through the head', () => {
    const chain = buildChain(5);
    const head = headOf(chain);
    expect(verifyChain(chain.slice(0, 3), head, sha256)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'missingTail' });
  });

  it('detects a whole log deleted while the head remains', () => {
    const chain = buildChain(2);
    expect(verifyChain([], headOf(chain), sha256)).toMatchObject({ ok: false, problem: 'missingTail' });
  });

  it('detects a head that does not match the last entry', () => {
    const chain = buildChain(3);
    expect(verifyChain(chain, { seq: 3, hash: 'f'.repeat(64) }, sha256)).toMatchObject({ ok: false, problem: 'headMismatch' });
    expect(verifyChain(chain, null, sha256)).toMatchObject({ ok: false, problem: 'headMismatch' });
  });

  it('detects reordered entries', () => {
    const chain = buildChain(4);
    [chain[1], chain[2]] = [chain[2]!, chain[1]!];
    expect(verifyChain(chain, headOf(chain), sha256)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'brokenLink' });
  });

  it('detects an entry inserted with a forged but self-consistent hash', () => {
    const chain = buildChain(3);
    const inserted = chainEntry(chain[0]!.hash, { ...chain[1]!, seq: 2, action: 'admin.roleChanged' }, sha256);
    const tampered = [chain[0]!, inserted, ...chain.slice(1)];
    expect(verifyChain(tampered, headOf(chain), sha256).ok).toBe(false);
  });
});
