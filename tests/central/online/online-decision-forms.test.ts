import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { chromium, type Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../central/blobs';
import { applyCommands } from '../../../central/commands';
import { dossiers, notificationOutbox, onlineDossiers } from '../../../central/db/schema';
import { dvcqgDossier } from '../../../central/dvcqg';
import { blobFolderReader } from '../../../central/notify/form-attachment';
import { notifyOnce } from '../../../central/notify/notifier';
import { SmtpEmailChannel } from '../../../central/notify/smtp-email';
import { deliverOnlineDecisionsOnce } from '../../../central/online/online-decision-delivery';
import {
  claimOnlineDossier,
  decideOnlineDossier,
  onlineDecisionSchema,
  takeInOnlineDossier,
  type Officer as GatewayOfficer,
} from '../../../central/online/online-dossiers';
import type { AuditService } from '../../../electron/core/audit/audit-service';
import { createFormService } from '../../../electron/core/forms';
import { OnlineDecisionService } from '../../../electron/core/online/online-decision';
import { OnlineDecisionForms } from '../../../electron/core/online/online-decision-forms';
import { CHROMIUM_ARGS, ChromiumPdfRenderer, DEFAULT_CHROMIUM_PATH } from '../../../electron/core/platform/chromium-pdf-renderer';
import { FileStore } from '../../../electron/core/platform/file-store';
import { DossierSigningService, type DossierSigningDeps } from '../../../electron/core/signing/dossier-signing-service';
import { keyObjectSigner } from '../../../electron/core/signing/keys/p12-key';
import { verifyPdfSignatures } from '../../../electron/core/signing/verify/verify-pdf-signatures';
import { AppError } from '../../../shared/ipc/result';
import { RECEIPT_FILE_CODE } from '../../../shared/online/decision-forms';
import type { DossierView } from '../../../shared/reception/dossier-view';
import type { FileRef } from '../../../shared/sync/protocol';
import { site } from '../../helpers/form-fixtures';
import { testCaAndSigner, type TestIdentity } from '../../helpers/test-pki';
import { AGENCY } from '../gateway-fixture';
import { DEVICE, GatewayDatabase, PROCEDURE, receiveDossier } from '../portal/portal-fixture';
import { tempDir } from '../temp';

/**
 * Issue 15 §1 and 16 §3 end to end: the counter renders the decision's form with the forms room (real
 * Chromium), signs it in the officer's open session (a test key), keeps and uploads it; the gateway's
 * e-mail reaches a real SMTP server carrying that PDF, byte for byte, its signature verifiable.
 */

interface Mail {
  to: string[];
  attachments: Array<{ fileName: string; contentType: string; bytes: Buffer }>;
}

/** The attachments of a multipart message as nodemailer writes it (base64 parts). */
function parseMail(raw: string, to: string[]): Mail {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [];
  const attachments = parts.flatMap((part) => {
    const [head = '', ...body] = part.replace(/^\r\n/, '').split('\r\n\r\n');
    const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
    const fileName = /Content-Disposition: attachment;\s*filename="?([^";\r\n]+)"?/i.exec(unfolded)?.[1];
    if (!fileName) return [];
    const contentType = /Content-Type: ([^;\r\n]+)/i.exec(unfolded)?.[1] ?? '';
    return [{ fileName, contentType, bytes: Buffer.from(body.join('').replace(/\s+/g, ''), 'base64') }];
  });
  return { to, attachments };
}

let clock = new Date('2026-03-09T01:00:00.000Z'); // Monday 08:00 in Vietnam; moved by the tests, never the machine's
let gateway: GatewayDatabase;
let blobStore: BlobStore;
let smtp: SMTPServer;
let smtpPort = 0;
let browser: Browser;
let files: FileStore;
let ca: TestIdentity;
let signing: DossierSigningService;
let forms: OnlineDecisionForms;
const mails: Mail[] = [];
const queued: Array<{ dossier: DossierView; file: FileRef }> = [];
const officer = { accountId: 'acc-lan', username: 'lan.nt', fullName: 'Nguyễn Thị Lan' };
const gatewayOfficer: GatewayOfficer = { username: officer.username, fullName: officer.fullName, deviceId: DEVICE.id, agencyCode: AGENCY };
const PIN = { kind: 'pkcs11' as const, modulePath: '/token.so', pin: '1234' };
const caller = { agencyCode: AGENCY, actsFor: new Set([AGENCY]) };

beforeAll(async () => {
  gateway = await GatewayDatabase.create();
  blobStore = new BlobStore(gateway.database.db, path.join(gateway.dataDir, 'blobs'));
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
            Buffer.concat(chunks).toString('latin1'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  // The renderer runs on the machine's real clock: the forms' dates come from the injected clock, and under the date
  // stage's libfaketime (scripts/run-tests.mjs) a preloaded Chromium never answered the render.
  browser = await chromium.launch({
    executablePath: process.env.QUAY_CHROMIUM ?? DEFAULT_CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    env: { ...process.env, LD_PRELOAD: '' },
  });
  const dataDir = tempDir('quay-online-forms-');
  files = new FileStore(dataDir);
  let signer: TestIdentity;
  ({ ca, signer } = await testCaAndSigner(new Date('2026-01-01T00:00:00Z'), 'UBND xã Yên Thái'));
  const audit = { record: () => undefined } as unknown as AuditService;
  signing = new DossierSigningService({
    signing: {} as DossierSigningDeps['signing'],
    files,
    outbox: {} as DossierSigningDeps['outbox'],
    audit,
    clock: { now: () => clock },
    newId: () => uuidv7(),
    transaction: (work) => work(),
    openKey: async () => keyObjectSigner(signer.privateKey, signer.certificate, [ca.certificate]),
    reason: 'Ký số',
  });
  forms = new OnlineDecisionForms({
    forms: createFormService({ site: () => site, pdfRenderer: new ChromiumPdfRenderer({ browser }), dataDir }),
    sign: (accountId, pdf, label) => signing.signInSession(accountId, pdf, label),
    files,
    attachToDossier: (dossier, file) => queued.push({ dossier, file }),
    procedureName: (code) => (code === PROCEDURE ? 'Đăng ký khai sinh' : null),
    audit,
    clock: { now: () => clock },
  });
}, 120_000);

afterAll(async () => {
  await signing?.background.stop();
  await browser?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await gateway?.destroy();
});

beforeEach(async () => {
  await gateway.database.db.update(notificationOutbox).set({ state: 'skipped' });
  mails.length = 0;
  queued.length = 0;
  clock = new Date('2026-03-09T01:00:00.000Z');
  await signing.background.stop();
});

const email = () =>
  new SmtpEmailChannel({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    from: 'Một cửa xã Yên Thái <motcua@yenthai.gov.vn>',
    timeoutMs: 30_000,
  });
const blobs = () => blobFolderReader((sha256) => blobStore.filePath(sha256));
const logs: string[] = [];
const notify = () =>
  notifyOnce({
    db: gateway.database.db,
    config: { lookupUrlTemplate: 'https://dichvucong.yenthai.gov.vn/tra-cuu?ma={code}', email: {} as never },
    email: email(),
    blobs: blobs(),
    now: () => clock,
    retry: { firstMs: 1_000, maxMs: 60_000 },
    log: (line) => logs.push(line),
  });
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

/** The counter's decisions, with the gateway's side called in-process (the routes are tested over HTTP in online-routes). */
function counter(received?: DossierView): OnlineDecisionService {
  return new OnlineDecisionService({
    province: {
      enrolled: () => true,
      claimOnlineDossier: async (id) => {
        const claim = await claimOnlineDossier(gateway.database.db, id, gatewayOfficer, clock);
        if (claim.outcome !== 'claimed') throw new AppError('ONLINE_DOSSIER_HELD', { name: '?', until: '?' });
        return {
          until: claim.until,
          channel: claim.channel as 2 | 3,
          submission: claim.submission,
          procedureCode: claim.procedureCode,
          files: claim.files,
        };
      },
      decideOnlineDossier: async (id, _officer, decision) => {
        const outcome = await decideOnlineDossier(gateway.database.db, id, gatewayOfficer, onlineDecisionSchema.parse(decision), clock);
        expect(outcome).toMatchObject({ outcome: 'recorded' });
        return outcome;
      },
    },
    reception: { accept: () => ({ dossier: received!, printJobId: 'job-1' }) },
    forms,
    uploadBlob: async (sha256) => blobStore.storeWhole([{ sha256, bytes: files.read(sha256) }], caller),
  });
}

async function viewOf(code: string): Promise<DossierView> {
  const [row] = await gateway.database.db.select().from(dossiers).where(eq(dossiers.code, code));
  return row!.view as DossierView;
}

async function filedOnline(externalId: string): Promise<string> {
  const { id } = await takeInOnlineDossier(gateway.database.db, {
    source: 'portal',
    externalId,
    agencyCode: AGENCY,
    procedureCode: PROCEDURE,
    submittedAt: '2026-03-06T10:20:00.000Z',
    submission: { ChuHoSo: 'Nguyễn Văn An', SoGiayToChuHoSo: '001090012345', LoaiDoiTuong: '1', Email: 'an@example.vn' },
  });
  await claimOnlineDossier(gateway.database.db, id, gatewayOfficer, clock);
  return id;
}

/** A poppler tool's report on the bytes (pdftotext, pdfsig). */
function poppler(tool: 'pdftotext' | 'pdfsig', bytes: Uint8Array): string {
  const file = path.join(tempDir('quay-form-pdf-'), 'form.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync(tool, tool === 'pdftotext' ? ['-enc', 'UTF-8', file, '-'] : [file], { encoding: 'utf8' }).normalize('NFC');
}
const pdfText = (bytes: Uint8Array) => poppler('pdftotext', bytes);

describe('the forms of online decisions, sent electronically (issue 15 §1, issue 16 §3)', () => {
  it('accept: the receipt, signed in the open session, waits for its upload and reaches the mailbox as the very PDF the counter made', async () => {
    await signing.background.start(officer.accountId, PIN);
    const code = await receiveDossier(gateway, { channel: 'online', email: 'an@example.vn', consent: true }, clock.toISOString());
    const accepted = await counter(await viewOf(code)).accept(officer, await filedOnline('HS-2026-0041'), { components: [] } as never);
    expect(accepted.form).toMatchObject({ signed: true, attached: true });
    expect(queued).toHaveLength(1);
    const { file } = queued[0]!;
    expect(file).toMatchObject({
      componentCode: RECEIPT_FILE_CODE,
      sha256: accepted.form!.sha256,
      signed: true,
      mediaType: 'application/pdf',
    });
    const produced = files.read(file.sha256);
    expect(pdfText(produced)).toContain(code);

    // The counter has not pushed the receipt yet: the notice waits instead of going bare.
    advance(60_000);
    expect(await notify()).toMatchObject({ sent: 0, retried: 1 });
    expect(mails).toEqual([]);

    await blobStore.storeWhole([{ sha256: file.sha256, bytes: produced }], caller);
    const [attached] = await applyCommands(gateway.database.db, DEVICE, [
      { id: uuidv7(), kind: 'dossier.filesAttached', dossierCode: code, payload: { code, files: [file] } },
    ]);
    expect(attached).toMatchObject({ status: 'applied' });
    advance(5_000);
    expect(await notify()).toMatchObject({ sent: 1 });

    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['an@example.vn']);
    expect(mails[0]!.attachments).toHaveLength(1);
    const attachment = mails[0]!.attachments[0]!;
    expect(attachment.fileName).toBe(`phieu-tiep-nhan-${code}.pdf`);
    expect(attachment.contentType).toBe('application/pdf');
    expect(Buffer.compare(attachment.bytes, Buffer.from(produced))).toBe(0);
    const check = await verifyPdfSignatures(attachment.bytes, [ca.certificate]);
    expect(check.valid).toBe(true);
    expect(check.signatures).toHaveLength(1);
    const report = poppler('pdfsig', attachment.bytes);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');

    // The receipt is the unit's own document: DVCQG's list of filed papers leaves it out.
    const mapped = await dvcqgDossier(gateway.database.db, code, 'https://mot-cua.tinh.gov.vn/v1/files');
    expect(mapped.DongBoHoSoMC.TaiLieuNop.map((f) => f.MaThanhPhanHoSo)).not.toContain(RECEIPT_FILE_CODE);
  });

  it('refusal with no signing session open: Form 03 still goes, unsigned and recorded so (signed: false), attached to the e-mail', async () => {
    const id = await filedOnline('HS-2026-0042');
    const refused = await counter().refuse(officer, id, 'Hồ sơ không thuộc thẩm quyền giải quyết của xã');
    expect(refused).toEqual({ decision: 'refused', form: { sha256: expect.any(String), signed: false, attached: true } });
    const [row] = await gateway.database.db.select().from(onlineDossiers).where(eq(onlineDossiers.id, id));
    expect(row).toMatchObject({ decision: 'refused', formSha256: refused.form!.sha256, formSigned: false });

    expect(await deliverOnlineDecisionsOnce({ db: gateway.database.db, email: email(), blobs: blobs(), now: () => clock })).toMatchObject({
      sent: 1,
    });
    expect(mails).toHaveLength(1);
    const attachment = mails[0]!.attachments[0]!;
    expect(attachment.fileName).toBe('phieu-tu-choi-HS-2026-0042.pdf');
    expect(Buffer.compare(attachment.bytes, Buffer.from(files.read(refused.form!.sha256)))).toBe(0);
    expect((await verifyPdfSignatures(attachment.bytes, [ca.certificate])).signatures).toEqual([]);
    const text = pdfText(attachment.bytes);
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('không thuộc thẩm quyền');
  });

  it('a received notice whose receipt never comes goes without it after the bound, and says so without personal data', async () => {
    const code = await receiveDossier(gateway, { channel: 'online', email: 'binh@example.vn', consent: true }, clock.toISOString());
    logs.length = 0;
    advance(29 * 60_000);
    expect(await notify()).toMatchObject({ sent: 0, retried: 1 });
    advance(2 * 60_000);
    expect(await notify()).toMatchObject({ sent: 1 });
    expect(mails[0]!.attachments).toEqual([]);
    expect(logs).toEqual([`notice received for ${code} by email: sent without the receipt PDF (not uploaded in time)`]);
    expect(logs.join('\n')).not.toMatch(/binh@|Nguyễn/);
  });
});
