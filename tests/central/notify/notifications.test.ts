import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postDossierStatus } from '../../../central/backoffice';
import { dossierEvents, notificationOutbox } from '../../../central/db/schema';
import { BrandnameSmsChannel } from '../../../central/notify/brandname-sms';
import { notifyOnce } from '../../../central/notify/notifier';
import type { NotifyConfig } from '../../../central/notify/notify-config';
import { SmtpEmailChannel } from '../../../central/notify/smtp-email';
import { SmsProviderSimulator } from '../../peers/sms-provider-simulator';
import { GatewayDatabase, receiveDossier } from '../portal/portal-fixture';

interface ReceivedMail {
  to: string[];
  subject: string;
  body: string;
}

/** RFC 2047 words (B or Q) back to text. */
function decodeWords(header: string): string {
  return header.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_q, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const subject = decodeWords(/^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '');
  return { to, subject, body: Buffer.from(rest.join('\r\n\r\n').replace(/\s+/g, ''), 'base64').toString('utf8') };
}

let clock = new Date('2026-03-04T02:00:00.000Z');
let gateway: GatewayDatabase;
let smtp: SMTPServer;
let smtpPort = 0;
let provider: SmsProviderSimulator;
const mails: ReceivedMail[] = [];
const logs: string[] = [];
let config: NotifyConfig;

beforeAll(async () => {
  gateway = await GatewayDatabase.create();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  provider = await SmsProviderSimulator.start({ apiKey: 'key', secretKey: 'secret', brandname: 'UBND-YENTHAI' });
}, 60_000);

afterAll(async () => {
  await provider.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await gateway.destroy();
});

beforeEach(async () => {
  await gateway.database.db.update(notificationOutbox).set({ state: 'skipped' });
  mails.length = 0;
  provider.messages.length = 0;
  logs.length = 0;
  clock = new Date('2026-03-04T02:00:00.000Z');
  config = {
    lookupUrlTemplate: 'https://dichvucong.yenthai.gov.vn/tra-cuu?ma={code}',
    sms: {
      url: provider.url,
      apiKey: 'key',
      secretKey: 'secret',
      brandname: 'UBND-YENTHAI',
      unicode: false,
      maxSegments: 2,
      timeoutMs: 30_000,
    },
    email: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'Một cửa xã Yên Thái <motcua@yenthai.gov.vn>', timeoutMs: 30_000 },
  };
});

const pass = () =>
  notifyOnce({
    db: gateway.database.db,
    config,
    sms: new BrandnameSmsChannel(config.sms!),
    email: new SmtpEmailChannel(config.email!),
    now: () => clock,
    retry: { firstMs: 1_000, maxMs: 60_000 },
    log: (line) => logs.push(line),
  });

const APPLICANT = { consent: true, phone: '0912345678', email: 'nhung@example.vn' };

describe('notices to the applicant, sent by the gateway (issue 15 §4)', () => {
  it('sends the reception notice by e-mail to a real SMTP server and by SMS, with code, due date and lookup link', async () => {
    const code = await receiveDossier(gateway, APPLICANT);
    expect(await pass()).toMatchObject({ sent: 2, skipped: 0 });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['nhung@example.vn']);
    expect(mails[0]!.subject).toBe(`Hồ sơ ${code} đã được tiếp nhận`);
    expect(mails[0]!.body).toContain(`Hồ sơ ${code} (Đăng ký khai sinh) đã được tiếp nhận.`);
    expect(mails[0]!.body).toContain('Ngày hẹn trả kết quả: 08:00 ngày 03/03/2026.');
    expect(mails[0]!.body).toContain(`https://dichvucong.yenthai.gov.vn/tra-cuu?ma=${code}`);
    expect(provider.messages).toEqual([
      expect.objectContaining({
        phone: '0912345678',
        unicode: false,
        // 170 GSM-7 characters: two parts, within the maximum of two.
        segments: 2,
        content: `Ho so ${code} da duoc tiep nhan. Hen tra 08:00 ngay 03/03/2026. Tra cuu: https://dichvucong.yenthai.gov.vn/tra-cuu?ma=${code}`,
      }),
    ]);
    const rows = await gateway.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.dossierCode, code));
    expect(rows.map((r) => [r.channel, r.state, r.template])).toEqual([
      ['sms', 'sent', 'received'],
      ['email', 'sent', 'received'],
    ]);
    expect(rows[0]!.providerId).toBe(provider.messages[0]!.id);
    expect(rows[0]!.detail).toBe('gsm7, 2 segment(s)');
  });

  it('keeps tone marks in UCS-2 when the province allows it, within the maximum of parts', async () => {
    config.sms = { ...config.sms!, unicode: true, maxSegments: 3 };
    const code = await receiveDossier(gateway, APPLICANT);
    await pass();
    expect(provider.messages[0]).toMatchObject({ unicode: true, content: expect.stringContaining(`Hồ sơ ${code} đã được tiếp nhận.`) });
    expect(provider.messages[0]!.segments).toBeLessThanOrEqual(3);
  });

  it('sends nothing without the applicant’s consent, and says why', async () => {
    const code = await receiveDossier(gateway, { phone: '0912345678', email: 'nhung@example.vn' });
    expect(await pass()).toMatchObject({ sent: 0, skipped: 2 });
    expect(mails).toEqual([]);
    expect(provider.messages).toEqual([]);
    const rows = await gateway.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.dossierCode, code));
    expect(rows.map((r) => r.detail)).toEqual(['no consent', 'no consent']);
  });

  it('tells of a supplement, a refusal, a delay and a ready result; retries through a provider outage; logs no personal data', async () => {
    const code = await receiveDossier(gateway, APPLICANT);
    await pass();
    const record = async (type: string, status: number, payload: Record<string, unknown>, at: string) => {
      const id = uuidv7();
      await gateway.database.db
        .insert(dossierEvents)
        .values({ id, dossierCode: code, type, at: new Date(at), payload: { id, type, status, at, actorName: 'Cán bộ', payload } });
    };
    await record('supplementRequested', 5, { round: 1, items: [{ name: 'Giấy chứng sinh' }] }, '2026-03-02T03:00:00.000Z');
    await record('apologyIssued', 4, { reason: 'Chờ xác minh', newDueLocal: '2026-03-10T16:00' }, '2026-03-03T03:00:00.000Z');
    await postDossierStatus(gateway.database.db, { id: 'bo', name: 'Phòng Tư pháp' }, code, {
      status: 9,
      note: 'Đã ký',
      at: '2026-03-04T01:00:00.000Z',
    });
    provider.down = true;
    expect(await pass()).toMatchObject({ retried: 3, sent: 3 });
    expect(logs.every((line) => !line.includes('0912345678') && !line.includes('nhung@') && !line.includes('Nhung'))).toBe(true);
    expect(logs.length).toBe(3);
    provider.down = false;
    expect((await pass()).claimed).toBe(0);
    clock = new Date(clock.getTime() + 1_000);
    expect(await pass()).toMatchObject({ sent: 3 });
    expect(mails.map((m) => m.subject)).toEqual([
      `Hồ sơ ${code} đã được tiếp nhận`,
      `Hồ sơ ${code} cần bổ sung giấy tờ`,
      `Hồ sơ ${code} trễ hẹn - ngày hẹn trả mới`,
      `Hồ sơ ${code} đã có kết quả`,
    ]);
    expect(mails[2]!.body).toContain('Ngày hẹn trả mới: 16:00 ngày 10/03/2026.');
    expect(provider.messages.map((m) => m.content.replace(code, 'CODE').split('.')[0])).toEqual([
      'Ho so CODE da duoc tiep nhan',
      'Ho so CODE can bo sung giay to: Giay chung sinh',
      'Ho so CODE bi tre hen',
      'Ho so CODE da co ket qua',
    ]);
    expect(provider.messages.every((m) => m.segments <= 2)).toBe(true);
  });
});
