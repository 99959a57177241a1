import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, readJournal } from '../../../db/migrate';
import { openDatabase } from '../../../db/open';
import { parseStoredDossierView } from '../../../shared/reception/stored-dossier-view';
import { dossier, site } from '../../helpers/form-fixtures';
import { truncatedCopy } from '../../helpers/migrations';
import { repoRoot, tempDir } from '../../helpers/test-core';

const realMigrations = path.join(repoRoot, 'db', 'migrations');

/** A counter database just before 0009, its site on the 2025 set chosen by hand, with one received dossier. */
function populatedBeforeSnapshot(storedSite: object | null) {
  const opened = openDatabase(path.join(tempDir(), 'test.sqlite'));
  const before = readJournal(realMigrations).findIndex((entry) => entry.tag === '0009_reception_snapshot');
  applyMigrations(opened.sqlite, truncatedCopy(realMigrations, before));
  if (storedSite) {
    opened.sqlite
      .prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('site', ?, '2026-01-01T00:00:00Z')`)
      .run(JSON.stringify(storedSite));
  }
  const { site: _none, ...view } = dossier();
  opened.sqlite
    .prepare(
      `INSERT INTO dossiers (id, code, procedure_code, status, owner_identifier, owner_name, owner_phone, search_text, received_at, received_date, due_local, officer_account_id, register_book, register_number, view, updated_at)
       VALUES (?, ?, '1.001', 2, NULL, 'x', '', 'x', '2026-03-02T01:00:00Z', '2026-03-02', NULL, NULL, '2026', 1, ?, '2026-03-02T01:00:00Z')`,
    )
    .run(view.id, view.code, JSON.stringify({ schemaVersion: 2, ...view }));
  return { sqlite: opened.sqlite, view };
}

describe('migration 0009_reception_snapshot', () => {
  it('stamps the site as configured into dossiers received before, and turns the chosen set into a dated schedule', () => {
    const { sqlite, view } = populatedBeforeSnapshot({ ...site, formSet: '2025' });
    applyMigrations(sqlite, realMigrations);

    const stored = JSON.parse(sqlite.prepare(`SELECT value FROM settings WHERE key = 'site'`).pluck().get() as string);
    expect(stored.formSet).toBeUndefined();
    expect(stored.formSets).toEqual([{ set: '2025', from: '2018-01-01' }]);
    expect(stored.agencyName).toBe(site.agencyName);

    const text = sqlite.prepare(`SELECT view FROM dossiers`).pluck().get() as string;
    expect(parseStoredDossierView(text, view.code)).toEqual({ ...view, site: { ...site, formSet: '2025' } });
  });

  it('leaves dossiers alone when the site was never configured: they print with the site of the day, as before', () => {
    const { sqlite, view } = populatedBeforeSnapshot({ agencyCode: site.agencyCode });
    applyMigrations(sqlite, realMigrations);
    const text = sqlite.prepare(`SELECT view FROM dossiers`).pluck().get() as string;
    expect(parseStoredDossierView(text, view.code).site).toBeUndefined();
    expect(sqlite.prepare(`SELECT value FROM settings`).pluck().get()).toBe(JSON.stringify({ agencyCode: site.agencyCode }));
  });
});
