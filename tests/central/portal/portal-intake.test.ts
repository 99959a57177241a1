import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOnlineDossiers } from '../../../central/online/online-dossiers';
import { DvcqgClient } from '../../../central/portal/dvcqg-client';
import { pullOnlineSubmissions } from '../../../central/portal/portal-intake';
import { fromVietnamLocal } from '../../../shared/domain/vietnam-time';
import { DvcqgPortalSimulator, PORTAL_AUTH_PATH, PORTAL_INTEGRATION_PATH, type OnlineSubmission } from '../../peers/dvcqg-portal-simulator';
import { AGENCY } from '../gateway-fixture';
import { GatewayDatabase, PROCEDURE } from './portal-fixture';

let gateway: GatewayDatabase;
let portal: DvcqgPortalSimulator;
let portalNow = fromVietnamLocal('2026-03-06T17:20'); // the portal's clock, moved by the test; never the machine's
const logged: string[] = [];

const citizen = (name: string): Omit<OnlineSubmission, 'id' | 'submittedAt'> => ({
  MaTTHC: PROCEDURE,
  ChuHoSo: name,
  SoGiayToChuHoSo: '001090012345',
  LoaiDoiTuong: '1',
  SoDienThoai: '0912345678',
  Email: 'an@example.vn',
  MaDoiTuong: 'tech-1',
  TaiLieuNop: [{ MaThanhPhanHoSo: 'TK', TenTepDinhKem: 'to-khai.pdf', DuongDanTaiTepTin: 'https://portal.example/files/1' }],
});

const intake = () => ({
  db: gateway.database.db,
  client: new DvcqgClient({
    adapterUrl: portal.url,
    authPath: PORTAL_AUTH_PATH,
    integrationPath: PORTAL_INTEGRATION_PATH,
    username: 'u',
    password: 'p',
    dstcode: 'H56',
    madonvi: '000.00.00.H56',
    timeoutMs: 5_000,
    fileBaseUrl: 'https://mot-cua.example/v1/files',
  }),
  agencyCode: AGENCY,
  log: (message: string) => logged.push(message),
});

beforeAll(async () => {
  gateway = await GatewayDatabase.create();
  portal = await DvcqgPortalSimulator.start({
    username: 'u',
    password: 'p',
    dstcode: 'H56',
    madonvi: '000.00.00.H56',
    now: () => portalNow,
  });
}, 60_000);

afterAll(async () => {
  await portal?.close();
  await gateway?.destroy();
});

describe('online submissions fetched from the portal (issue 15 §1)', () => {
  it('takes what citizens filed into the agency queue once, across a read again, a restart from the start and an outage', async () => {
    portal.submitOnline(citizen('Nguyễn Văn An'));
    portalNow = fromVietnamLocal('2026-03-06T16:45');
    portal.submitOnline(citizen('Trần Thị Bình'));
    // A submission the portal sent without an applicant: left out, the others still taken.
    portal.onlineSubmissions.push({ ...portal.submitOnline(citizen('x')), ChuHoSo: '' });
    portal.onlineSubmissions.splice(2, 1);

    const first = await pullOnlineSubmissions(intake(), 0);
    expect(first).toEqual({ taken: 2, refused: 1, next: 3 });
    expect(await pullOnlineSubmissions(intake(), first.next)).toEqual({ taken: 0, refused: 0, next: 3 });
    // A restarted gateway reads from the start: nothing is taken twice.
    expect(await pullOnlineSubmissions(intake(), 0)).toMatchObject({ taken: 0, next: 3 });

    portal.behaviour.down = true;
    portalNow = fromVietnamLocal('2026-03-07T09:00');
    portal.submitOnline(citizen('Lê Văn Cường'));
    const during = await pullOnlineSubmissions(intake(), 3);
    expect(during).toMatchObject({ taken: 0, next: 3 });
    expect(during.error).toBeTruthy();
    portal.behaviour.down = false;
    expect(await pullOnlineSubmissions(intake(), during.next)).toEqual({ taken: 1, refused: 0, next: 4 });

    const queue = await listOnlineDossiers(gateway.database.db, AGENCY, fromVietnamLocal('2026-03-09T08:00'));
    expect(queue.map((d) => [d.applicantName, d.channel, d.deadline])).toEqual([
      ['Trần Thị Bình', 2, '2026-03-09T11:15'],
      ['Nguyễn Văn An', 2, '2026-03-09T11:30'],
      ['Lê Văn Cường', 2, '2026-03-09T11:30'],
    ]);
    expect(logged.join('\n')).not.toMatch(/Nguyễn|Trần|0912345678|an@example/);
  });
});
