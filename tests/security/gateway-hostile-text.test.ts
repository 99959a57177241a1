import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackofficeToken } from '../../central/backoffice';
import { AGENCY, enrol, push, receivedCommand, startGateway, type Gateway } from '../central/gateway-fixture';

/**
 * Issue 17 finding 2: one bad character must cost the counter one command, never its whole sync.
 * PostgreSQL refuses NUL and lone surrogates in text and jsonb; before the fix that error was the
 * batch's HTTP 500 and the counter pushed the same batch forever.
 */
describe('gateway: hostile text in a pushed batch', () => {
  let gateway: Gateway;
  let credential: { deviceId: string; secret: string };

  beforeAll(async () => {
    gateway = await startGateway();
    credential = await enrol(gateway);
  }, 120_000);
  afterAll(() => gateway?.close());

  const hostile = {
    NUL: 'Nguyễn\u0000Văn A',
    'a lone surrogate': 'Nguyễn \ud800Văn A',
  };

  for (const [label, fullName] of Object.entries(hostile)) {
    it(`rejects only the command holding ${label}, applies the others once, and answers a replay the same way`, async () => {
      const before = receivedCommand();
      const bad = receivedCommand();
      bad.payload.dossier.owner.fullName = fullName;
      const after = receivedCommand();

      const first = await push(gateway, credential, [before, bad, after]);
      expect(first.status).toBe(200);
      expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'rejected', 'applied']);
      expect(first.body.results[1].reason).toBe('TEXT_INVALID_CHARACTERS');

      const second = await push(gateway, credential, [before, bad, after]);
      expect(second.status).toBe(200);
      expect(second.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'rejected', 'duplicate']);
      expect(second.body.results[1].reason).toBe('TEXT_INVALID_CHARACTERS');
    });
  }

  it('rejects a NUL in the note of the event when the command is alone in its batch', async () => {
    const bad = receivedCommand();
    bad.payload.event.payload.note = 'x\u0000';
    const result = await push(gateway, credential, [bad]);
    expect(result.status).toBe(200);
    expect(result.body.results[0]).toMatchObject({ status: 'rejected', reason: 'TEXT_INVALID_CHARACTERS' });
  });

  // A tab is a control character, refused as such before the code is even read.
  const twins = [
    ['a trailing tab', '\t', 'TEXT_INVALID_CHARACTERS'],
    ['an ideographic space', '\u3000', 'DOSSIER_CODE_NOT_CANONICAL'],
  ] as const;
  for (const [label, suffix, reason] of twins) {
    it(`refuses a dossier code with ${label} instead of making a second dossier`, async () => {
      const original = receivedCommand();
      expect((await push(gateway, credential, [original])).body.results[0].status).toBe('applied');
      const twin = receivedCommand({ code: original.dossierCode + suffix });
      const result = await push(gateway, credential, [twin]);
      expect(result.status).toBe(200);
      expect(result.body.results[0]).toMatchObject({ status: 'rejected', reason });
    });
  }

  it('still accepts a canonical code of the device agency', async () => {
    const result = await push(gateway, credential, [receivedCommand({ code: `${AGENCY}-260302-9001` })]);
    expect(result.body.results[0].status).toBe('applied');
  });

  it('answers 400, never 500, for a back-office route with a non-canonical or hostile dossier code', async () => {
    const original = receivedCommand();
    expect((await push(gateway, credential, [original])).body.results[0].status).toBe('applied');
    const { token } = await createBackofficeToken(gateway.database.db, 'Một cửa tỉnh');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (const suffix of ['%09', '%E3%80%80', '%00']) {
      const status = await fetch(`${gateway.url}/v1/backoffice/dossiers/${original.dossierCode}${suffix}/status`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ status: 4, note: 'Chuyển xử lý' }),
      });
      expect(status.status).toBe(400);
      const dvcqg = await fetch(`${gateway.url}/v1/dvcqg/dossiers/${original.dossierCode}${suffix}`, { headers });
      expect(dvcqg.status).toBe(400);
    }
    const fine = await fetch(`${gateway.url}/v1/backoffice/dossiers/${original.dossierCode}/status`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ status: 4, note: 'Chuyển xử lý' }),
    });
    expect(fine.status).toBe(200);
  });
});
