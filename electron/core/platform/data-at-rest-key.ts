import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { encryptDatabaseInPlace, isPlainDatabase } from '../../../db/encrypt-in-place';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { AppError } from '../../../shared/ipc/result';
import { FileKeyStore, keyFolder, type KeyStore } from './key-store';

const KEY_NAME = 'data-at-rest';

/** The key's file in a FileKeyStore folder (harness, CLI, tests, and Electron where the OS has no key store). */
export const DATA_AT_REST_KEY_FILE = `${KEY_NAME}.key`;

export const DATABASE_FILE_NAME = 'quay.sqlite';

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

/** The two keys drawn from the one stored secret: SQLCipher's and the file store's AES-256-GCM key. */
export interface AtRestKeys {
  database: Buffer;
  files: Buffer;
}

export function deriveAtRestKeys(secret: Buffer): AtRestKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
  return { database: derive('quay database'), files: derive('quay file store') };
}

export function readDataAtRestSecret(store: KeyStore): Buffer | null {
  const stored = store.read(KEY_NAME);
  if (stored && stored.byteLength !== 32)
    throw new AppError('STORED_DATA_INVALID', { what: 'keys', key: DATA_AT_REST_KEY_FILE, details: 'not 32 bytes' });
  return stored;
}

/**
 * The secret that encrypts personal data at rest (issue 17 finding 7), made on first use. Never made while a database
 * that is not plain SQLite exists: encrypted under a lost secret or damaged, a new secret could open neither, and the
 * file is reported as DB_CORRUPT (restore from a backup, which carries its secret) and left untouched.
 */
export function dataAtRestSecret(store: KeyStore, dataDir: string): Buffer {
  const existing = readDataAtRestSecret(store);
  if (existing) return existing;
  const database = databasePath(dataDir);
  if (fs.existsSync(database) && fs.statSync(database).size > 0 && !isPlainDatabase(database))
    throw new AppError('DB_CORRUPT', { path: database });
  try {
    store.create(KEY_NAME, randomBytes(32));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readDataAtRestSecret(store)!;
}

/** The secret as the harness, the CLI and tests keep it: a 0600 file under the data folder's keys/. */
export function fileAtRestSecret(dataDir: string): Buffer {
  return dataAtRestSecret(new FileKeyStore(keyFolder(dataDir)), dataDir);
}

export function fileAtRestKeys(dataDir: string): AtRestKeys {
  return deriveAtRestKeys(fileAtRestSecret(dataDir));
}

/**
 * Opens a counter's database encrypted, encrypting a plain one left by an older build first (db/encrypt-in-place.ts).
 * `keys: null` keeps it plain: only benchmarks measure that baseline.
 */
export function openCounterDatabase(dataDir: string, keys: AtRestKeys | null = fileAtRestKeys(dataDir)): OpenedDatabase {
  const file = databasePath(dataDir);
  if (!keys) return openDatabase(file);
  encryptDatabaseInPlace(file, keys.database);
  return openDatabase(file, { key: keys.database });
}
