import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { z } from 'zod';
import { isPlainDatabase } from '../../../db/encrypt-in-place';
import { databasePath, DATA_AT_REST_KEY_FILE } from '../../core/platform/data-at-rest-key';
import { keyFolder } from '../../core/platform/key-store';
import { writePrivateFile } from '../../core/sync/credential-store';
import { logDiagnostic } from './diagnostic-log';

export const ENCRYPTED_AT_REST_SECRET_FILE = `${DATA_AT_REST_KEY_FILE}.enc`;

const storedSecretSchema = z.object({ secret: z.string().regex(/^[0-9a-f]{64}$/) });

async function keep(file: string, secret: Buffer): Promise<void> {
  const folder = path.dirname(file);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  writePrivateFile(file, await safeStorage.encryptStringAsync(JSON.stringify({ secret: secret.toString('hex') })));
}

/**
 * The secret that encrypts the database and stored files (issue 17 finding 7), kept with the OS key store through
 * safeStorage (DPAPI, Keychain, the Secret Service or kwallet) in a 0600 file under keys/, so a copy of the data folder
 * alone cannot open anything. Called only where keyStoreCredentials found a real key store. A 0600 secret file the core
 * made earlier (or a restore brought back) is taken over and then removed. Returns null, and the core keeps its own
 * 0600 file, when the key store cannot read what it holds: the core then refuses an encrypted database it cannot open
 * rather than make a new secret over it.
 */
export async function keyStoreAtRestSecret(dataDir: string): Promise<Buffer | null> {
  const folder = keyFolder(dataDir);
  const wrapped = path.join(folder, ENCRYPTED_AT_REST_SECRET_FILE);
  const plain = path.join(folder, DATA_AT_REST_KEY_FILE);
  if (fs.existsSync(wrapped)) {
    try {
      const { result } = await safeStorage.decryptStringAsync(fs.readFileSync(wrapped));
      return Buffer.from(storedSecretSchema.parse(JSON.parse(result)).secret, 'hex');
    } catch (error) {
      logDiagnostic('error', `the at-rest secret in ${wrapped} could not be read with the OS key store`, error);
      return null;
    }
  }
  if (fs.existsSync(plain)) {
    const secret = fs.readFileSync(plain);
    await keep(wrapped, secret);
    fs.rmSync(plain);
    return secret;
  }
  const database = databasePath(dataDir);
  if (fs.existsSync(database) && fs.statSync(database).size > 0 && !isPlainDatabase(database)) return null;
  const secret = randomBytes(32);
  await keep(wrapped, secret);
  return secret;
}
