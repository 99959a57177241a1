import { describe, expect, it } from 'vitest';
import { judgeAnchor, type AnchorRequest, type AnchorResponse, type StoredAnchor } from '../../../../shared/audit/audit-anchor';
import { AUDIT_ANCHOR_SETTING, AuditAnchoring } from '../../../../electron/core/sync/audit-anchoring';

const hash = (c: string) => c.repeat(64);

/** A gateway as central/audit-anchors.ts answers, in memory. */
function fakeGateway(stored: StoredAnchor | null) {
  const requests: AnchorRequest[] = [];
  return {
    requests,
    get last() {
      return stored;
    },
    async anchorAuditHead(request: AnchorRequest): Promise<AnchorResponse> {
      requests.push(request);
      const verdict = judgeAnchor(stored, request);
      if (verdict === 'anchored') stored = { ...request.head, at: '2026-12-06T01:00:00.000Z' };
      return { verdict, anchor: stored };
    },
  };
}

function counter(chain: Map<number, string>, gateway: ReturnType<typeof fakeGateway>) {
  const settings = new Map<string, unknown>();
  const anchoring = new AuditAnchoring({
    gateway,
    chain: {
      head: () => (chain.size === 0 ? null : { seq: chain.size, hash: chain.get(chain.size)! }),
      hashAt: (seq) => chain.get(seq) ?? null,
    },
    settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
    now: () => '2026-12-06T01:00:00.000Z',
  });
  return { anchoring, settings };
}

describe('AuditAnchoring, the sync step (issue 17 finding 6)', () => {
  it('sends nothing for an empty log', async () => {
    const gateway = fakeGateway(null);
    expect(await counter(new Map(), gateway).anchoring.anchor()).toBeNull();
    expect(gateway.requests).toEqual([]);
  });

  it('proves the anchor the gateway names, even when its own copy is lost, then anchors the new head', async () => {
    const chain = new Map([
      [1, hash('a')],
      [2, hash('b')],
      [3, hash('c')],
    ]);
    const gateway = fakeGateway({ seq: 2, hash: hash('b'), at: '2026-12-05T01:00:00.000Z' });
    const { anchoring, settings } = counter(chain, gateway);
    expect(await anchoring.anchor()).toMatchObject({ verdict: 'anchored', anchor: { seq: 3, hash: hash('c') } });
    expect(gateway.requests.map((r) => r.proof)).toEqual([null, { seq: 2, hash: hash('b') }]);
    expect(settings.get(AUDIT_ANCHOR_SETTING)).toMatchObject({ verdict: 'anchored', anchor: { seq: 3 } });
  });

  it('records a rewritten verdict and keeps the last good anchor, without failing the sync', async () => {
    const chain = new Map([
      [1, hash('a')],
      [2, hash('x')],
      [3, hash('c')],
    ]);
    const gateway = fakeGateway({ seq: 2, hash: hash('b'), at: '2026-12-05T01:00:00.000Z' });
    const { anchoring, settings } = counter(chain, gateway);
    expect(await anchoring.anchor()).toMatchObject({ verdict: 'rewritten', anchor: { seq: 2, hash: hash('b') } });
    expect(gateway.last).toMatchObject({ seq: 2, hash: hash('b') });
    expect(settings.get(AUDIT_ANCHOR_SETTING)).toMatchObject({ verdict: 'rewritten' });
  });
});
