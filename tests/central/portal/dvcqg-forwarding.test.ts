import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postDossierStatus } from '../../../central/backoffice';
import { DvcqgClient } from '../../../central/portal/dvcqg-client';
import { forwardOnce, type PassResult } from '../../../central/portal/dvcqg-forwarder';
import { outboxStatus } from '../../../central/portal/dvcqg-outbox';
import { runDvcqgAdmin } from '../../../central/portal/portal-admin';
import type { DvcqgPortalConfig } from '../../../central/portal/portal-config';
import { DvcqgPortalSimulator, PORTAL_AUTH_PATH, PORTAL_INTEGRATION_PATH } from '../../peers/dvcqg-portal-simulator';
import { CATALOGUE, GatewayDatabase, PROCEDURE, receiveDossier, returnResult } from './portal-fixture';

const RETRY = { firstMs: 1_000, maxMs: 60_000 };
let clock = new Date('2026-03-04T02:00:00.000Z');
const now = () => clock;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

let gateway: GatewayDatabase;
let portal: DvcqgPortalSimulator;
let config: DvcqgPortalConfig;
let client: DvcqgClient;

/** One gateway database for the file (opening PGlite takes seconds); each test has its own dossiers and portal. */
beforeAll(async () => {
  gateway = await GatewayDatabase.create();
}, 60_000);

afterAll(async () => {
  await gateway.destroy();
});

beforeEach(async () => {
  await drainLeftovers();
  clock = new Date('2026-03-04T02:00:00.000Z');
  portal = await DvcqgPortalSimulator.start({
    username: 'motcua',
    password: 'mat-khau',
    dstcode: 'H56',
    madonvi: '000.00.00.H56',
    now,
    catalogue: CATALOGUE,
  });
  config = {
    adapterUrl: portal.url,
    authPath: PORTAL_AUTH_PATH,
    integrationPath: PORTAL_INTEGRATION_PATH,
    username: 'motcua',
    password: 'mat-khau',
    dstcode: 'H56',
    madonvi: '000.00.00.H56',
    timeoutMs: 30_000,
    fileBaseUrl: 'https://mot-cua.tinh.gov.vn/v1/files',
  };
  client = new DvcqgClient(config);
});

afterEach(async () => {
  await portal.close();
});

/** What an earlier test left owed is marked sent, so each test sees only its own dossiers. */
async function drainLeftovers(): Promise<void> {
  await gateway.database.db.execute(`update dvcqg_outbox set state = 'sent' where state <> 'sent'` as never);
}

const pass = (): Promise<PassResult> =>
  forwardOnce({ db: gateway.database.db, client, fileBaseUrl: config.fileBaseUrl, now, retry: RETRY });

/** Passes until nothing is due now, the clock still; how many rows they claimed. */
async function drain(): Promise<number> {
  let claimed = 0;
  for (let i = 0; i < 50; i += 1) {
    const done = await pass();
    if (done.claimed === 0) return claimed;
    claimed += done.claimed;
  }
  throw new Error('the outbox did not drain');
}

/**
 * Passes, moving the clock past the longest backoff between rounds, until nothing is owed: a call
 * that fails by accident on a loaded machine is retried, as in production, and the test still ends.
 */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    if ((await drain()) === 0 && round > 0) return;
    advance(RETRY.maxMs);
  }
  throw new Error('the outbox did not settle');
}

/** What the portal holds of one dossier's progress, as (status, text) pairs in arrival order. */
const progressOf = (code: string) => portal.progress.filter((e) => e.MaHoSo === code).map((e) => [e.TrangThai, e.NoiDungXuLy]);

describe('forwarding to the national portal (issue 15 §2)', () => {
  it('the portal accepts every dossier kind the app produces: direct, postal and online, citizen and business, reused documents, paid online and in cash', async () => {
    const kinds = [
      { channel: 'direct' as const, payment: 'cash' as const },
      { channel: 'post' as const, payment: 'online' as const },
      { organisation: 'business' as const, reused: true },
      { organisation: 'stateAgency' as const, payment: 'none' as const },
      { reused: true, payment: 'online' as const },
      // Accepted from the counter's online queue (issue 15 §1): channel 2, a citizen paying online, a business paying cash.
      { channel: 'online' as const, payment: 'online' as const },
      { channel: 'online' as const, organisation: 'business' as const, payment: 'cash' as const, reused: true },
    ];
    const codes: string[] = [];
    for (const kind of kinds) codes.push(await receiveDossier(gateway, kind));
    await returnResult(gateway, codes[0]!);
    await postDossierStatus(gateway.database.db, { id: 'bo', name: 'Phòng Tư pháp' }, codes[1]!, {
      status: 9,
      note: 'Đã ký',
      at: '2026-03-02T09:00:00.000Z',
    });
    await settle();

    expect(portal.requests.filter((r) => r.errorCode !== 0)).toEqual([]);
    expect([...portal.dossiers.keys()].sort()).toEqual([...codes].sort());
    expect(progressOf(codes[0]!)).toEqual([
      ['2', 'Tiếp nhận hồ sơ'],
      ['9', 'Đã xử lý xong'],
      ['10', 'Trả kết quả'],
    ]);
    expect(progressOf(codes[1]!)).toEqual([
      ['2', 'Tiếp nhận hồ sơ'],
      ['9', 'Đã ký'],
    ]);
    const record = (i: number) => portal.dossiers.get(codes[i]!)!;
    expect([record(0).KenhThucHien, record(1).KenhThucHien, record(5).KenhThucHien, record(6).KenhThucHien]).toEqual(['1', '3', '2', '2']);
    expect([record(5).DuocThanhToanTrucTuyen, record(6).DuocThanhToanTrucTuyen]).toEqual(['1', '0']);
    expect([record(5).LoaiDoiTuong, record(6).LoaiDoiTuong]).toEqual(['1', '2']);
    expect([record(0).DuocThanhToanTrucTuyen, record(1).DuocThanhToanTrucTuyen, record(3).DuocThanhToanTrucTuyen]).toEqual(['0', '1', '0']);
    expect(record(0).DonViXuLy).toBe(CATALOGUE.get(PROCEDURE)!.processingAgency);
    expect([0, 2, 3].map((i) => record(i).LoaiDoiTuong)).toEqual(['1', '2', '3']);
    const reused = record(2).TaiLieuNop as Record<string, string>[];
    expect(reused.map((f) => [f.MaThanhPhanHoSo, f.DuocTaiSuDung, f.DuocLayTuKhoDMQG, f.MaKetQuaThayThe])).toEqual([
      ['TK', '0', '0', ''],
      ['GCS', '1', '0', ''],
      ['KQ', '2', '0', `${codes[2]!.slice(0, 13)}-251103-0012/KQ1`],
    ]);
    const status = await outboxStatus(gateway.database.db);
    expect(status.counts).toMatchObject({ pending: 0, dead: 0 });
    expect(portal.duplicateProgress()).toBe(0);
  });

  it('sends each dossier’s operations exactly once and in order across an outage, failures, a hang, a lost reply, an expired session and a restart', async () => {
    const first = await receiveDossier(gateway, {});
    const second = await receiveDossier(gateway, { channel: 'post' });

    portal.behaviour.down = true;
    expect(await pass()).toMatchObject({ claimed: 2, retried: 2, sent: 0 });
    // Backing off: nothing is due until the first delay has passed.
    expect((await pass()).claimed).toBe(0);
    advance(1_000);
    expect((await pass()).retried).toBe(2);
    // Ten minutes of outage, the clock moving in steps; the delay doubles up to its cap.
    for (let minute = 0; minute < 10; minute += 1) {
      advance(60_000);
      await pass();
    }
    portal.behaviour.down = false;
    await returnResult(gateway, first);

    // Restart: the gateway's database closed and opened again (as after a SIGKILL, the outbox is in it).
    await gateway.close();
    await gateway.open();
    client = new DvcqgClient(config);

    portal.behaviour.failNext = 1;
    advance(60_000);
    await pass();
    portal.behaviour.loseReplyNext = 1;
    advance(60_000);
    await pass();
    portal.expireSessions();
    advance(60_000);
    await settle();

    expect(progressOf(first)).toEqual([
      ['2', 'Tiếp nhận hồ sơ'],
      ['9', 'Đã xử lý xong'],
      ['10', 'Trả kết quả'],
    ]);
    expect(progressOf(second)).toEqual([['2', 'Tiếp nhận hồ sơ']]);
    expect(portal.duplicateProgress()).toBe(0);
    expect(portal.logins).toBeGreaterThanOrEqual(2);
    // Progress never reached the portal before its dossier.
    expect(portal.requests.filter((r) => r.message.includes('chưa được đồng bộ'))).toEqual([]);
    const rows = [...(await outboxStatus(gateway.database.db, first)).rows!, ...(await outboxStatus(gateway.database.db, second)).rows!];
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
  });

  it('gives up on a call the portal never answers after the timeout, and sends it later', async () => {
    client = new DvcqgClient({ ...config, timeoutMs: 200 });
    const code = await receiveDossier(gateway, {});
    portal.behaviour.hangNext = 1;
    expect(await pass()).toMatchObject({ retried: 1 });
    const [row] = (await outboxStatus(gateway.database.db, code)).rows!;
    expect(row!.lastError).toMatch(/no answer within 200 ms/);
    client = new DvcqgClient(config);
    advance(1_000);
    await settle();
    expect(progressOf(code)).toEqual([['2', 'Tiếp nhận hồ sơ']]);
  });

  it('keeps a refused payload as a dead letter with the portal’s error, holds back its dossier only, and sends it after the fix with dvcqg retry', async () => {
    const good = await receiveDossier(gateway, {});
    const bad = await receiveDossier(gateway, {});
    // A view the portal refuses: the owner's name lost on the way.
    await gateway.database.db.execute(
      `update dossiers set view = jsonb_set(view, '{owner,fullName}', '""') where code = '${bad}'` as never,
    );
    await settle();
    expect(portal.dossiers.has(good)).toBe(true);
    const status = await runDvcqgAdmin(gateway.database.db, { command: 'dvcqg', action: 'status', dossierCode: null });
    expect(status.action === 'status' && status.status.dead).toEqual([
      expect.objectContaining({
        dossierCode: bad,
        operation: 'DongBoHoSoMC',
        error: expect.stringContaining('ChuHoSo: không được để trống'),
      }),
    ]);
    // Its progress waits behind the dead letter.
    expect(progressOf(bad)).toEqual([]);
    await gateway.database.db.execute(
      `update dossiers set view = jsonb_set(view, '{owner,fullName}', '"Trần Văn Bình"') where code = '${bad}'` as never,
    );
    expect(await runDvcqgAdmin(gateway.database.db, { command: 'dvcqg', action: 'retry', dossierCode: bad }, clock)).toEqual({
      command: 'dvcqg',
      action: 'retry',
      revived: 1,
    });
    await settle();
    expect(portal.dossiers.get(bad)?.ChuHoSo).toBe('Trần Văn Bình');
    expect(progressOf(bad)).toEqual([['2', 'Tiếp nhận hồ sơ']]);
  });

  it('replays a dossier as an update followed by its whole progress', async () => {
    const code = await receiveDossier(gateway, {});
    await settle();
    const replay = await runDvcqgAdmin(gateway.database.db, { command: 'dvcqg', action: 'replay', dossierCode: code });
    expect(replay).toEqual({ command: 'dvcqg', action: 'replay', queued: 2 });
    await settle();
    const dossierCalls = portal.requests.filter((r) => r.service === 'DongBoHoSoMC').map((r) => [r.isUpdating, r.errorCode]);
    expect(dossierCalls).toEqual([
      ['False', 0],
      ['True', 0],
    ]);
    expect(progressOf(code)).toEqual([
      ['2', 'Tiếp nhận hồ sơ'],
      ['2', 'Tiếp nhận hồ sơ'],
    ]);
  });
});
