import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postDossierStatus } from '../../../central/backoffice';
import { dossierEvents, onlineDossiers } from '../../../central/db/schema';
import { createEnrolmentCode } from '../../../central/enrolment';
import { notifyOnce } from '../../../central/notify/notifier';
import { SmtpEmailChannel } from '../../../central/notify/smtp-email';
import { DvcqgClient } from '../../../central/portal/dvcqg-client';
import { forwardOnce } from '../../../central/portal/dvcqg-forwarder';
import { outboxStatus } from '../../../central/portal/dvcqg-outbox';
import { pullOnlineSubmissions } from '../../../central/portal/portal-intake';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../../electron/core/accounts/scrypt-password-hasher';
import { createCore } from '../../../electron/core/create-core';
import { fromVietnamLocal } from '../../../shared/domain/vietnam-time';
import {
  ADMIN,
  FakeClock,
  khaiSinhDraft,
  KHAI_SINH,
  RecordingPdfRenderer,
  repoRoot,
  SITE,
  tempDir,
  type TestCore,
} from '../../helpers/test-core';
import { DvcqgPortalSimulator, PORTAL_AUTH_PATH, PORTAL_INTEGRATION_PATH } from '../../peers/dvcqg-portal-simulator';
import { startGateway, type Gateway } from '../gateway-fixture';

/**
 * Issue 15 acceptance, in one process: a citizen files online at the portal simulator on a Friday evening;
 * the gateway's intake takes it in; two enrolled counters (full cores over HTTP) see it in their queue with
 * Monday 11:30 as deadline; one officer claims it and the other is told who holds it; the first accepts it
 * through the counter's reception path; the gateway forwards DongBoHoSoMC and each progress step to the
 * portal exactly once and in order across a 10-minute portal outage and a sender that loses its claim, and
 * the SMTP peer gets the receipt e-mail with the code and due date. Every clock is the test's.
 */
const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
let gatewayNow = fromVietnamLocal('2026-03-06T17:20');
let portalNow = gatewayNow;
let gateway: Gateway;
let portal: DvcqgPortalSimulator;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: { to: string[]; text: string }[] = [];
const cores: TestCore[] = [];

const PORTAL = { username: 'tinh', password: 'mat-khau', dstcode: 'H56', madonvi: '000.00.00.H56' };
const portalClient = () =>
  new DvcqgClient({
    adapterUrl: portal.url,
    authPath: PORTAL_AUTH_PATH,
    integrationPath: PORTAL_INTEGRATION_PATH,
    ...PORTAL,
    timeoutMs: 5_000,
    fileBaseUrl: `${gateway.url}/v1/files`,
  });

async function counter(fullName: string, username: string): Promise<TestCore> {
  const clock = new FakeClock(fromVietnamLocal('2026-03-09T09:00'));
  const core = await createCore({
    pdfRenderer: new RecordingPdfRenderer(),
    dataDir: tempDir(),
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock,
    hasher,
    idleSweepMs: null,
    log: () => undefined,
    sync: { timeoutMs: 5_000, engine: { backoff: { baseMs: 20, maxMs: 100 }, idleMs: 60_000 } },
  });
  const call = (clientId: string, channel: never, input: unknown = {}) => core.dispatch(clientId, channel, input);
  const t = {
    core,
    clock,
    pdf: new RecordingPdfRenderer(),
    dataDir: '',
    events: [],
    call,
    async must(clientId: string, channel: string, input: unknown = {}) {
      const result = await call(clientId, channel as never, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  } as unknown as TestCore;
  cores.push(t);
  await t.must('w', 'app.createFirstAdmin', { ...ADMIN, username, fullName });
  await t.must('w', 'auth.signIn', { username, password: ADMIN.password });
  await t.must('w', 'site.update', SITE);
  const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: fullName });
  await t.must('w', 'sync.enroll', { gatewayUrl: gateway.url, code, counterName: fullName });
  return t;
}

beforeAll(async () => {
  gateway = await startGateway({ now: () => gatewayNow.getTime() });
  portal = await DvcqgPortalSimulator.start({ ...PORTAL, now: () => portalNow });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        // The body as nodemailer sends Vietnamese text: base64 after the headers.
        const [, body = ''] = Buffer.concat(chunks)
          .toString('utf8')
          .split(/\r?\n\r?\n/);
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          text: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
}, 120_000);

afterAll(async () => {
  for (const t of cores) t.core.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await portal?.close();
  await gateway?.close();
});

describe('an online dossier from the citizen to DVCQG (issue 15 acceptance)', () => {
  it('is queued with its Monday deadline, claimed by one officer, accepted at the counter, forwarded once and in order, and e-mailed', async () => {
    // Friday: the citizen files at 17:20 (after closing), another at 16:45.
    const filed = (name: string, email: string) =>
      portal.submitOnline({
        MaTTHC: KHAI_SINH,
        ChuHoSo: name,
        SoGiayToChuHoSo: '038190012345',
        LoaiDoiTuong: '1',
        SoDienThoai: '0912345678',
        Email: email,
        MaDoiTuong: 'techid-001',
        TaiLieuNop: [{ MaThanhPhanHoSo: 'TP01', TenTepDinhKem: 'to-khai.pdf', DuongDanTaiTepTin: 'https://dichvucong.example.vn/f/1' }],
      });
    const late = filed('Nguyễn Thị Hồng Nhung', 'nhung@example.vn');
    portalNow = fromVietnamLocal('2026-03-06T16:45');
    filed('Trần Văn Sớm', 'som@example.vn');
    expect(await pullOnlineSubmissions({ db: gateway.database.db, client: portalClient(), agencyCode: SITE.agencyCode }, 0)).toMatchObject({
      taken: 2,
    });

    // Monday 09:00: both counters see the queue; the 17:20 one is due at 11:30, the 16:45 one at 11:15.
    gatewayNow = fromVietnamLocal('2026-03-09T09:00');
    const lan = await counter('Nguyễn Thị Lan', 'lan.nt');
    const binh = await counter('Trần Văn Bình', 'binh.tv');
    const queue = await lan.must('w', 'online.queue', {});
    expect(queue.count).toBe(2);
    expect(queue.dossiers.map((d: any) => [d.applicantName, d.deadline, d.channel])).toEqual([
      ['Trần Văn Sớm', '2026-03-09T11:15', 2],
      ['Nguyễn Thị Hồng Nhung', '2026-03-09T11:30', 2],
    ]);
    const id = queue.dossiers[1].id as string;

    // Two officers claim it: Lan gets it, Bình is told who holds it.
    await lan.must('w', 'online.claim', { id });
    const refused = await binh.call('w', 'online.claim' as never, { id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'ONLINE_DOSSIER_HELD', message: expect.stringContaining('Nguyễn Thị Lan') },
    });

    // Lan checks the files against the checklist and accepts: a code through the reception path, channel online.
    const draft = await khaiSinhDraft(lan, 'w');
    draft.owner = { ...draft.owner, fullName: late.ChuHoSo, email: late.Email, phone: late.SoDienThoai, contactConsent: true };
    const accepted = await lan.must('w', 'online.accept', { id, draft });
    const code = accepted.dossier.code as string;
    expect(accepted.dossier.channel).toBe('online');
    await lan.must('w', 'sync.now', {});
    const [decided] = await gateway.database.db.select().from(onlineDossiers).where(eq(onlineDossiers.id, id));
    expect(decided).toMatchObject({ decision: 'accepted', dossierCode: code, decidedBy: 'lan.nt' });
    expect((await lan.must('w', 'online.queue', {})).dossiers.map((d: any) => d.applicantName)).toEqual(['Trần Văn Sớm']);
    const events = await gateway.database.db.select().from(dossierEvents).where(eq(dossierEvents.dossierCode, code));
    expect(events.map((e) => e.type)).toEqual(['received']);

    // The back office moves it on: one more progress step to forward.
    await postDossierStatus(gateway.database.db, { id: 'bo', name: 'Phòng Tư pháp' }, code, {
      status: 4,
      note: 'Chuyển xử lý',
      at: fromVietnamLocal('2026-03-09T09:30').toISOString(),
    });

    // The portal is down for 10 minutes (the forwarder's clock moves; nothing sleeps), then back.
    let forwarderNow = fromVietnamLocal('2026-03-09T09:31');
    portalNow = forwarderNow;
    const pass = (leaseMs = 60_000) =>
      forwardOnce({
        db: gateway.database.db,
        client: portalClient(),
        fileBaseUrl: `${gateway.url}/v1/files`,
        now: () => forwarderNow,
        retry: { firstMs: 30_000, maxMs: 120_000 },
        leaseMs,
      });
    portal.behaviour.down = true;
    for (let minute = 0; minute < 10; minute++) {
      await pass();
      forwarderNow = new Date(forwarderNow.getTime() + 60_000);
    }
    expect(portal.dossiers.has(code)).toBe(false);
    portal.behaviour.down = false;
    // A sender that records its call at the portal and dies before hearing the answer: its rows come back after the lease.
    portal.behaviour.loseReplyNext = 1;
    for (let round = 0; round < 12 && (await outboxStatus(gateway.database.db)).counts.pending! > 0; round++) {
      await pass();
      forwarderNow = new Date(forwarderNow.getTime() + 120_000);
      portalNow = forwarderNow;
    }
    expect((await outboxStatus(gateway.database.db)).counts).toMatchObject({ pending: 0, dead: 0 });
    const dongBo = portal.requests.filter((r) => r.service === 'DongBoHoSoMC' && r.errorCode === 0);
    expect(dongBo.length).toBeGreaterThanOrEqual(1);
    expect(portal.requests.filter((r) => r.errorCode !== 0 && !/đã tồn tại/.test(r.message))).toEqual([]);
    expect(portal.dossiers.get(code)).toMatchObject({ MaHoSo: code, KenhThucHien: '2' });
    const steps = portal.progress.filter((p) => p.MaHoSo === code).map((p) => p.TrangThai);
    expect(steps).toEqual(['2', '4']);
    expect(portal.duplicateProgress()).toBe(0);
    // DongBoHoSoMC reached the portal before any progress entry of the dossier.
    const firstProgress = portal.requests.findIndex((r) => r.service === 'CapNhatTienDoHoSoMC' && r.errorCode === 0);
    expect(portal.requests.findIndex((r) => r.service === 'DongBoHoSoMC' && r.errorCode === 0)).toBeLessThan(firstProgress);

    // The gateway's notifier e-mails the receipt notice with the code and the due date.
    const email = { host: '127.0.0.1', port: smtpPort, secure: false, from: 'Một cửa <motcua@example.vn>', timeoutMs: 30_000 };
    await notifyOnce({
      db: gateway.database.db,
      config: { lookupUrlTemplate: 'https://dichvucong.example.vn/tra-cuu?ma={code}', email },
      email: new SmtpEmailChannel(email),
      now: () => forwarderNow,
      retry: { firstMs: 1_000, maxMs: 60_000 },
    });
    const mail = mails.find((m) => m.to.includes('nhung@example.vn'));
    expect(mail).toBeDefined();
    expect(mail!.text).toContain(code);
    const due = accepted.dossier.dueLocal as string;
    expect(mail!.text).toContain(`${due.slice(8, 10)}/${due.slice(5, 7)}/${due.slice(0, 4)}`);
    const received = await gateway.database.db
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierCode, code), eq(dossierEvents.type, 'received')));
    expect(received).toHaveLength(1);
  });
});
