import { describe, expect, it } from 'vitest';
import { anchorRequestSchema, judgeAnchor } from '../../../shared/audit/audit-anchor';

const hash = (c: string) => c.repeat(64);
const last = { seq: 10, hash: hash('a') };

describe('judgeAnchor (issue 17 finding 6)', () => {
  it('accepts a first head as it is', () => {
    expect(judgeAnchor(null, { head: { seq: 3, hash: hash('b') }, proof: null })).toBe('anchored');
  });

  it('asks for a proof at the last anchor’s seq before accepting a later head', () => {
    expect(judgeAnchor(last, { head: { seq: 12, hash: hash('b') }, proof: null })).toBe('proofNeeded');
    expect(judgeAnchor(last, { head: { seq: 12, hash: hash('b') }, proof: { seq: 9, hash: hash('a') } })).toBe('proofNeeded');
  });

  it('accepts a head whose log still holds the last anchor with the same hash', () => {
    expect(judgeAnchor(last, { head: { seq: 12, hash: hash('b') }, proof: { seq: 10, hash: hash('a') } })).toBe('anchored');
    expect(judgeAnchor(last, { head: last, proof: { seq: 10, hash: hash('a') } })).toBe('anchored');
  });

  it('finds a log rewritten before the anchor, or cut short of it', () => {
    expect(judgeAnchor(last, { head: { seq: 12, hash: hash('b') }, proof: { seq: 10, hash: hash('c') } })).toBe('rewritten');
    expect(judgeAnchor(last, { head: { seq: 8, hash: hash('b') }, proof: { seq: 10, hash: null } })).toBe('rewritten');
  });

  it('takes only lower-case hex hashes and positive seqs', () => {
    expect(anchorRequestSchema.safeParse({ head: { seq: 1, hash: 'A'.repeat(64) }, proof: null }).success).toBe(false);
    expect(anchorRequestSchema.safeParse({ head: { seq: 0, hash: hash('a') }, proof: null }).success).toBe(false);
    expect(anchorRequestSchema.safeParse({ head: { seq: 1, hash: hash('a') } }).success).toBe(false);
  });
});
