import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { BlobStore } from '../../central/blobs';
import { openCentralDatabase } from '../../central/db/open';
import { FileStore } from '../../electron/core/platform/file-store';
import { PDF_BASE64, startTestCore } from '../helpers/test-core';

/** Issue 17 finding 7 (permissions): personal data at rest is not readable by other users of the PC or server. */
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const mode = (file: string) => fs.statSync(file).mode & 0o777;
/** A parent folder as permissive as a default umask leaves it, so the checks see what the app itself sets. */
function openParent(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-private-'));
  fs.chmodSync(dir, 0o755);
  temps.push(dir);
  return dir;
}

describe('files at rest (finding 7)', () => {
  it('counter: data folder and file store 0700, database and its WAL and stored files 0600', async () => {
    const dataDir = path.join(openParent(), 'data');
    const t = await startTestCore(dataDir);
    try {
      await t.must('x', 'app.createFirstAdmin', { username: 'quantri', fullName: 'Quản Trị', password: 'QuanTri2026' });
      await t.must('x', 'auth.signIn', { username: 'quantri', password: 'QuanTri2026' });
      const stored = await t.must('x', 'reception.storeFile', { fileName: 'cccd.pdf', dataBase64: PDF_BASE64 });
      expect(mode(dataDir)).toBe(0o700);
      for (const file of ['quay.sqlite', 'quay.sqlite-wal', 'quay.sqlite-shm']) expect(mode(path.join(dataDir, file)), file).toBe(0o600);
      const store = new FileStore(dataDir);
      expect(mode(path.join(dataDir, 'files'))).toBe(0o700);
      expect(mode(path.dirname(store.pathOf(stored.sha256)))).toBe(0o700);
      expect(mode(store.pathOf(stored.sha256))).toBe(0o600);
    } finally {
      t.core.close();
    }
  });

  it('counter: tightens a database and file store an older build left readable by everyone', async () => {
    const dataDir = path.join(openParent(), 'data');
    fs.mkdirSync(path.join(dataDir, 'files'), { recursive: true, mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'files'), 0o755);
    fs.writeFileSync(path.join(dataDir, 'quay.sqlite'), '', { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, 'quay.sqlite'), 0o644);
    const t = await startTestCore(dataDir);
    t.core.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'quay.sqlite'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'files'))).toBe(0o700);
  });

  it('gateway: PGlite and blob folders 0700, blobs 0600', async () => {
    const dataDir = path.join(openParent(), 'central');
    fs.cpSync(inject('centralTemplate'), dataDir, { recursive: true });
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'pg'), 0o755);
    const database = await openCentralDatabase({ dataDir });
    try {
      await database.migrate();
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'pg'))).toBe(0o700);
      const blobDir = path.join(dataDir, 'blobs');
      const store = new BlobStore(database.db, blobDir);
      const bytes = randomBytes(64);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await store.storeWhole([{ sha256, bytes }], { agencyCode: '000.00.06.H56', actsFor: new Set(['000.00.06.H56']) });
      expect(mode(blobDir)).toBe(0o700);
      expect(mode(path.dirname(store.filePath(sha256)))).toBe(0o700);
      expect(mode(store.filePath(sha256))).toBe(0o600);
    } finally {
      await database.close();
    }
  });
});
