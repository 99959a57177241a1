import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { onlineDecisionOutbox, onlineDossierFiles, onlineDossiers } from '../../../central/db/schema';
import { appendChange } from '../../../central/feed';
import {
  claimOnlineDossier,
  decideOnlineDossier,
  listOnlineDossiers,
  takeInOnlineDossier,
  type Officer,
} from '../../../central/online/online-dossiers';
import { portalSubmissionIntake } from '../../../central/online/portal-submission';
import { fromVietnamLocal } from '../../../shared/domain/vietnam-time';
import { DvcqgPortalSimulator } from '../../peers/dvcqg-portal-simulator';
import { AGENCY } from '../gateway-fixture';
import { GatewayDatabase, PROCEDURE } from '../portal/portal-fixture';

let gateway: GatewayDatabase;
let portal: DvcqgPortalSimulator;
let portalNow = new Date('2026-03-02T01:00:00.000Z'); // moved by each test (vn); never the machine's clock

const officerA: Officer = { username: 'lan.nt', fullName: 'Nguyễn Thị Lan', deviceId: 'dev-portal', agencyCode: AGENCY };
const officerB: Officer = { username: 'binh.tv', fullName: 'Trần Văn Bình', deviceId: 'dev-2', agencyCode: AGENCY };
const vn = (local: string) => fromVietnamLocal(local);

/** A citizen files online at the portal at a Vietnam local time; the adapter hands it to the gateway. */
async function fileOnline(local: string, name = 'Nguyễn Văn An') {
  portalNow = vn(local);
  const submission = portal.submitOnline({
    MaTTHC: PROCEDURE,
    ChuHoSo: name,
    SoGiayToChuHoSo: '001090012345',
    LoaiDoiTuong: '1',
    SoDienThoai: '0912345678',
    Email: 'an@example.vn',
    MaDoiTuong: 'tech-1',
    TaiLieuNop: [{ MaThanhPhanHoSo: 'TK', TenTepDinhKem: 'to-khai.pdf', DuongDanTaiTepTin: 'https://portal.example/files/1' }],
  });
  return { submission, taken: await takeInOnlineDossier(gateway.database.db, portalSubmissionIntake(submission, AGENCY)) };
}

beforeAll(async () => {
  gateway = await GatewayDatabase.create();
  portal = await DvcqgPortalSimulator.start({ username: 'u', password: 'p', dstcode: 'd', madonvi: AGENCY, now: () => portalNow });
}, 60_000);

afterAll(async () => {
  await portal?.close();
  await gateway?.destroy();
});

beforeEach(async () => {
  await gateway.database.db.delete(onlineDecisionOutbox);
  await gateway.database.db.delete(onlineDossierFiles);
  await gateway.database.db.delete(onlineDossiers);
});

describe('intake from the portal adapter (issue 15 §1)', () => {
  it('gives a Friday 17:20 submission until Monday 11:30 and one at 16:45 until 11:15, listed by deadline on channel 2', async () => {
    const late = await fileOnline('2026-03-06T17:20', 'Người nộp muộn');
    const earlier = await fileOnline('2026-03-06T16:45', 'Người nộp sớm');
    expect(late.taken).toMatchObject({ deadline: '2026-03-09T11:30', created: true });
    expect(earlier.taken).toMatchObject({ deadline: '2026-03-09T11:15', created: true });

    const queue = await listOnlineDossiers(gateway.database.db, AGENCY, vn('2026-03-09T08:00'));
    expect(queue.map((d) => [d.deadline, d.channel, d.applicantName])).toEqual([
      ['2026-03-09T11:15', 2, 'Người nộp sớm'],
      ['2026-03-09T11:30', 2, 'Người nộp muộn'],
    ]);
    expect(queue[0]).toMatchObject({ procedureCode: PROCEDURE, submittedAt: vn('2026-03-06T16:45').toISOString(), claimedBy: null });
  });

  it('takes a resent submission once', async () => {
    const { submission, taken } = await fileOnline('2026-03-10T09:00');
    const again = await takeInOnlineDossier(gateway.database.db, portalSubmissionIntake(submission, AGENCY));
    expect(again).toEqual({ ...taken, created: false });
    expect(await listOnlineDossiers(gateway.database.db, AGENCY, vn('2026-03-10T09:00'))).toHaveLength(1);
  });

  it('counts on the province calendar: a Monday day off moves the deadline to Tuesday', async () => {
    await gateway.database.db.transaction((tx) =>
      appendChange(tx, {
        kind: 'calendarDay',
        key: '2026-04-27',
        agencyCode: null,
        data: { date: '2026-04-27', kind: 'dayOff', name: 'Nghỉ bù Giỗ Tổ' },
      }),
    );
    expect((await fileOnline('2026-04-24T17:20')).taken.deadline).toBe('2026-04-28T11:30');
  });

  it('takes a postal dossier in on channel 3 and offers it only to its agency', async () => {
    await takeInOnlineDossier(gateway.database.db, {
      source: 'post',
      externalId: 'EMS-VN-0001',
      agencyCode: AGENCY,
      procedureCode: PROCEDURE,
      submittedAt: vn('2026-03-10T14:00').toISOString(),
      submission: { ChuHoSo: 'Lê Thị Hoa' },
    });
    const [postal] = await listOnlineDossiers(gateway.database.db, AGENCY, vn('2026-03-10T14:00'));
    expect(postal).toMatchObject({ channel: 3, deadline: '2026-03-11T08:30' });
    expect(await listOnlineDossiers(gateway.database.db, '000.00.07.H56', vn('2026-03-10T14:00'))).toEqual([]);
  });

  it('refuses a portal payload without its required fields', () => {
    expect(() => portalSubmissionIntake({ id: 'x', submittedAt: 'yesterday' }, AGENCY)).toThrow();
  });
});

describe('claims', () => {
  it('lets one of two officers claiming at once have it; the other sees who holds it until when', async () => {
    const { taken } = await fileOnline('2026-03-10T09:00');
    const now = vn('2026-03-10T09:05');
    const outcomes = await Promise.all([
      claimOnlineDossier(gateway.database.db, taken.id, officerA, now),
      claimOnlineDossier(gateway.database.db, taken.id, officerB, now),
    ]);
    const winner = outcomes.findIndex((o) => o.outcome === 'claimed');
    expect(winner).toBeGreaterThanOrEqual(0);
    const holder = [officerA, officerB][winner]!;
    expect(outcomes[1 - winner]).toEqual({
      outcome: 'held',
      holder: { username: holder.username, fullName: holder.fullName },
      until: vn('2026-03-10T09:20').toISOString(),
    });
    const [listed] = await listOnlineDossiers(gateway.database.db, AGENCY, now);
    expect(listed!.claimedBy).toMatchObject({ username: holder.username, fullName: holder.fullName });
  });

  it('frees a claim whose lease has passed, and lets its holder renew it', async () => {
    const { taken } = await fileOnline('2026-03-10T09:00');
    const db = gateway.database.db;
    expect(await claimOnlineDossier(db, taken.id, officerA, vn('2026-03-10T09:05'))).toMatchObject({ outcome: 'claimed' });
    expect(await claimOnlineDossier(db, taken.id, officerA, vn('2026-03-10T09:15'))).toEqual({
      outcome: 'claimed',
      until: vn('2026-03-10T09:30').toISOString(),
      // The claim hands the officer what the citizen filed, to check against the checklist.
      channel: 2,
      submission: expect.objectContaining({ ChuHoSo: 'Nguyễn Văn An', TaiLieuNop: [expect.objectContaining({ MaThanhPhanHoSo: 'TK' })] }),
      // And the procedure, which the Forms 02/03 of a decision print.
      procedureCode: expect.any(String),
      // And each filed file as the intake holds it, not fetched yet here.
      files: [expect.objectContaining({ componentCode: 'TK', state: 'pending' })],
    });
    expect(await claimOnlineDossier(db, taken.id, officerB, vn('2026-03-10T09:29'))).toMatchObject({ outcome: 'held' });
    expect(await claimOnlineDossier(db, taken.id, officerB, vn('2026-03-10T09:31'))).toMatchObject({ outcome: 'claimed' });
    expect((await listOnlineDossiers(db, AGENCY, vn('2026-03-10T09:47')))[0]!.claimedBy).toBeNull();
  });

  it('does not show another agency’s officer the dossier', async () => {
    const { taken } = await fileOnline('2026-03-10T09:00');
    const stranger = { ...officerB, agencyCode: '000.00.07.H56' };
    expect(await claimOnlineDossier(gateway.database.db, taken.id, stranger, vn('2026-03-10T09:05'))).toEqual({ outcome: 'notFound' });
  });
});

describe('decisions', () => {
  it('records the holder’s acceptance with its code once, takes the same decision again as a no-op, and refuses any other', async () => {
    const { taken } = await fileOnline('2026-03-10T09:00');
    const db = gateway.database.db;
    const now = vn('2026-03-10T09:10');
    const accept = { id: uuidv7(), kind: 'accepted' as const, dossierCode: `${AGENCY}-260310-0001` };
    await claimOnlineDossier(db, taken.id, officerA, now);

    expect(await decideOnlineDossier(db, taken.id, officerB, accept, now)).toEqual({ outcome: 'notClaimed' });
    expect(await decideOnlineDossier(db, taken.id, officerA, accept, now)).toEqual({ outcome: 'recorded', decision: 'accepted' });
    expect(await decideOnlineDossier(db, taken.id, officerA, accept, now)).toEqual({ outcome: 'alreadyRecorded', decision: 'accepted' });
    const refuse = { id: uuidv7(), kind: 'refused' as const, reason: 'Không thuộc thẩm quyền' };
    expect(await decideOnlineDossier(db, taken.id, officerA, refuse, now)).toEqual({ outcome: 'decided' });
    expect(await claimOnlineDossier(db, taken.id, officerB, now)).toEqual({ outcome: 'decided' });

    const [row] = await db.select().from(onlineDossiers);
    expect(row).toMatchObject({
      decision: 'accepted',
      decisionId: accept.id,
      decidedBy: 'lan.nt',
      dossierCode: accept.dossierCode,
      reason: null,
    });
    expect(await listOnlineDossiers(db, AGENCY, now)).toEqual([]);
  });

  it('records a supplement request with its reason, and refuses a decision after the claim has lapsed', async () => {
    const db = gateway.database.db;
    const first = (await fileOnline('2026-03-10T09:00')).taken;
    const second = (await fileOnline('2026-03-10T09:01')).taken;
    await claimOnlineDossier(db, first.id, officerA, vn('2026-03-10T09:05'));
    await claimOnlineDossier(db, second.id, officerA, vn('2026-03-10T09:05'));
    const supplement = { id: uuidv7(), kind: 'supplement' as const, reason: 'Thiếu bản sao giấy chứng sinh' };
    expect(await decideOnlineDossier(db, first.id, officerA, supplement, vn('2026-03-10T09:20'))).toEqual({
      outcome: 'recorded',
      decision: 'supplement',
    });
    const late = { id: uuidv7(), kind: 'refused' as const, reason: 'Hồ sơ không hợp lệ' };
    expect(await decideOnlineDossier(db, second.id, officerA, late, vn('2026-03-10T09:21'))).toEqual({ outcome: 'notClaimed' });
  });
});
