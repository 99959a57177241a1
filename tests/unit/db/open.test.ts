import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIntegrity, openDatabase } from '../../../db/open';
import { AppError } from '../../../shared/ipc/result';
import { tempDir } from '../../helpers/test-core';

describe('openDatabase', () => {
  it('sets WAL, foreign keys and a busy timeout', () => {
    const { sqlite } = openDatabase(path.join(tempDir(), 'nested', 'folder', 'a.sqlite'));
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it.each([
    ['random bytes', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251))],
    ['a text file', Buffer.from('Đây không phải cơ sở dữ liệu\n'.repeat(300))],
    ['a truncated SQLite header', Buffer.from('SQLite format 3\0garbage')],
  ])('reports %s as corrupt, in Vietnamese, and leaves the bytes untouched', (_label, bytes) => {
    const file = path.join(tempDir(), 'quay.sqlite');
    fs.writeFileSync(file, bytes);
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('DB_CORRUPT');
    expect((caught as AppError).message).toMatch(/bị hỏng/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reports integrity problems from a damaged page', () => {
    const file = path.join(tempDir(), 'quay.sqlite');
    const { sqlite } = openDatabase(file);
    sqlite.pragma('journal_mode = DELETE');
    sqlite.exec(`CREATE TABLE t (id integer primary key, v text); CREATE INDEX t_v ON t(v);`);
    const insert = sqlite.prepare(`INSERT INTO t (v) VALUES (?)`);
    // One transaction: 2000 committed one by one took 17 s on a busy machine, near the test's limit.
    sqlite.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`giá trị ${i}`);
    })();
    sqlite.close();
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Overwrite the middle of the last page (an index or table leaf) with garbage.
    bytes.fill(0x5a, bytes.length - pageSize + 100, bytes.length - 100);
    fs.writeFileSync(file, bytes);
    const reopened = openDatabase(file);
    expect(checkIntegrity(reopened.sqlite).ok).toBe(false);
  });
});
