import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createBackofficeToken } from '../../../central/backoffice';
import { createEnrolmentCode } from '../../../central/enrolment';
import { OnlineQueueService } from '../../../electron/core/online/online-queue';
import { FileStore } from '../../../electron/core/platform/file-store';
import { BlobUploader, FileCredentialStore, GatewayClient } from '../../../electron/core/sync';
import { errorMessages } from '../../../shared/i18n/vi';
import { defaultCalendar } from '../../../shared/domain/working-time';
import { portalSubmissionIntake } from '../../../central/online/portal-submission';
import { fromVietnamLocal } from '../../../shared/domain/vietnam-time';
import { AGENCY, enrol, signed, startGateway, type Gateway } from '../gateway-fixture';
import { tempDir } from '../temp';

let gateway: Gateway;
let token: string;
let counter1: { deviceId: string; secret: string };
let counter2: { deviceId: string; secret: string };
/** The gateway's clock: Monday 09:00 in Vietnam, when the counters open the queue. */
const monday = fromVietnamLocal('2026-03-09T09:00').getTime();

beforeAll(async () => {
  gateway = await startGateway({ now: () => monday });
  token = (await createBackofficeToken(gateway.database.db, 'Cổng DVC tỉnh')).token;
  counter1 = await enrol(gateway);
  counter2 = await enrol(gateway);
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

async function handOver(body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${gateway.url}/v1/backoffice/online-dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const submission = (id: string, submittedAt: string) => ({
  id,
  submittedAt,
  MaTTHC: '1.001193.000.00.00.H56',
  ChuHoSo: 'Nguyễn Văn An',
  SoGiayToChuHoSo: '001090012345',
  LoaiDoiTuong: '1',
  SoDienThoai: '0912345678',
  Email: 'an@example.vn',
  MaDoiTuong: 'tech-1',
  TaiLieuNop: [],
});

describe('online dossiers over HTTP (issue 15 §1)', () => {
  it('takes in from the portal adapter, lists by deadline, gives one claim and tells the other counter who holds it, records the decision once', async () => {
    const friday = fromVietnamLocal('2026-03-06T17:20').toISOString();
    expect((await handOver({ ...portalSubmissionIntake(submission('p-1', friday), AGENCY) })).body).toMatchObject({
      deadline: '2026-03-09T11:30',
      created: true,
    });
    expect((await fetch(`${gateway.url}/v1/backoffice/online-dossiers`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await handOver({ source: 'portal' })).status).toBe(400);

    const listed = await signed(gateway, counter1, 'GET', '/v1/online-dossiers');
    expect(listed.status).toBe(200);
    expect(listed.body.dossiers).toHaveLength(1);
    const [dossier] = listed.body.dossiers;
    expect(dossier).toMatchObject({ channel: 2, deadline: '2026-03-09T11:30', claimedBy: null });

    const path = `/v1/online-dossiers/${dossier.id}`;
    const lan = { username: 'lan.nt', fullName: 'Nguyễn Thị Lan' };
    const binh = { username: 'binh.tv', fullName: 'Trần Văn Bình' };
    expect(await signed(gateway, counter1, 'POST', `${path}/claim`, lan)).toMatchObject({ status: 200 });
    const refused = await signed(gateway, counter2, 'POST', `${path}/claim`, binh);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'ONLINE_DOSSIER_HELD', holder: lan } } });

    const accept = { id: uuidv7(), kind: 'accepted', dossierCode: `${AGENCY}-260309-0001` };
    expect(await signed(gateway, counter2, 'POST', `${path}/decision`, { ...binh, decision: accept })).toMatchObject({
      status: 409,
      body: { error: { code: 'ONLINE_DOSSIER_NOT_CLAIMED' } },
    });
    expect(await signed(gateway, counter1, 'POST', `${path}/decision`, { ...lan, decision: accept })).toMatchObject({
      status: 200,
      body: { decision: 'accepted' },
    });
    expect(await signed(gateway, counter1, 'POST', `${path}/decision`, { ...lan, decision: accept })).toMatchObject({ status: 200 });
    const other = { id: uuidv7(), kind: 'refused', reason: 'Sai thủ tục' };
    expect(await signed(gateway, counter1, 'POST', `${path}/decision`, { ...lan, decision: other })).toMatchObject({
      status: 409,
      body: { error: { code: 'ONLINE_DOSSIER_DECIDED' } },
    });
    expect((await signed(gateway, counter2, 'GET', '/v1/online-dossiers')).body.dossiers).toEqual([]);
    expect(await signed(gateway, counter2, 'POST', `/v1/online-dossiers/${uuidv7()}/claim`, binh)).toMatchObject({
      status: 404,
      body: { error: { code: 'ONLINE_DOSSIER_NOT_FOUND' } },
    });
  });

  it('reaches the counter: its gateway client lists the queue with each SLA clock by deadline, and a second counter’s claim is refused in Vietnamese naming the holder and until when', async () => {
    await handOver(portalSubmissionIntake(submission('p-2', fromVietnamLocal('2026-03-06T16:45').toISOString()), AGENCY));
    await handOver(portalSubmissionIntake(submission('p-3', fromVietnamLocal('2026-03-06T17:20').toISOString()), AGENCY));
    const counter = async (name: string) => {
      const client = new GatewayClient({ credentials: new FileCredentialStore(path.join(tempDir(), 'cred.json')) });
      const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: AGENCY, counterName: name });
      await client.enroll(gateway.url, code, name);
      return new OnlineQueueService({
        province: {
          enrolled: () => true,
          listOnlineDossiers: () => client.listOnlineDossiers(),
          claimOnlineDossier: (id, officer) => client.claimOnlineDossier(id, officer),
          onlineDossierFile: (id, sha256) => client.onlineDossierFile(id, sha256),
        },
        clock: { now: () => fromVietnamLocal('2026-03-09T09:30') },
        calendar: () => defaultCalendar(),
        files: new FileStore(tempDir(), null),
        audit: { record: () => undefined },
      });
    };
    const service = await counter('Quầy 3');
    const other = await counter('Quầy 4');
    const listed = await service.list();
    expect(listed.count).toBe(2);
    expect(listed.dossiers.map((d) => [d.deadline, d.sla.workingMinutesLeft, d.sla.colour])).toEqual([
      ['2026-03-09T11:15', 105, 'orange'],
      ['2026-03-09T11:30', 120, 'orange'],
    ]);

    // The gateway's clock is Monday 09:00, so the claim runs to 09:15 Vietnam time.
    const first = listed.dossiers[0]!.id;
    expect(await service.claim({ username: 'lan.nt', fullName: 'Nguyễn Thị Lan' }, first)).toEqual({
      until: fromVietnamLocal('2026-03-09T09:15').toISOString(),
      channel: 2,
      submission: expect.objectContaining({ ChuHoSo: 'Nguyễn Văn An', Email: 'an@example.vn' }),
      procedureCode: expect.any(String),
      files: [],
    });
    await expect(other.claim({ username: 'binh.tv', fullName: 'Trần Văn Bình' }, first)).rejects.toMatchObject({
      code: 'ONLINE_DOSSIER_HELD',
      message: 'Hồ sơ trực tuyến này đang do Nguyễn Thị Lan xử lý (giữ đến 09:15). Vui lòng chọn hồ sơ khác.',
    });
  });

  it('refuses a decision naming a form blob not uploaded, or uploaded only by another agency, with one code in Vietnamese; takes it once uploaded', async () => {
    const { id } = (await handOver(portalSubmissionIntake(submission('p-4', fromVietnamLocal('2026-03-06T10:00').toISOString()), AGENCY)))
      .body;
    const client = async (agencyCode: string, name: string) => {
      const gatewayClient = new GatewayClient({ credentials: new FileCredentialStore(path.join(tempDir(), 'cred.json')) });
      const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode, counterName: name });
      await gatewayClient.enroll(gateway.url, code, name);
      return gatewayClient;
    };
    const counter = await client(AGENCY, 'Quầy 5');
    const elsewhere = await client('000.00.07.H56', 'Quầy xã khác');
    const lan = { username: 'lan.nt', fullName: 'Nguyễn Thị Lan' };
    await counter.claimOnlineDossier(id, lan);
    const store = new FileStore(tempDir());
    const form = store.put(Buffer.from('%PDF-1.7 Mẫu 03'));
    const refusal = () => ({ id: uuidv7(), kind: 'refused' as const, reason: 'Sai thủ tục', form: { sha256: form.sha256, signed: false } });
    const unknown = { code: 'ONLINE_FORM_UNKNOWN', message: errorMessages.ONLINE_FORM_UNKNOWN };

    await expect(counter.decideOnlineDossier(id, lan, refusal())).rejects.toMatchObject(unknown);
    await new BlobUploader({ gateway: elsewhere, files: store }).upload(form.sha256);
    await expect(counter.decideOnlineDossier(id, lan, refusal())).rejects.toMatchObject(unknown);

    await new BlobUploader({ gateway: counter, files: store }).upload(form.sha256);
    expect(await counter.decideOnlineDossier(id, lan, refusal())).toEqual({ decision: 'refused' });
    // A counter from before the forms were sent decides without one, as before.
    const { id: second } = (
      await handOver(portalSubmissionIntake(submission('p-5', fromVietnamLocal('2026-03-06T10:05').toISOString()), AGENCY))
    ).body;
    await counter.claimOnlineDossier(second, lan);
    expect(await counter.decideOnlineDossier(second, lan, { id: uuidv7(), kind: 'supplement', reason: 'Thiếu tờ khai' })).toEqual({
      decision: 'supplement',
    });
  });
});
