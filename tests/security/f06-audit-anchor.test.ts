import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentAdminAnswer, runAdminRequest } from '../../central/admin-commands';
import { runCentralCli } from '../../central/cli';
import { auditAnchors } from '../../central/db/schema';
import { createEnrolmentCode } from '../../central/enrolment';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { keyedChainDigest, readAuditChainKey } from '../../electron/core/audit/audit-chain-key';
import { runCli } from '../../electron/core/cli/run-cli';
import { createCore } from '../../electron/core/create-core';
import { openCounterDatabase } from '../../electron/core/platform/data-at-rest-key';
import { FileKeyStore, keyFolder } from '../../electron/core/platform/key-store';
import { sha256Hex } from '../../electron/core/platform/node-sha256';
import { AUDIT_ANCHOR_SETTING } from '../../electron/core/sync/audit-anchoring';
import { canonicalEntryText, GENESIS_HASH, type ChainedEntry } from '../../shared/audit/audit-chain';
import { errorMessages } from '../../shared/i18n/vi';
import { startGateway, type Gateway } from '../central/gateway-fixture';
import { ADMIN, FakeClock, RecordingPdfRenderer, repoRoot, SITE, tempDir } from '../helpers/test-core';

/**
 * Issue 17 finding 6: the keyed chain stops someone holding only the database; someone holding the key as well could
 * still rewrite and rehash the whole log. The head is anchored at the gateway on every sync, so the province — and
 * `quay doctor` — see a log rewritten after it was anchored.
 */
let gateway: Gateway;
const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);

beforeAll(async () => {
  gateway = await startGateway();
}, 120_000);
afterAll(() => gateway?.close());

async function openCounter(dataDir: string) {
  const core = await createCore({
    pdfRenderer: new RecordingPdfRenderer(),
    dataDir,
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock: new FakeClock(),
    hasher,
    idleSweepMs: null,
    log: () => undefined,
    sync: { timeoutMs: 5_000, engine: { backoff: { baseMs: 20, maxMs: 100 }, idleMs: 60_000 } },
  });
  const must = async (channel: string, input: unknown = {}): Promise<any> => {
    const result = await core.dispatch('admin-window', channel as never, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  return { core, must };
}

async function doctorJson(dataDir: string): Promise<{ code: number; report: any }> {
  const out: string[] = [];
  const code = await runCli(['doctor', '--data', dataDir, '--json'], {
    io: { out: (line) => out.push(line), err: () => undefined, stdin: Readable.from(['']), env: {} },
    resourcesDir: repoRoot,
    appVersion: '0.0.0-test',
  });
  return { code, report: JSON.parse(out.join('\n')) };
}

/**
 * Someone with the database and the chain's key: drops the triggers, edits entry `seq`, rehashes every later link
 * with the key and moves the head. The chain verifies locally afterwards; only the anchor can tell.
 */
function rewriteWithKey(dataDir: string, seq: number, forgeAnchorSetting: boolean): void {
  const digest = keyedChainDigest(readAuditChainKey(new FileKeyStore(keyFolder(dataDir)))!, sha256Hex);
  const { sqlite } = openCounterDatabase(dataDir);
  try {
    sqlite.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete');
    sqlite.prepare(`UPDATE audit_log SET details = '{"rewritten":true}' WHERE seq = ?`).run(seq);
    const rows = sqlite
      .prepare(
        `SELECT seq, at, actor_account_id AS actorAccountId, actor_username AS actorUsername, action, subject, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq`,
      )
      .all() as ChainedEntry[];
    let prev = GENESIS_HASH;
    const update = sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
    const hashes = new Map<number, string>();
    for (const row of rows) {
      const hash = digest(canonicalEntryText(prev, row));
      update.run(prev, hash, row.seq);
      hashes.set(row.seq, hash);
      prev = hash;
    }
    sqlite.prepare('UPDATE audit_head SET seq = ?, hash = ?').run(rows.at(-1)!.seq, prev);
    if (forgeAnchorSetting) {
      // The careful forger also makes the counter's own copy of the anchor agree with the rewritten log.
      const stored = JSON.parse(sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(AUDIT_ANCHOR_SETTING) as string);
      stored.anchor.hash = hashes.get(stored.anchor.seq);
      sqlite.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify(stored), AUDIT_ANCHOR_SETTING);
    }
  } finally {
    sqlite.close();
  }
}

describe('audit chain anchored at the gateway (finding 6)', () => {
  it('anchors the head at every sync; a log rewritten with the key is found by quay doctor and by the province', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = await openCounter(dataDir);
    await first.must('app.createFirstAdmin', ADMIN);
    await first.must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    await first.must('site.update', SITE);
    const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 1' });
    const enrolled = await first.must('sync.enroll', { gatewayUrl: gateway.url, code, counterName: 'Quầy 1' });
    await first.must('sync.now');
    // A second pass anchors the entries the first one recorded, proving the first anchor still holds.
    await first.must('auth.lockScreen');
    await first.must('auth.unlockScreen', { password: ADMIN.password });
    expect((await first.must('sync.now')).lastError).toBeNull();
    const head = first.core.database.sqlite.prepare('SELECT seq, hash FROM audit_head').get() as { seq: number; hash: string };
    await first.core.close();

    const province = await runAdminRequest(gateway.database.db, { command: 'audit-verify', deviceId: enrolled.deviceId });
    expect(province).toMatchObject({ report: { known: true, lastAnchor: { seq: head.seq, hash: head.hash }, rewrites: [] } });
    expect((province as any).report.anchoredCount).toBeGreaterThanOrEqual(2);
    const intact = await doctorJson(dataDir);
    expect(intact.report.auditAnchor).toMatchObject({ anchored: { seq: head.seq, hash: head.hash }, holds: true, problem: null });

    // Rewritten after the anchor, with the key: the chain verifies, but the anchored entry has another hash now.
    rewriteWithKey(dataDir, 2, false);
    const offline = await doctorJson(dataDir);
    expect(offline.report.auditChain).toMatchObject({ ok: true });
    expect(offline.code).toBe(1);
    expect(offline.report.auditAnchor).toMatchObject({
      holds: false,
      problem: { code: 'AUDIT_ANCHOR_MISMATCH', message: expect.stringContaining('Nhật ký thao tác của máy này đã bị sửa') },
    });

    // The forger also fixes the local copy of the anchor: the doctor is fooled, the gateway is not.
    rewriteWithKey(dataDir, 3, true);
    expect((await doctorJson(dataDir)).report.auditAnchor).toMatchObject({ holds: true, problem: null });
    const again = await openCounter(dataDir);
    await again.must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await again.must('sync.now')).lastError).toBeNull();
    await again.core.close();

    const found = await runAdminRequest(gateway.database.db, { command: 'audit-verify', deviceId: enrolled.deviceId });
    // One rewritten row per new head the counter sent while its log no longer held the anchor (the background pass may add one).
    expect(found).toMatchObject({ report: { lastAnchor: { seq: head.seq, hash: head.hash } } });
    expect((found as any).report.rewrites.length).toBeGreaterThanOrEqual(1);
    for (const rewrite of (found as any).report.rewrites) expect(rewrite).toMatchObject({ proofSeq: head.seq });
    expect((found as any).report.rewrites[0].proofHash).not.toBe(head.hash);
    const printed = presentAdminAnswer(found, { json: false });
    expect(printed.exitCode).toBe(1);
    expect(printed.lines.join('\n')).toContain(`REWRITTEN: at `);
    expect(presentAdminAnswer(province, { json: false })).toMatchObject({ exitCode: 0 });
    expect(await runCentralCli(['audit', 'verify'], () => undefined)).toBe(2);
    const after = await doctorJson(dataDir);
    expect(after.code).toBe(1);
    expect(after.report.auditAnchor).toMatchObject({
      gatewayVerdict: 'rewritten',
      problem: { code: 'AUDIT_ANCHOR_MISMATCH' },
    });
    const [before, rest] = errorMessages.AUDIT_ANCHOR_MISMATCH.split('{at}') as [string, string];
    expect(after.report.auditAnchor.problem.message.startsWith(before.replace('{seq}', String(head.seq)))).toBe(true);
    expect(after.report.auditAnchor.problem.message.endsWith(rest)).toBe(true);
  }, 120_000);

  it('keeps the province’s anchors append-only', async () => {
    expect((await gateway.database.db.select().from(auditAnchors)).length).toBeGreaterThan(0);
    await expect(gateway.database.db.delete(auditAnchors)).rejects.toThrow();
    await expect(gateway.database.db.update(auditAnchors).set({ hash: '0'.repeat(64) })).rejects.toThrow();
  });
});
