import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../db/migrate';
import { openDatabase } from '../../../db/open';
import { DossierRatingRepository, type DossierRatingRow } from '../../../db/repositories/dossier-rating-repository';
import { AppError } from '../../../shared/ipc/result';
import { repoRoot, tempDir } from '../../helpers/test-core';

function store() {
  const { db, sqlite } = openDatabase(path.join(tempDir(), 'quay.sqlite'));
  applyMigrations(sqlite, path.join(repoRoot, 'db', 'migrations'));
  const insertDossier = sqlite.prepare(
    `INSERT INTO dossiers (id, code, procedure_code, status, owner_name, owner_phone, search_text, received_at, received_date, register_book, register_number, view, updated_at)
     VALUES (?, ?, '1.001', 2, 'Nguyễn Văn An', '', '', '2026-12-01T02:00:00Z', '2026-12-01', '2026', ?, '{}', '2026-12-01T02:00:00Z')`,
  );
  insertDossier.run('d1', '000.00.06.H56-261201-0001', 1);
  insertDossier.run('d2', '000.00.06.H56-261201-0002', 2);
  return { repo: new DossierRatingRepository(db), sqlite };
}

const rating = (over: Partial<DossierRatingRow>): DossierRatingRow => ({
  id: 'r1',
  dossierId: 'd1',
  stage: 'reception',
  rating: 'satisfied',
  reasons: '[]',
  ratedAt: '2026-12-01T02:05:00.000Z',
  counterId: 'device-1',
  officerId: null,
  ...over,
});

describe('dossier ratings', () => {
  it('keeps the first rating of a dossier per stage and reads the reasons back as criteria keys', () => {
    const { repo } = store();
    expect(repo.insert(rating({ rating: 'dissatisfied', reasons: '["guidance","staffConduct"]' }))).toBe(true);
    expect(repo.insert(rating({ id: 'r2', rating: 'satisfied' }))).toBe(false);
    expect(repo.insert(rating({ id: 'r3', stage: 'return', ratedAt: '2026-12-05T09:00:00.000Z' }))).toBe(true);
    expect(repo.forDossier('d1')).toEqual([
      expect.objectContaining({ id: 'r1', rating: 'dissatisfied', reasons: ['guidance', 'staffConduct'], counterId: 'device-1' }),
      expect.objectContaining({ id: 'r3', stage: 'return', reasons: [] }),
    ]);
  });

  it('counts the ratings of a period by level, the end excluded', () => {
    const { repo } = store();
    repo.insert(rating({ id: 'a', dossierId: 'd1', ratedAt: '2026-11-30T16:59:59.999Z' }));
    repo.insert(rating({ id: 'b', dossierId: 'd2', rating: 'neutral', ratedAt: '2026-11-30T17:00:00.000Z' }));
    repo.insert(
      rating({
        id: 'c',
        dossierId: 'd1',
        stage: 'return',
        rating: 'dissatisfied',
        reasons: '["handlingTime"]',
        ratedAt: '2026-12-31T16:59:59.000Z',
      }),
    );
    repo.insert(rating({ id: 'd', dossierId: 'd2', stage: 'return', ratedAt: '2026-12-31T17:00:00.000Z' }));
    // December 2026 in Vietnam time, as UTC instants.
    expect(repo.countsBetween('2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z')).toEqual({
      satisfied: 0,
      neutral: 1,
      dissatisfied: 1,
    });
    expect(repo.between('2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z').map((r) => [r.id, r.dossierCode])).toEqual([
      ['b', '000.00.06.H56-261201-0002'],
      ['c', '000.00.06.H56-261201-0001'],
    ]);
  });

  it('refuses a rating of a dossier it does not hold', () => {
    const { repo } = store();
    expect(() => repo.insert(rating({ dossierId: 'nope' }))).toThrow(/FOREIGN KEY/);
  });

  it('reports stored reasons that are not criteria keys as damaged data', () => {
    const { repo, sqlite } = store();
    repo.insert(rating({}));
    sqlite.prepare(`UPDATE dossier_ratings SET reasons = '["bogus"]'`).run();
    let error: unknown;
    try {
      repo.forDossier('d1');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORED_DATA_INVALID');
  });
});
