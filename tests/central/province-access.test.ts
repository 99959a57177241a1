import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminRequest } from '../../central/admin-commands';
import { dossierEvents, dossiers } from '../../central/db/schema';
import { createEnrolmentCode } from '../../central/enrolment';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore } from '../../electron/core/create-core';
import {
  ADMIN,
  CITIZEN,
  FakeClock,
  khaiSinhDraft,
  RecordingPdfRenderer,
  repoRoot,
  SITE,
  tempDir,
  type TestCore,
} from '../helpers/test-core';
import { putGrant, removeGrant } from '../../central/access/authorities';
import { enrol, push, receivedCommand, returnedCommand, signed, startGateway, type Gateway } from './gateway-fixture';

/**
 * Issue 14 §1 acceptance, end to end: counter cores as the app runs them, one real gateway on
 * PGlite. A receives; B (same agency) finds it online and returns it; C (another agency) is refused;
 * a merged commune's successor returns a predecessor's dossier; two counters returning one dossier at
 * once get one success and one Vietnamese refusal, and the gateway holds one return.
 */
const OTHER_AGENCY = '000.00.07.H56';
const SUCCESSOR = '000.00.08.H56';
const CONFIRM = { reason: 'Trả theo đề nghị của người dân' };

let gateway: Gateway;
const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
const cores: TestCore[] = [];

beforeAll(async () => {
  gateway = await startGateway();
}, 60_000);

afterAll(async () => {
  for (const t of cores.splice(0)) t.core.close();
  await gateway?.close();
});

/** A fetch the test can cut, as a commune's link drops. */
function cuttableLink(): { fetch: typeof fetch; online: boolean } {
  const link: { fetch: typeof fetch; online: boolean } = {
    online: true,
    fetch: ((input, init) => (link.online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed')))) as typeof fetch,
  };
  return link;
}

/** An enrolled counter of `agencyCode`, signed in as admin; its clock a Monday morning of the test's. */
async function counter(agencyCode: string, name: string, link = cuttableLink()): Promise<TestCore & { link: typeof link }> {
  const clock = new FakeClock();
  const core = await createCore({
    pdfRenderer: new RecordingPdfRenderer(),
    dataDir: tempDir(),
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock,
    hasher,
    idleSweepMs: null,
    backupTickMs: null,
    log: () => undefined,
    sync: { timeoutMs: 5_000, fetch: link.fetch, engine: { backoff: { baseMs: 20, maxMs: 100 }, idleMs: 60_000 } },
  });
  const call = (clientId: string, channel: never, input: unknown = {}) => core.dispatch(clientId, channel, input);
  const t: TestCore & { link: typeof link } = {
    core,
    clock,
    pdf: new RecordingPdfRenderer(),
    dataDir: core.database.file.replace(/\/quay\.sqlite$/, ''),
    events: [],
    call,
    async must(clientId, channel, input = {}) {
      const result = await call(clientId, channel as never, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    link,
  };
  cores.push(t);
  await t.must('admin-window', 'app.createFirstAdmin', ADMIN);
  await t.must('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await t.must('admin-window', 'site.update', { ...SITE, agencyCode });
  const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode, counterName: name });
  await t.must('admin-window', 'sync.enroll', { gatewayUrl: gateway.url, code, counterName: name });
  return t;
}

/** A receives a dossier and pushes it to the province. */
async function receivedAt(t: TestCore): Promise<{ id: string; code: string }> {
  await t.must('admin-window', 'sync.now', {});
  const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
  expect((await t.must('admin-window', 'sync.now', {})).pendingCommands).toBe(0);
  return dossier;
}

async function returnsAtGateway(code: string): Promise<number> {
  const rows = await gateway.database.db
    .select()
    .from(dossierEvents)
    .where(and(eq(dossierEvents.dossierCode, code), eq(dossierEvents.type, 'resultReturned')));
  return rows.length;
}

describe('province-wide dossier access (issue 14 §1)', () => {
  it('lets any counter of an agency, or of its successor, find, open and return a dossier; refuses another agency; one return wins', async () => {
    const [a, b, c, successor] = await Promise.all([
      counter(SITE.agencyCode, 'Quầy A'),
      counter(SITE.agencyCode, 'Quầy B'),
      counter(OTHER_AGENCY, 'Quầy C'),
      counter(SUCCESSOR, 'Quầy xã mới'),
    ]);
    const first = await receivedAt(a);

    // B finds it online by folded name, ID number, phone and code, marked as the province's.
    for (const text of ['hong nhung', 'NGUYEN THI', CITIZEN.idNumber, CITIZEN.phone, first.code, first.code.slice(-11)]) {
      const found = await b.must('admin-window', 'dossier.searchRemote', { text });
      expect(found).toMatchObject({ online: true, reason: null });
      expect(
        found.results.map((r: { code: string }) => r.code),
        text,
      ).toContain(first.code);
    }
    expect(await b.must('admin-window', 'dossier.search', { text: first.code })).toEqual([]);

    // B opens it: view, history, and a file fetched on demand, then kept.
    const opened = await b.must('admin-window', 'dossier.openRemote', { code: first.code });
    expect(opened.view).toMatchObject({ code: first.code, status: 2, owner: { fullName: CITIZEN.fullName } });
    expect(opened.history.map((e: { type: string }) => e.type)).toEqual(['received']);
    expect(opened.files.length).toBeGreaterThan(0);
    const [file] = opened.files;
    expect(file.cached).toBe(false);
    const { dataBase64 } = await b.must('admin-window', 'dossier.remoteFile', { dossierId: opened.id, sha256: file.sha256 });
    expect(createHash('sha256').update(Buffer.from(dataBase64, 'base64')).digest('hex')).toBe(file.sha256);
    expect((await b.must('admin-window', 'dossier.openRemote', { code: first.code })).files[0].cached).toBe(true);
    // Held here now: the local look-up finds it, and it is not in this counter's register.
    expect((await b.must('admin-window', 'dossier.search', { text: first.code })).map((r: { id: string }) => r.id)).toEqual([opened.id]);

    // A reprint of its receipt at B is audited like any reprint.
    const reprinted = await b.must('admin-window', 'print.reprintReceipt', { dossierId: opened.id, reason: 'Người dân làm mất giấy hẹn' });
    expect(reprinted.jobId).toEqual(expect.any(String));
    const audited = b.core.database.sqlite.prepare('SELECT action, subject FROM audit_log ORDER BY seq').all() as {
      action: string;
      subject: string;
    }[];
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: 'dossier.viewed', subject: first.code },
        { action: 'dossier.fileViewed', subject: first.code },
        { action: 'print.formReprinted', subject: first.code },
      ]),
    );

    // B returns it; the province holds B's return.
    const returned = await b.must('admin-window', 'dossier.markReturned', {
      dossierId: opened.id,
      collectorName: 'Nguyễn Văn Nhận',
      confirmUnsettled: CONFIRM,
    });
    expect(returned.status).toBe(10);
    expect((await b.must('admin-window', 'sync.status', {})).pendingCommands).toBe(0);
    const [atGateway] = await gateway.database.db.select().from(dossiers).where(eq(dossiers.code, first.code));
    expect(atGateway).toMatchObject({ status: 10, agencyCode: SITE.agencyCode });
    expect(await returnsAtGateway(first.code)).toBe(1);

    // C, of another agency, neither finds nor opens it.
    expect(await c.must('admin-window', 'dossier.searchRemote', { text: first.code })).toMatchObject({ online: true, results: [] });
    expect(await c.call('admin-window', 'dossier.openRemote' as never, { code: first.code })).toMatchObject({
      ok: false,
      error: { code: 'DOSSIER_REMOTE_ACCESS_DENIED', message: expect.stringContaining('không được xử lý hồ sơ') },
    });

    // A merged commune's successor acts for its predecessor from the merger's date.
    const second = await receivedAt(a);
    expect(await successor.call('admin-window', 'dossier.openRemote' as never, { code: second.code })).toMatchObject({
      ok: false,
      error: { code: 'DOSSIER_REMOTE_ACCESS_DENIED' },
    });
    const grant = { actorAgency: SUCCESSOR, forAgency: SITE.agencyCode, kind: 'successor' as const };
    expect(await runAdminRequest(gateway.database.db, { command: 'authority-add', ...grant, effectiveFrom: '2099-01-01' })).toEqual({
      command: 'authority-add',
      problem: null,
    });
    expect(await successor.must('admin-window', 'dossier.searchRemote', { text: second.code })).toMatchObject({ results: [] });
    await runAdminRequest(gateway.database.db, { command: 'authority-add', ...grant, effectiveFrom: '2025-07-01' });
    const inherited = await successor.must('admin-window', 'dossier.openRemote', { code: second.code });
    await successor.must('admin-window', 'dossier.markReturned', {
      dossierId: inherited.id,
      collectorName: 'Trần Thị Kế',
      confirmUnsettled: CONFIRM,
    });
    expect(await returnsAtGateway(second.code)).toBe(1);
    expect((await successor.must('admin-window', 'sync.status', {})).pendingCommands).toBe(0);

    // Two counters return one dossier at once: one succeeds, the other is refused in Vietnamese and keeps what it recorded.
    const third = await receivedAt(a);
    // The return desk scans the receipt of a dossier this counter does not hold: it opens from the province.
    const held = await b.must('admin-window', 'dossier.openByScan', { scanned: third.code });
    const answers = await Promise.all([
      a.call('admin-window', 'dossier.markReturned' as never, {
        dossierId: third.id,
        collectorName: 'Người nhận A',
        confirmUnsettled: CONFIRM,
      }),
      b.call('admin-window', 'dossier.markReturned' as never, {
        dossierId: held.id,
        collectorName: 'Người nhận B',
        confirmUnsettled: CONFIRM,
      }),
    ]);
    const won = answers.filter((answer) => answer.ok);
    const lost = answers.filter((answer) => !answer.ok);
    expect(won).toHaveLength(1);
    expect(lost).toEqual([
      {
        ok: false,
        error: { code: 'DOSSIER_RETURN_CONFLICT', message: expect.stringContaining('đã được trả kết quả tại quầy khác') },
      },
    ]);
    expect(await returnsAtGateway(third.code)).toBe(1);
    const winner = answers[0]!.ok ? 'Người nhận A' : 'Người nhận B';
    const loser = answers[0]!.ok ? b : a;
    const loserId = answers[0]!.ok ? held.id : third.id;
    expect(lost[0]!.ok === false && lost[0]!.error.message).toContain(winner);
    const [returnedAtGateway] = await gateway.database.db.select().from(dossiers).where(eq(dossiers.code, third.code));
    expect((returnedAtGateway!.view as { returnedTo: string }).returnedTo).toBe(winner);
    // The loser's copy follows the province; its own return and the refusal stay in its history.
    const corrected = await loser.must('admin-window', 'dossier.open', { id: loserId });
    expect(corrected).toMatchObject({ status: 10, returnedTo: winner });
    const history = loser.core.database.sqlite
      .prepare('SELECT type, payload FROM dossier_events WHERE dossier_id = ? ORDER BY at, id')
      .all(loserId) as { type: string; payload: string }[];
    expect(history.filter((e) => e.type === 'resultReturned')).toHaveLength(2);
    const refusal = history.find((e) => e.type === 'returnRefused');
    expect(JSON.parse(refusal!.payload)).toMatchObject({
      reason: 'DOSSIER_ALREADY_RETURNED',
      refusedReturn: { collector: expect.stringMatching(/^Người nhận [AB]$/) },
    });

    // Offline, the look-up says it searched only what this counter holds.
    b.link.online = false;
    expect(await b.must('admin-window', 'dossier.searchRemote', { text: 'hong nhung' })).toMatchObject({
      online: false,
      reason: 'offline',
      results: [],
      message: expect.stringContaining('Không kết nối được'),
    });
    expect((await b.must('admin-window', 'dossier.search', { text: 'hong nhung' })).length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('authorises commands and look-ups at the gateway by the grants, and keeps the first of two returns', async () => {
    const department = '000.00.09.H56';
    const centre = '000.00.10.H56';
    const desk = await enrol(gateway, department);
    const centreDesk = await enrol(gateway, centre);
    const reception = receivedCommand({ agency: department });
    expect((await push(gateway, desk, [reception])).body.results[0]).toMatchObject({ status: 'applied' });
    const code = reception.dossierCode;

    // The centre has no grant yet: its return and its look-up are refused.
    const early = returnedCommand(code);
    expect((await push(gateway, centreDesk, [early])).body.results[0]).toMatchObject({ status: 'rejected', reason: 'AGENCY_MISMATCH' });
    expect(await signed(gateway, centreDesk, 'GET', `/v1/dossiers/${code}`)).toMatchObject({
      status: 403,
      body: { error: { code: 'DOSSIER_ACCESS_DENIED' } },
    });
    expect((await signed(gateway, centreDesk, 'POST', '/v1/dossiers/search', { text: code })).body).toEqual({ dossiers: [] });

    // Granted, the centre finds and returns it; the department's own later return is refused for good, also on replay.
    expect(
      await putGrant(gateway.database.db, { actorAgency: centre, forAgency: department, kind: 'onBehalf', effectiveFrom: null }),
    ).toBeNull();
    const found = await signed(gateway, centreDesk, 'POST', '/v1/dossiers/search', { text: code });
    expect(found.body.dossiers).toEqual([expect.objectContaining({ code, agencyCode: department, status: 2 })]);
    expect((await push(gateway, centreDesk, [returnedCommand(code)])).body.results[0]).toMatchObject({ status: 'applied' });
    const late = returnedCommand(code);
    for (let i = 0; i < 2; i += 1) {
      expect((await push(gateway, desk, [late])).body.results[0]).toMatchObject({ status: 'rejected', reason: 'DOSSIER_ALREADY_RETURNED' });
    }
    expect(await returnsAtGateway(code)).toBe(1);
    const opened = await signed(gateway, centreDesk, 'GET', `/v1/dossiers/${code}`);
    expect(opened.status).toBe(200);
    expect(opened.body.events.map((e: { type: string }) => e.type)).toEqual(['received', 'resultReturned']);

    // The grant removed, the centre is refused again.
    expect(await removeGrant(gateway.database.db, centre, department)).toBe(true);
    expect((await signed(gateway, centreDesk, 'GET', `/v1/dossiers/${code}`)).status).toBe(403);
  }, 60_000);
});
