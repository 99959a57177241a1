import { describe, expect, it } from 'vitest';
import { khaiSinhDraft, startReception, type TestCore } from '../../helpers/test-core';

async function receive(t: TestCore) {
  return (await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) })).dossier;
}

/** Rewrites a dossier's stored view the way an older build or a damaged file would have left it. */
function rewriteStoredView(t: TestCore, id: string, change: (stored: Record<string, unknown>) => unknown) {
  const sqlite = t.core.database.sqlite;
  const text = sqlite.prepare('select view from dossiers where id = ?').pluck().get(id) as string;
  const stored: unknown = JSON.parse(text);
  sqlite.prepare('update dossiers set view = ? where id = ?').run(JSON.stringify(change(stored as Record<string, unknown>)), id);
}

describe('stored dossier views through the core', () => {
  it('open a view stored before versions existed exactly as received', async () => {
    const t = await startReception();
    const dossier = await receive(t);
    rewriteStoredView(t, dossier.id, ({ schemaVersion: _version, ...v1 }) => v1);
    expect(await t.must('admin-window', 'dossier.open', { id: dossier.id })).toEqual(dossier);
    expect((await t.must('admin-window', 'dossier.search', { text: dossier.code })).map((d: { code: string }) => d.code)).toEqual([
      dossier.code,
    ]);
  });

  it('answer a view of the wrong shape with STORED_DATA_INVALID naming the dossier, and keep serving the others', async () => {
    const t = await startReception();
    const damaged = await receive(t);
    const healthy = await receive(t);
    rewriteStoredView(t, damaged.id, (stored) => ({ ...stored, components: 'không phải danh sách' }));
    const opened = await t.call('admin-window', 'dossier.open', { id: damaged.id });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('STORED_DATA_INVALID');
    expect(opened.error.message).toContain(damaged.code);
    expect(opened.error.message).toContain('components');
    expect(await t.must('admin-window', 'dossier.open', { id: healthy.id })).toEqual(healthy);
  });
});
