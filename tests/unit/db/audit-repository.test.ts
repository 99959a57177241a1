import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../db/migrate';
import { openDatabase } from '../../../db/open';
import { AuditRepository } from '../../../db/repositories/audit-repository';
import { verifyChain } from '../../../shared/audit/audit-chain';
import { sha256Hex } from '../../../electron/core/platform/node-sha256';
import { repoRoot, tempDir } from '../../helpers/test-core';

function auditDb(entries = 5) {
  const opened = openDatabase(path.join(tempDir(), 'quay.sqlite'));
  applyMigrations(opened.sqlite, path.join(repoRoot, 'db', 'migrations'));
  const repo = new AuditRepository(opened.db, sha256Hex);
  for (let i = 1; i <= entries; i++) {
    repo.append({
      at: `2026-02-0${i}T08:00:00.000Z`,
      actorAccountId: 'a1',
      actorUsername: 'quantri',
      action: 'auth.signedIn',
      subject: `Phạm Thị ${i}`,
      details: JSON.stringify({ i }),
    });
  }
  const verify = () => verifyChain(repo.iterateAll(), repo.head(), sha256Hex);
  return { ...opened, repo, verify };
}

describe('AuditRepository', () => {
  it('appends entries with consecutive seq numbers and moves the head', () => {
    const { repo, verify } = auditDb(3);
    expect(repo.list(10).map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(repo.head()?.seq).toBe(3);
    expect(verify()).toEqual({ ok: true, checked: 3, firstBadSeq: null, problem: null });
  });

  it('pages backwards with beforeSeq', () => {
    const { repo } = auditDb(5);
    expect(repo.list(2, 4).map((e) => e.seq)).toEqual([3, 2]);
  });

  it('refuses UPDATE and DELETE at the database level', () => {
    const { sqlite } = auditDb();
    expect(() => sqlite.exec(`UPDATE audit_log SET action = 'x' WHERE seq = 2`)).toThrow(/append-only/);
    expect(() => sqlite.exec(`DELETE FROM audit_log WHERE seq = 5`)).toThrow(/append-only/);
  });

  it('detects an entry edited around the triggers', () => {
    const { sqlite, verify } = auditDb();
    sqlite.exec(`DROP TRIGGER audit_log_no_update`);
    sqlite.exec(`UPDATE audit_log SET subject = 'Người khác' WHERE seq = 2`);
    expect(verify()).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'hashMismatch' });
  });

  it('detects a deleted entry and a deleted tail', () => {
    const middle = auditDb();
    middle.sqlite.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3`);
    expect(middle.verify()).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'brokenLink' });

    const tail = auditDb();
    tail.sqlite.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= 4`);
    expect(tail.verify()).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'missingTail' });
  });

  it('rolls back the entry when the surrounding transaction fails', () => {
    const { sqlite, repo, verify } = auditDb(2);
    expect(() =>
      sqlite.transaction(() => {
        repo.append({
          at: '2026-02-10T00:00:00.000Z',
          actorAccountId: null,
          actorUsername: null,
          action: 'admin.accountCreated',
          subject: 'x',
          details: '{}',
        });
        throw new Error('the change it describes failed');
      })(),
    ).toThrow();
    expect(repo.head()?.seq).toBe(2);
    expect(verify().ok).toBe(true);
  });
});
