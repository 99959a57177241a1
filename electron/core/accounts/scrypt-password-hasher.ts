import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from './password-hasher';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt floor (N = 2^17, r = 8, p = 1): 128 MiB and a few hundred ms per hash, once per sign-in. */
export const PRODUCTION_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/** For tests only; stored hashes carry their own cost, so both verify the same way. */
export const FAST_SCRYPT_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

/**
 * What a stored hash may ask for. Hashes arrive from the province's feed and from old databases, so
 * their parameters are input: a hash asking for 2^20 × r = 2^20 (128 GiB) or p = 2^20 (hours) would
 * stall or kill the core at sign-in. N stays a power of two from FAST up to 2^20, memory
 * (128·N·r) at most 256 MiB and p small; anything else simply does not verify.
 */
export const VERIFY_BOUNDS = { minLogN: 10, maxLogN: 20, maxR: 32, maxP: 4, maxMemoryBytes: 256 * 1024 * 1024 } as const;

export function acceptableCost({ N, r, p }: ScryptCost): boolean {
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return false;
  const logN = Math.log2(N);
  return (
    Number.isInteger(logN) &&
    logN >= VERIFY_BOUNDS.minLogN &&
    logN <= VERIFY_BOUNDS.maxLogN &&
    r <= VERIFY_BOUNDS.maxR &&
    p <= VERIFY_BOUNDS.maxP &&
    128 * N * r <= VERIFY_BOUNDS.maxMemoryBytes
  );
}

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Format: `scrypt$N$r$p$salt(base64)$key(base64)`. */
export class ScryptPasswordHasher implements PasswordHasher {
  constructor(private readonly cost: ScryptCost = PRODUCTION_SCRYPT_COST) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, this.cost);
    const { N, r, p } = this.cost;
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    if (!parts.slice(1, 4).every((part) => /^\d{1,8}$/.test(part))) return false;
    const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
    if (!acceptableCost({ N, r, p })) return false;
    const salt = Buffer.from(parts[4]!, 'base64');
    const expected = Buffer.from(parts[5]!, 'base64');
    if (expected.length !== KEY_LENGTH) return false;
    const actual = await derive(password, salt, { N, r, p });
    return timingSafeEqual(actual, expected);
  }
}
