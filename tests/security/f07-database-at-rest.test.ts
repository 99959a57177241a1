import fs from 'node:fs';
import path from 'node:path';
import PlainSqlite from 'better-sqlite3';
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptDatabaseInPlace, isPlainDatabase, type EncryptStep } from '../../db/encrypt-in-place';
import { applyDatabaseKey } from '../../db/open';
import { databasePath, fileAtRestKeys, openCounterDatabase } from '../../electron/core/platform/data-at-rest-key';
import { CITIZEN, khaiSinhDraft, startReception, tempDir } from '../helpers/test-core';

/** Issue 17 finding 7: names, ID numbers and the FTS index sit in an SQLCipher database, never in clear. */

function bytesOnDisk(dataDir: string): Buffer {
  const file = databasePath(dataDir);
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

function holdsInClear(bytes: Buffer, text: string): boolean {
  return bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));
}

/** A counter with two accepted dossiers, closed; its database as the core left it (WAL included). */
async function populatedCounter(): Promise<{ dataDir: string; codes: string[] }> {
  const t = await startReception({ dataDir: path.join(tempDir(), 'data') });
  const codes: string[] = [];
  for (let i = 0; i < 2; i++)
    codes.push((await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) })).dossier.code);
  t.core.close();
  return { dataDir: t.dataDir, codes };
}

/** What an older build left: the same data in a plain SQLite file (WAL mode), and no at-rest secret. */
function decryptToPlain(dataDir: string): void {
  const file = databasePath(dataDir);
  const sqlite = new Database(file);
  applyDatabaseKey(sqlite, fileAtRestKeys(dataDir).database);
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma(`rekey = ''`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  fs.rmSync(path.join(dataDir, 'keys', 'data-at-rest.key'));
}

function ownerCodes(dataDir: string): string[] {
  const { sqlite } = openCounterDatabase(dataDir);
  try {
    return (sqlite.prepare('SELECT code FROM dossiers ORDER BY code').all() as { code: string }[]).map((row) => row.code);
  } finally {
    sqlite.close();
  }
}

let counter: { dataDir: string; codes: string[] };
let plainCounter: string;

beforeAll(async () => {
  counter = await populatedCounter();
  plainCounter = path.join(tempDir(), 'plain');
  fs.cpSync(counter.dataDir, plainCounter, { recursive: true });
  decryptToPlain(plainCounter);
}, 120_000);

describe('the counter database at rest', () => {
  it('holds no name or ID number a reader without the key can find, and plain SQLite cannot open it', () => {
    const bytes = bytesOnDisk(counter.dataDir);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    for (const text of [CITIZEN.idNumber, CITIZEN.fullName, 'Nhung', counter.codes[0]!]) expect(holdsInClear(bytes, text)).toBe(false);
    const plain = new PlainSqlite(databasePath(counter.dataDir), { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM dossiers').get()).toThrow(/not a database/);
    plain.close();
    expect(ownerCodes(counter.dataDir)).toEqual([...counter.codes].sort());
  });

  it('refuses the database under another key as corrupt, and never makes a new key over an encrypted file', () => {
    const copy = path.join(tempDir(), 'copy');
    fs.cpSync(counter.dataDir, copy, { recursive: true });
    fs.rmSync(path.join(copy, 'keys', 'data-at-rest.key'));
    expect(() => openCounterDatabase(copy)).toThrow(expect.objectContaining({ code: 'DB_CORRUPT' }));
    expect(fs.existsSync(path.join(copy, 'keys', 'data-at-rest.key'))).toBe(false);
  });

  it("encrypts an older build's plain database in place on open, with every row and the search index", () => {
    const dataDir = path.join(tempDir(), 'upgrade');
    fs.cpSync(plainCounter, dataDir, { recursive: true });
    expect(isPlainDatabase(databasePath(dataDir))).toBe(true);
    expect(holdsInClear(bytesOnDisk(dataDir), CITIZEN.idNumber)).toBe(true);
    const { sqlite } = openCounterDatabase(dataDir);
    const found = sqlite.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number };
    sqlite.close();
    expect(found.n).toBeGreaterThan(10);
    expect(isPlainDatabase(databasePath(dataDir))).toBe(false);
    expect(holdsInClear(bytesOnDisk(dataDir), CITIZEN.idNumber)).toBe(false);
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('encrypting'))).toEqual([]);
    expect(ownerCodes(dataDir)).toEqual([...counter.codes].sort());
  });

  const steps: EncryptStep[] = ['flattened', 'copied', 'encrypted', 'verified', 'synced', 'renamed'];
  it.each(steps)('loses nothing when the encryption stops after %s, and the next start finishes it', (failAt) => {
    const dataDir = path.join(tempDir(), `crash-${failAt}`);
    fs.cpSync(plainCounter, dataDir, { recursive: true });
    const keys = fileAtRestKeys(dataDir);
    expect(() =>
      encryptDatabaseInPlace(databasePath(dataDir), keys.database, {
        after: (step) => {
          if (step === failAt) throw new Error(`power cut after ${step}`);
        },
      }),
    ).toThrow(/power cut/);
    // Under the real name: still the plain database until the rename, the verified encrypted one from it on.
    expect(isPlainDatabase(databasePath(dataDir))).toBe(failAt !== 'renamed');
    expect(ownerCodes(dataDir)).toEqual([...counter.codes].sort());
    expect(isPlainDatabase(databasePath(dataDir))).toBe(false);
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('encrypting'))).toEqual([]);
  });
});
