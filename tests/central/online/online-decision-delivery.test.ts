import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { onlineDecisionOutbox, onlineDossierFiles, onlineDossiers } from '../../../central/db/schema';
import type { EmailChannel } from '../../../central/notify/delivery';
import { SmtpEmailChannel } from '../../../central/notify/smtp-email';
import { deliverOnlineDecisionsOnce, ONLINE_STATUS_SERVICE } from '../../../central/online/online-decision-delivery';
import { claimOnlineDossier, decideOnlineDossier, takeInOnlineDossier, type Officer } from '../../../central/online/online-dossiers';
import { portalSubmissionIntake } from '../../../central/online/portal-submission';
import { DvcqgClient } from '../../../central/portal/dvcqg-client';
import { fromVietnamLocal } from '../../../shared/domain/vietnam-time';
import { DvcqgPortalSimulator, PORTAL_AUTH_PATH, PORTAL_INTEGRATION_PATH } from '../../peers/dvcqg-portal-simulator';
import { AGENCY } from '../gateway-fixture';
import { GatewayDatabase, PROCEDURE } from '../portal/portal-fixture';

/** Issue 15 §1: a supplement request or refusal of an online dossier reaches the portal and the applicant once. */

let clock = fromVietnamLocal('2026-03-09T08:00'); // moved by each test; never the machine's clock
let gateway: GatewayDatabase;
let portal: DvcqgPortalSimulator;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: { to: string[]; raw: string }[] = [];
const officer: Officer = { username: 'lan.nt', fullName: 'Nguyễn Thị Lan', deviceId: 'dev-portal', agencyCode: AGENCY };
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

/** The mail's text: base64 body parts and RFC 2047 subject words decoded. */
function readable(raw: string): string {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const subject = head
    .replace(/\r\n[ \t]+/g, ' ')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_m, text: string) => Buffer.from(text, 'base64').toString('utf8'));
  return `${subject}\n${Buffer.from(rest.join('').replace(/\s+/g, ''), 'base64').toString('utf8')}`;
}

beforeAll(async () => {
  gateway = await GatewayDatabase.create();
  portal = await DvcqgPortalSimulator.start({ username: 'u', password: 'p', dstcode: 'd', madonvi: AGENCY, now: () => clock });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  await portal?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await gateway?.destroy();
});

beforeEach(async () => {
  await gateway.database.db.delete(onlineDecisionOutbox);
  await gateway.database.db.delete(onlineDossierFiles);
  await gateway.database.db.delete(onlineDossiers);
  portal.onlineStatus.length = 0;
  portal.requests.length = 0;
  Object.assign(portal.behaviour, { down: false, loseReplyNext: 0, failNext: 0 });
  mails.length = 0;
  clock = fromVietnamLocal('2026-03-09T08:00');
});

const client = () =>
  new DvcqgClient({
    adapterUrl: portal.url,
    authPath: PORTAL_AUTH_PATH,
    integrationPath: PORTAL_INTEGRATION_PATH,
    username: 'u',
    password: 'p',
    dstcode: 'd',
    madonvi: AGENCY,
    timeoutMs: 30_000,
    fileBaseUrl: 'https://mot-cua.tinh.gov.vn/v1/files',
  });
const smtpChannel = (port = smtpPort) =>
  new SmtpEmailChannel({ host: '127.0.0.1', port, secure: false, from: 'Một cửa xã Yên Thái <motcua@yenthai.gov.vn>', timeoutMs: 30_000 });

/** `portalClient` null: a gateway without a portal configured. */
const pass = (email: EmailChannel = smtpChannel(), portalClient: DvcqgClient | null = client()) =>
  deliverOnlineDecisionsOnce({
    db: gateway.database.db,
    portal: portalClient ?? undefined,
    email,
    now: () => clock,
    retry: { firstMs: 60_000, maxMs: 600_000 },
    leaseMs: 120_000,
  });

/** A citizen files at the portal on Friday evening; Monday morning an officer claims it and decides. */
async function decided(kind: 'supplement' | 'refused', reason: string) {
  clock = fromVietnamLocal('2026-03-06T17:20');
  const submission = portal.submitOnline({
    MaTTHC: PROCEDURE,
    ChuHoSo: 'Nguyễn Văn An',
    SoGiayToChuHoSo: '001090012345',
    LoaiDoiTuong: '1',
    SoDienThoai: '0912345678',
    Email: 'an@example.vn',
    MaDoiTuong: 'tech-1',
    TaiLieuNop: [{ MaThanhPhanHoSo: 'TK', TenTepDinhKem: 'to-khai.pdf', DuongDanTaiTepTin: 'https://portal.example/files/1' }],
  });
  const { id } = await takeInOnlineDossier(gateway.database.db, portalSubmissionIntake(submission, AGENCY));
  clock = fromVietnamLocal('2026-03-09T08:00');
  await claimOnlineDossier(gateway.database.db, id, officer, clock);
  const decision = { id: uuidv7(), kind, reason } as const;
  expect(await decideOnlineDossier(gateway.database.db, id, officer, decision, clock)).toEqual({ outcome: 'recorded', decision: kind });
  return { id, submission, decision };
}

const statusCalls = () => portal.requests.filter((r) => r.service === ONLINE_STATUS_SERVICE);

describe('supplement requests and refusals of online dossiers (issue 15 §1)', () => {
  it('tells the portal status 5 with the reason and mails the applicant in Vietnamese, once even when the decision is resent', async () => {
    const { id, submission, decision } = await decided('supplement', 'Thiếu bản sao giấy chứng sinh');
    expect(await decideOnlineDossier(gateway.database.db, id, officer, decision, clock)).toEqual({
      outcome: 'alreadyRecorded',
      decision: 'supplement',
    });

    expect(await pass()).toMatchObject({ claimed: 2, sent: 2 });
    expect(await pass()).toMatchObject({ claimed: 0 });

    expect(portal.onlineStatus).toEqual([
      {
        MaHoSoNopTrucTuyen: submission.id,
        MaXuLy: decision.id,
        TrangThai: '5',
        NoiDungXuLy: 'Thiếu bản sao giấy chứng sinh',
        NguoiXuLy: 'lan.nt',
        ThoiDiemXuLy: '20260309080000',
      },
    ]);
    expect(statusCalls().map((r) => r.errorCode)).toEqual([0]);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['an@example.vn']);
    // A resend after a lost SMTP reply would be the same message: its Message-ID is the decision's.
    expect(mails[0]!.raw.replace(/\r\n[ \t]+/g, ' ')).toMatch(
      new RegExp(`^Message-ID: <online-decision\\.${decision.id}@yenthai\\.gov\\.vn>`, 'im'),
    );
    const text = readable(mails[0]!.raw);
    expect(text).toContain('Hồ sơ nộp trực tuyến cần bổ sung, hoàn thiện');
    expect(text).toContain('Kính gửi ông/bà Nguyễn Văn An');
    expect(text).toContain('Đăng ký khai sinh nộp trực tuyến lúc 17:20 ngày 06/03/2026');
    expect(text).toContain('Nội dung cần bổ sung, hoàn thiện: Thiếu bản sao giấy chứng sinh.');
  });

  it('gets a refusal through a portal outage, a lost reply and a mail server down: status 3 once, one e-mail', async () => {
    const { decision } = await decided('refused', 'Thủ tục không thuộc thẩm quyền của xã');
    portal.behaviour.down = true;
    const closedPort = await new Promise<number>((resolve) => {
      const probe = new SMTPServer({ logger: false });
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.server.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    expect(await pass(smtpChannel(closedPort))).toMatchObject({ claimed: 2, retried: 2 });
    expect(await pass()).toMatchObject({ claimed: 0 }); // backing off: nothing is due before a minute has passed

    advance(10 * 60_000); // the portal is back after ten minutes, but its first reply is lost
    portal.behaviour.down = false;
    portal.behaviour.loseReplyNext = 1;
    expect(await pass()).toMatchObject({ claimed: 2, sent: 1, retried: 1 });
    advance(10 * 60_000);
    expect(await pass()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await pass()).toMatchObject({ claimed: 0 });

    expect(statusCalls()).toHaveLength(2);
    expect(portal.onlineStatus.map((s) => [s.MaXuLy, s.TrangThai, s.NoiDungXuLy])).toEqual([
      [decision.id, '3', 'Thủ tục không thuộc thẩm quyền của xã'],
    ]);
    expect(mails).toHaveLength(1);
    const text = readable(mails[0]!.raw);
    expect(text).toContain('Hồ sơ nộp trực tuyến không được tiếp nhận');
    expect(text).toContain('Lý do: Thủ tục không thuộc thẩm quyền của xã.');
    const rows = await gateway.database.db.select().from(onlineDecisionOutbox);
    expect(rows.map((r) => [r.target, r.state, r.attempts]).sort()).toEqual([
      ['dvcqg', 'sent', 3],
      ['email', 'sent', 2],
    ]);
  });

  it('leaves what a killed sender claimed to the next one after the lease, and sends it once', async () => {
    await decided('refused', 'Hồ sơ giả mạo');
    const killed: EmailChannel = {
      send: () => {
        throw new Error('killed mid-send');
      },
    };
    await expect(pass(killed, null)).rejects.toThrow('killed mid-send');
    expect(await pass(smtpChannel(), null)).toMatchObject({ claimed: 0 }); // the dead sender's lease holds
    advance(120_000);
    expect(await pass(smtpChannel(), null)).toMatchObject({ claimed: 1, sent: 1 });
    expect(mails).toHaveLength(1);
    // Without a portal configured, the portal's row waits for a gateway that has one rather than being dropped.
    const [portalRow] = await gateway.database.db.select().from(onlineDecisionOutbox).where(eq(onlineDecisionOutbox.target, 'dvcqg'));
    expect(portalRow).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await pass()).toMatchObject({ claimed: 1, sent: 1 });
    expect(portal.onlineStatus).toHaveLength(1);
  });
});
