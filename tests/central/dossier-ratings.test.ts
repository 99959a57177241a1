import { asc } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierRatings } from '../../central/db/schema';
import { enrol, push, receivedCommand, startGateway, type Gateway } from './gateway-fixture';

/** Issue 18 §2: the citizen's rating of a dossier reaches the gateway exactly once. */
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway();
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

const rated = (code: string, rating: Record<string, unknown>, id = uuidv7()) => ({
  id,
  kind: 'dossier.rated',
  dossierCode: code,
  payload: {
    code,
    rating: {
      id: uuidv7(),
      stage: 'reception',
      rating: 'dissatisfied',
      reasons: ['guidance'],
      ratedAt: '2026-03-02T01:05:00.000Z',
      officerId: 'officer-1',
      ...rating,
    },
  },
});

describe('dossier.rated', () => {
  it('stores the rating once however often it is pushed, with the pushing device as its counter', async () => {
    const device = await enrol(gateway);
    const reception = receivedCommand();
    const command = rated(reception.dossierCode, {});
    const first = await push(gateway, device, [reception, command]);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    const again = await push(gateway, device, [command]);
    expect(again.body.results[0]).toMatchObject({ status: 'duplicate', result: { dossierCode: reception.dossierCode, kept: true } });

    const rows = await gateway.database.db.select().from(dossierRatings).orderBy(asc(dossierRatings.ratedAt));
    const mine = rows.filter((r) => r.dossierCode === reception.dossierCode);
    expect(mine).toEqual([
      expect.objectContaining({
        id: command.payload.rating.id,
        stage: 'reception',
        rating: 'dissatisfied',
        reasons: ['guidance'],
        ratedAt: new Date('2026-03-02T01:05:00.000Z'),
        counterId: device.deviceId,
        officerId: 'officer-1',
        commandId: command.id,
      }),
    ]);
  });

  it('keeps the first rating of a stage, and takes the other stage', async () => {
    const device = await enrol(gateway);
    const reception = receivedCommand();
    await push(gateway, device, [reception]);
    const results = await push(gateway, device, [
      rated(reception.dossierCode, { rating: 'satisfied', reasons: [] }),
      rated(reception.dossierCode, { rating: 'neutral', reasons: [] }),
      rated(reception.dossierCode, { stage: 'return', rating: 'neutral', reasons: [] }),
    ]);
    expect(results.body.results.map((r: { status: string; result: { kept: boolean } }) => [r.status, r.result.kept])).toEqual([
      ['applied', true],
      ['applied', false],
      ['applied', true],
    ]);
    const rows = (await gateway.database.db.select().from(dossierRatings)).filter((r) => r.dossierCode === reception.dossierCode);
    expect(rows.map((r) => [r.stage, r.rating]).sort()).toEqual([
      ['reception', 'satisfied'],
      ['return', 'neutral'],
    ]);
  });

  it('refuses a rating of an unknown dossier (retryable), of another agency, and one that does not hold together', async () => {
    const device = await enrol(gateway);
    const other = await enrol(gateway, '000.00.07.H56');
    const reception = receivedCommand();
    await push(gateway, device, [reception]);
    const unknown = receivedCommand();
    const reasons = (results: { body: { results: { reason?: string }[] } }) => results.body.results.map((r) => r.reason);
    expect(reasons(await push(gateway, device, [rated(unknown.dossierCode, {})]))).toEqual(['DOSSIER_UNKNOWN']);
    expect(reasons(await push(gateway, other, [rated(reception.dossierCode, {})]))).toEqual(['AGENCY_MISMATCH']);
    expect(
      reasons(
        await push(gateway, device, [
          rated(reception.dossierCode, { rating: 'dissatisfied', reasons: [] }),
          rated(reception.dossierCode, { rating: 'satisfied', reasons: ['guidance'] }),
          rated(reception.dossierCode, { reasons: ['made-up'] }),
        ]),
      ),
    ).toEqual(['PAYLOAD_INVALID', 'EARLIER_COMMAND_REJECTED', 'EARLIER_COMMAND_REJECTED']);
    const rows = (await gateway.database.db.select().from(dossierRatings)).filter((r) => r.dossierCode === reception.dossierCode);
    expect(rows).toEqual([]);
  });
});
