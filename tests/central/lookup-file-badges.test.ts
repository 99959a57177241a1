import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postDossierStatus } from '../../central/backoffice';
import { createEnrolmentCode } from '../../central/enrolment';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore } from '../../electron/core/create-core';
import { errorMessage } from '../../shared/i18n/vi';
import type { DossierFile } from '../../shared/lookup/dossier-files';
import { ADMIN, FakeClock, khaiSinhDraft, RecordingPdfRenderer, repoRoot, SITE, tempDir, type TestCore } from '../helpers/test-core';
import { testCaAndSigner, type TestIdentity } from '../helpers/test-pki';
import { startGateway, type Gateway } from './gateway-fixture';

/**
 * Issue 16 §4 through the province: counter A hands back a dossier the back office settled, with two
 * result documents — one signed with a PKCS#12 test key, one whose signed bytes were changed after —
 * and counter B, which pulls the dossier through the look-up, lists its files: "not downloaded" while
 * they are only on the gateway, then valid (with the signer) and invalid (with the Vietnamese reason)
 * once fetched, each verdict made once as the file arrived. One real gateway on PGlite.
 */
let gateway: Gateway;
let ca: TestIdentity;
let signer: TestIdentity;
const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
const cores: TestCore[] = [];
const SIGNER = 'Phòng Tư pháp huyện Thử Nghiệm';

beforeAll(async () => {
  [gateway, { ca, signer }] = await Promise.all([startGateway(), testCaAndSigner(new Date('2026-01-01T00:00:00Z'), SIGNER)]);
}, 60_000);

afterAll(async () => {
  for (const t of cores.splice(0)) t.core.close();
  await gateway?.close();
});

async function counter(name: string): Promise<TestCore> {
  const dataDir = tempDir();
  const clock = new FakeClock();
  const core = await createCore({
    pdfRenderer: new RecordingPdfRenderer(),
    dataDir,
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock,
    hasher,
    idleSweepMs: null,
    backupTickMs: null,
    log: () => undefined,
    sync: { timeoutMs: 5_000, engine: { backoff: { baseMs: 20, maxMs: 100 }, idleMs: 60_000 } },
  });
  const call = (clientId: string, channel: never, input: unknown = {}) => core.dispatch(clientId, channel, input);
  const t: TestCore = {
    core,
    clock,
    pdf: new RecordingPdfRenderer(),
    dataDir,
    events: [],
    call,
    async must(clientId, channel, input = {}) {
      const result = await call(clientId, channel as never, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
  cores.push(t);
  await t.must('admin-window', 'app.createFirstAdmin', ADMIN);
  await t.must('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await t.must('admin-window', 'site.update', SITE);
  const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: name });
  await t.must('admin-window', 'sync.enroll', { gatewayUrl: gateway.url, code, counterName: name });
  return t;
}

/** The PKCS#12 file of the back office's signer, as openssl exports it. */
function p12File(dir: string): string {
  fs.writeFileSync(path.join(dir, 'key.pem'), signer.pem.privateKey);
  fs.writeFileSync(path.join(dir, 'cert.pem'), signer.pem.certificate);
  fs.writeFileSync(path.join(dir, 'ca.pem'), ca.pem.certificate);
  const out = path.join(dir, 'signer.p12');
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    path.join(dir, 'key.pem'),
    '-in',
    path.join(dir, 'cert.pem'),
    '-certfile',
    path.join(dir, 'ca.pem'),
    '-passout',
    'pass:mat-khau',
    '-out',
    out,
  ]);
  return out;
}

async function resultPdf(text: string): Promise<string> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return Buffer.from(await doc.save({ useObjectStreams: false })).toString('base64');
}

describe('the look-up lists a dossier’s files with their signature badges (issue 16 §4)', () => {
  it('shows results from the province as not downloaded, then valid with the signer or invalid with the reason once fetched', async () => {
    const [a, b] = await Promise.all([counter('Quầy A'), counter('Quầy B')]);
    fs.mkdirSync(path.join(b.dataDir, 'trust-anchors'));
    fs.writeFileSync(path.join(b.dataDir, 'trust-anchors', 'root.pem'), ca.pem.certificate);

    await a.must('admin-window', 'sync.now', {});
    const { dossier } = await a.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(a) });
    await a.must('admin-window', 'sync.now', {});
    await postDossierStatus(gateway.database.db, { id: 'bo', name: 'Hệ thống xử lý hồ sơ của tỉnh' }, dossier.code, {
      status: 9,
      note: 'Đã có kết quả',
    });
    await a.must('admin-window', 'sync.now', {});

    const drafts = await Promise.all(
      ['Giay khai sinh', 'Trich luc khai sinh'].map(async (text, i) =>
        a.must('admin-window', 'reception.storeFile', { fileName: `ket-qua-${i + 1}.pdf`, dataBase64: await resultPdf(text) }),
      ),
    );
    const { signed } = await a.must('admin-window', 'signing.signFiles', {
      files: drafts.map(({ sha256, fileName }: { sha256: string; fileName: string }) => ({ sha256, fileName })),
      purpose: 'result',
      key: { kind: 'p12', path: p12File(a.dataDir), password: 'mat-khau' },
    });
    const stored = await a.must('admin-window', 'dossier.remoteFile', { dossierId: dossier.id, sha256: signed[1].file.sha256 });
    const changed = Buffer.from(stored.dataBase64, 'base64');
    const at = changed.indexOf('/MediaBox') + 3;
    changed[at] = changed[at]! ^ 0x01;
    const tampered = await a.must('admin-window', 'reception.storeFile', {
      fileName: 'ket-qua-2.pdf',
      dataBase64: changed.toString('base64'),
    });
    await a.must('admin-window', 'dossier.markReturned', {
      dossierId: dossier.id,
      collectorName: 'Nguyễn Văn Nhận',
      results: [
        { name: 'Giấy khai sinh', file: signed[0].file },
        { name: 'Trích lục khai sinh', file: tampered },
      ],
    });
    expect((await a.must('admin-window', 'sync.now', {})).pendingCommands).toBe(0);

    // B pulls the dossier from the province: the results are listed, not yet here.
    await b.must('admin-window', 'sync.now', {});
    const opened = await b.must('admin-window', 'dossier.openRemote', { code: dossier.code });
    const before: DossierFile[] = await b.must('admin-window', 'dossier.files', { dossierId: opened.id });
    const results = before.filter((file) => file.kind === 'result');
    expect(results.map(({ componentCode, downloaded, verdict }) => ({ componentCode, downloaded, verdict }))).toEqual([
      { componentCode: 'KQ1', downloaded: false, verdict: null },
      { componentCode: 'KQ2', downloaded: false, verdict: null },
    ]);
    expect(before.filter((file) => file.kind === 'component').length).toBeGreaterThan(0);

    // Opening each fetches it from the gateway; its signatures are checked as it arrives.
    for (const file of results) await b.must('admin-window', 'dossier.remoteFile', { dossierId: opened.id, sha256: file.sha256 });
    const verified = b.core.database.sqlite.prepare('SELECT sha256, verified_at FROM file_verifications ORDER BY sha256').all();
    expect(verified.map((row) => (row as { sha256: string }).sha256)).toEqual(results.map((file) => file.sha256).sort());

    const after: DossierFile[] = await b.must('admin-window', 'dossier.files', { dossierId: opened.id });
    const [good, bad] = after.filter((file) => file.kind === 'result');
    expect(good).toMatchObject({
      componentCode: 'KQ1',
      downloaded: true,
      size: signed[0].file.bytes,
      verdict: { signed: true, valid: true, signatures: [{ signerName: SIGNER, valid: true, reasons: [], revocation: 'unchecked' }] },
    });
    expect(bad).toMatchObject({ componentCode: 'KQ2', downloaded: true, verdict: { signed: true, valid: false } });
    expect(bad!.verdict!.signatures[0]!.reasons).toContain(errorMessage('SIG_DIGEST_MISMATCH'));
    // Listed again, the kept verdicts answer: nothing is checked a second time.
    await b.must('admin-window', 'dossier.files', { dossierId: opened.id });
    expect(b.core.database.sqlite.prepare('SELECT sha256, verified_at FROM file_verifications ORDER BY sha256').all()).toEqual(verified);
  }, 60_000);
});
