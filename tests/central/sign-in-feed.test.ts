import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../central/imports';
import { AGENCY, enrol, push, receivedCommand, signed, startGateway, type Gateway } from './gateway-fixture';

/** Issue 14 point 5: counters publish sign-ins, so the inactivity lock counts them across the province. */
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway();
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

const member = {
  username: 'canbo11',
  fullName: 'Đỗ Văn Mười Một',
  role: 'officer',
  passwordHash: 'scrypt$1024$8$1$c2FsdA==$a2V5',
  locked: false,
  agencyCode: AGENCY,
  mustChangePassword: false,
  createdAt: '2024-05-01T02:00:00.000Z',
};

const signedIn = (username: string, at: string) => ({
  id: receivedCommand().id,
  kind: 'account.signedIn',
  dossierCode: `staff:${username}`,
  payload: { username, at },
});

describe('account.signedIn', () => {
  it('publishes the latest sign-in day to the agency’s counters, once a day, keeping the account’s creation', async () => {
    await importFile(gateway.database.db, 'staff', JSON.stringify({ version: 1, staff: [member] }));
    const device = await enrol(gateway);
    const colleague = await enrol(gateway);
    const start = (await signed(gateway, colleague, 'GET', '/v1/pull?limit=500')).body.cursor;
    const results = (
      await push(gateway, device, [
        signedIn('canbo11', '2026-03-02T01:00:00.000Z'),
        signedIn('canbo11', '2026-03-02T06:00:00.000Z'),
        signedIn('canbo11', '2026-03-03T01:00:00.000Z'),
        signedIn('local-only', '2026-03-03T01:00:00.000Z'),
      ])
    ).body.results.map((r: { status: string; result: object }) => [r.status, r.result]);
    expect(results).toEqual([
      ['applied', { username: 'canbo11', published: true }],
      ['applied', { username: 'canbo11', published: false }],
      ['applied', { username: 'canbo11', published: true }],
      ['applied', { username: 'local-only', published: false }],
    ]);
    const pulled = (await signed(gateway, colleague, 'GET', `/v1/pull?cursor=${start}&limit=500`)).body.changes;
    expect(pulled.map((c: { data: object }) => c.data)).toEqual([
      { ...member, lastSignInAt: '2026-03-02T01:00:00.000Z' },
      { ...member, lastSignInAt: '2026-03-03T01:00:00.000Z' },
    ]);
    expect((await push(gateway, device, [signedIn('canbo11', 'hôm qua')])).body.results[0]).toMatchObject({
      status: 'rejected',
      reason: 'PAYLOAD_INVALID',
    });
  });
});
