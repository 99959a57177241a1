import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** One path holding personal data and whether only its owner can reach it. */
export interface PermissionCheck {
  path: string;
  /** Octal, as `ls -l` users read it: '0700'. */
  mode: string;
  private: boolean;
}

/**
 * How personal data sits on this disk (issue 17 finding 7), read without changing anything: whether the database file
 * is SQLite in clear, how many sampled stored files are readable as they are (their bytes hash to their name), and
 * the permissions of the data folder, the database and its companions and the file store.
 */
export interface AtRestReport {
  database: { encrypted: boolean } | null;
  /** `encrypted`: no sampled file is readable as it is. */
  files: { sampled: number; inClear: number; encrypted: boolean };
  /** Null on Windows, where access is by ACL, not mode bits. */
  permissions: PermissionCheck[] | null;
  permissionsOk: boolean;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const FILE_SAMPLE = 20;

function permissionOf(file: string): PermissionCheck | null {
  let mode: number;
  try {
    mode = fs.statSync(file).mode & 0o777;
  } catch {
    return null;
  }
  return { path: file, mode: `0${mode.toString(8).padStart(3, '0')}`, private: (mode & 0o077) === 0 };
}

function databaseEncrypted(file: string): boolean | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    // An empty file is a database SQLite has not written yet: nothing in it, nothing in clear.
    return read === 0 ? false : !head.subarray(0, read).equals(SQLITE_HEADER.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
}

function sampleStoredFiles(root: string): AtRestReport['files'] {
  let sampled = 0;
  let inClear = 0;
  const folders = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => /^[0-9a-f]{2}$/.test(name)) : [];
  for (const folder of folders.sort()) {
    for (const name of fs.readdirSync(path.join(root, folder)).filter((n) => /^[0-9a-f]{62}$/.test(n))) {
      if (sampled >= FILE_SAMPLE) return { sampled, inClear, encrypted: inClear === 0 };
      sampled++;
      const bytes = fs.readFileSync(path.join(root, folder, name));
      if (createHash('sha256').update(bytes).digest('hex') === folder + name) inClear++;
    }
  }
  return { sampled, inClear, encrypted: inClear === 0 };
}

export function checkAtRest(dataDir: string, databaseFile: string): AtRestReport {
  const encrypted = databaseEncrypted(databaseFile);
  const files = sampleStoredFiles(path.join(dataDir, 'files'));
  if (process.platform === 'win32')
    return { database: encrypted === null ? null : { encrypted }, files, permissions: null, permissionsOk: true };
  const candidates = [dataDir, databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`, path.join(dataDir, 'files')];
  const permissions = candidates.map(permissionOf).filter((check): check is PermissionCheck => check !== null);
  return {
    database: encrypted === null ? null : { encrypted },
    files,
    permissions,
    permissionsOk: permissions.every((check) => check.private),
  };
}
