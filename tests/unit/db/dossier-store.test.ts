import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../db/migrate';
import { openDatabase } from '../../../db/open';
import { dossierRowFrom, DossierRepository } from '../../../db/repositories/dossier-repository';
import { PartyRepository } from '../../../db/repositories/party-repository';
import { dossiers, parties } from '../../../db/schema';
import { AppError } from '../../../shared/ipc/result';
import type { DossierView } from '../../../shared/reception/dossier-view';
import { DOSSIER_VIEW_VERSION, parseStoredDossierView, serializeDossierView } from '../../../shared/reception/stored-dossier-view';
import { repoRoot, tempDir } from '../../helpers/test-core';

const VIEW: DossierView = {
  id: '0190f3a0-0000-7000-8000-000000000001',
  code: '000.00.06.H56-261204-0001',
  status: 2,
  procedure: { code: '1.001234', name: 'Đăng ký khai sinh', sectorName: 'Hộ tịch', duration: { unit: 'workingDays', value: 3 } },
  owner: {
    kind: 'citizen',
    fullName: 'Nguyễn Văn Đức',
    idNumber: '001099012345',
    oldIdNumber: null,
    taxCode: null,
    dateOfBirth: '1999-05-01',
    sex: 'male',
    address: 'Thôn Đông, xã Hoà Bình',
    issueDate: null,
    phone: '0912345678',
    email: '',
  },
  submitter: null,
  channel: 'direct',
  returnMethod: 'counter',
  returnAddress: null,
  receivedAt: '2026-12-04T01:30:00.000Z',
  receivedLocal: '2026-12-04T08:30',
  dueLocal: '2026-12-09T08:30',
  setsCount: 1,
  components: [
    {
      code: 'TP1',
      name: 'Tờ khai',
      required: true,
      originals: 1,
      copies: 0,
      state: 'attached',
      digitization: 'digitizedHere',
      pageCount: 2,
      reuseRef: null,
      waiveReason: null,
    },
  ],
  fees: [],
  officer: { username: 'canbo', fullName: 'Trần Thị Mai' },
  register: { book: '2026', number: 1 },
  note: '',
  returnedAt: null,
  returnedTo: null,
};

function store() {
  const opened = openDatabase(path.join(tempDir(), 'quay.sqlite'));
  applyMigrations(opened.sqlite, path.join(repoRoot, 'db', 'migrations'));
  /** Writes a row whose view text is exactly `viewText`, as an older build (or a damaged file) left it. */
  const storeRaw = (viewText: string, view: DossierView = VIEW) =>
    opened.db
      .insert(dossiers)
      .values({ ...dossierRowFrom(view, null, view.receivedAt), view: viewText })
      .run();
  const storedText = (id: string) => opened.sqlite.prepare('select view from dossiers where id = ?').pluck().get(id) as string;
  return { ...opened, repo: new DossierRepository(opened.db), storeRaw, storedText };
}

function caught(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('stored dossier views', () => {
  it('are written with the current schema version and read back as the same view', () => {
    const { repo, storedText } = store();
    repo.insert(VIEW, null, VIEW.receivedAt);
    expect(JSON.parse(storedText(VIEW.id))).toMatchObject({ schemaVersion: DOSSIER_VIEW_VERSION, code: VIEW.code });
    expect(repo.findById(VIEW.id)?.view).toEqual(VIEW);
    expect(repo.findByCode(VIEW.code)?.view).toEqual(VIEW);
  });

  it('read a version-1 view stored before versions existed, and write it back as the current version', () => {
    const { repo, storeRaw, storedText } = store();
    storeRaw(JSON.stringify(VIEW));
    const found = repo.findByCode(VIEW.code)!;
    expect(found.view).toEqual(VIEW);
    expect(repo.search({ words: ['duc'], limit: 10 }).map((d) => d.view)).toEqual([VIEW]);
    repo.updateView(
      found.id,
      { ...found.view, status: 10, returnedAt: '2026-12-09T09:00', returnedTo: 'Nguyễn Văn Đức' },
      '2026-12-09T02:00:00.000Z',
    );
    expect(JSON.parse(storedText(VIEW.id))).toMatchObject({
      schemaVersion: DOSSIER_VIEW_VERSION,
      status: 10,
      returnedTo: 'Nguyễn Văn Đức',
    });
    expect(repo.findById(VIEW.id)?.status).toBe(10);
  });

  it('refuse a view of the wrong shape with STORED_DATA_INVALID naming the dossier and the field, in Vietnamese', () => {
    const { repo, storeRaw } = store();
    const { owner: _owner, ...withoutOwner } = VIEW;
    storeRaw(JSON.stringify(withoutOwner));
    const error = caught(() => repo.findByCode(VIEW.code));
    expect(error.code).toBe('STORED_DATA_INVALID');
    expect(error.message).toContain(VIEW.code);
    expect(error.message).toContain('owner');
    expect(error.message).toMatch(/sai định dạng/);
    expect(caught(() => repo.search({ limit: 10 })).code).toBe('STORED_DATA_INVALID');
  });

  it('refuse text that is not JSON, and a view that is not an object', () => {
    const { repo, storeRaw } = store();
    storeRaw('{"code": "000.00.06.H56-261204-0001", ');
    expect(caught(() => repo.findById(VIEW.id)).code).toBe('STORED_DATA_INVALID');
    expect(caught(() => parseStoredDossierView('[1, 2]', VIEW.code)).code).toBe('STORED_DATA_INVALID');
    expect(caught(() => parseStoredDossierView('null', VIEW.code)).code).toBe('STORED_DATA_INVALID');
  });

  it('refuse a field of the wrong type even when the version is current', () => {
    const text = serializeDossierView(VIEW).replace('"setsCount":1', '"setsCount":"một"');
    const error = caught(() => parseStoredDossierView(text, VIEW.code));
    expect(error.code).toBe('STORED_DATA_INVALID');
    expect(error.message).toContain('setsCount');
  });

  it('refuse a view written by a newer build, asking for an update', () => {
    const error = caught(() => parseStoredDossierView(JSON.stringify({ ...VIEW, schemaVersion: DOSSIER_VIEW_VERSION + 1 }), VIEW.code));
    expect(error.code).toBe('DOSSIER_VIEW_TOO_NEW');
    expect(error.message).toContain(VIEW.code);
    expect(caught(() => parseStoredDossierView(JSON.stringify({ ...VIEW, schemaVersion: 'hai' }), VIEW.code)).code).toBe(
      'STORED_DATA_INVALID',
    );
  });
});

describe('stored parties', () => {
  it('come back through partySchema, and a damaged one is STORED_DATA_INVALID', () => {
    const { db } = store();
    const repo = new PartyRepository(db);
    repo.upsert({ id: 'p1', identifier: '001099012345', party: VIEW.owner, updatedAt: VIEW.receivedAt });
    expect(repo.find('citizen', '001099012345')).toEqual(VIEW.owner);
    db.update(parties)
      .set({ details: JSON.stringify({ ...VIEW.owner, sex: 'x' }) })
      .run();
    const error = caught(() => repo.find('citizen', '001099012345'));
    expect(error.code).toBe('STORED_DATA_INVALID');
    expect(error.message).toContain('parties.details');
  });
});
