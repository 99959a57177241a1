import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const MASTER_KEY_ENV = 'QUAY_CENTRAL_KEY';
const MIN_KEY_BYTES = 32;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The key every gateway instance derives device secrets from. Instances sharing one PostgreSQL
 * must share it (QUAY_CENTRAL_KEY, base64); the embedded set-up keeps it beside its data.
 */
export function loadMasterKey(options: { dataDir?: string; keyFile?: string; env?: NodeJS.ProcessEnv }): Buffer {
  const fromEnv = (options.env ?? process.env)[MASTER_KEY_ENV];
  if (fromEnv) return checkedKey(Buffer.from(fromEnv, 'base64'), MASTER_KEY_ENV);
  const file = options.keyFile ?? (options.dataDir ? path.join(options.dataDir, 'gateway.key') : null);
  if (!file) {
    throw new Error(`no master key: set ${MASTER_KEY_ENV} (base64, ${MIN_KEY_BYTES}+ bytes) or pass --key-file`);
  }
  if (!fs.existsSync(file)) {
    if (options.keyFile) throw new Error(`key file not found: ${file}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(MIN_KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return checkedKey(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'), file);
}

function checkedKey(key: Buffer, source: string): Buffer {
  if (key.byteLength < MIN_KEY_BYTES) throw new Error(`master key from ${source} is shorter than ${MIN_KEY_BYTES} bytes`);
  return key;
}

export function deviceSecret(masterKey: Buffer, deviceId: string): string {
  return createHmac('sha256', masterKey).update(`device-secret\n${deviceId}`).digest('base64url');
}

export function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

export function equalHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.byteLength === right.byteLength && left.byteLength > 0 && timingSafeEqual(left, right);
}

/** Crockford base32 without I, L, O, U: nothing an officer can misread when typing it. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 15 symbols, 75 bits: guessing one within its lifetime is out of reach. */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(15);
  const symbols = Array.from(bytes, (b) => CODE_ALPHABET[b & 31]).join('');
  return `${symbols.slice(0, 5)}-${symbols.slice(5, 10)}-${symbols.slice(10)}`;
}

export { normalizeEnrolmentCode } from '../shared/sync/response-signature';
