import { eq, lt } from 'drizzle-orm';
import { canonicalRequest, HEADER, NONCE_PATTERN, SIGNATURE_WINDOW_MS } from '../shared/sync/protocol';
import { SIGNED_HEADER } from '../shared/sync/response-signature';
import type { CentralDb } from './db/open';
import { devices, requestNonces } from './db/schema';
import { deviceSecret, equalHex, hmacHex, sha256Hex } from './credentials';
import { GatewayError } from './errors';
import type { Device } from './commands';

export interface SignedHeaders {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A device whose headers checked out, and the body hash it signed, which the body must match once read. */
export interface AuthenticatedDevice {
  device: Device;
  bodySha256: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function header(request: SignedHeaders, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

/** The device id and nonce of a request, when well formed: what the gateway signs its answer with. */
export function answerKey(masterKey: Buffer, request: SignedHeaders): { key: string; nonce: string } | null {
  const deviceId = header(request, HEADER.deviceId);
  const nonce = header(request, HEADER.nonce);
  if (!deviceId || deviceId.length > 64 || !nonce || !NONCE_PATTERN.test(nonce)) return null;
  return { key: deviceSecret(masterKey, deviceId), nonce };
}

/**
 * Checks a device's signed request from its headers alone, before a byte of the body is read
 * (issue 17 finding 4): the signature covers the body's sha256 the client sends in
 * X-Body-Sha256, which `checkBodyHash` compares with the body once read. Device secrets derive
 * from the master key and the device id, so the signature is checked before the database is
 * asked anything: an unsigned caller learns nothing about a device, not even whether it exists.
 * Nonces live in PostgreSQL, so a request replayed to another instance is caught too; expired
 * ones are swept by the gateway's maintenance (central/maintenance.ts).
 */
export async function authenticateHeaders(
  db: CentralDb,
  masterKey: Buffer,
  request: SignedHeaders,
  now = new Date(),
): Promise<AuthenticatedDevice> {
  const deviceId = header(request, HEADER.deviceId);
  const timestamp = header(request, HEADER.timestamp);
  const nonce = header(request, HEADER.nonce);
  const signature = header(request, HEADER.signature);
  const bodySha256 = header(request, SIGNED_HEADER.bodySha256);
  if (
    !deviceId ||
    deviceId.length > 64 ||
    !timestamp ||
    !/^\d{1,15}$/.test(timestamp) ||
    !nonce ||
    !NONCE_PATTERN.test(nonce) ||
    !signature ||
    !SHA256_HEX.test(signature) ||
    !bodySha256 ||
    !SHA256_HEX.test(bodySha256)
  ) {
    throw new GatewayError(401, 'AUTH_MISSING', 'missing or malformed X-Device-Id, X-Timestamp, X-Nonce, X-Body-Sha256 or X-Signature');
  }
  const sentAt = Number(timestamp);
  if (Math.abs(now.getTime() - sentAt) > SIGNATURE_WINDOW_MS) {
    throw new GatewayError(401, 'CLOCK_SKEW', 'timestamp outside the accepted window', { serverTime: now.toISOString() });
  }
  const secret = deviceSecret(masterKey, deviceId);
  const expected = hmacHex(secret, canonicalRequest({ method: request.method, path: request.path, timestamp, nonce, bodySha256 }));
  if (!equalHex(expected, signature)) throw new GatewayError(401, 'SIGNATURE_INVALID', 'signature does not match');
  const [device] = await db.select().from(devices).where(eq(devices.id, deviceId));
  if (!device) throw new GatewayError(401, 'DEVICE_UNKNOWN', 'unknown device');
  if (!equalHex(sha256Hex(secret), device.credentialHash)) {
    throw new GatewayError(500, 'INTERNAL', 'device credential does not match this gateway master key');
  }
  if (device.revoked) throw new GatewayError(403, 'DEVICE_REVOKED', 'device has been revoked');
  const stored = await db
    .insert(requestNonces)
    .values({ deviceId, nonce, expiresAt: new Date(sentAt + SIGNATURE_WINDOW_MS) })
    .onConflictDoNothing()
    .returning({ nonce: requestNonces.nonce });
  if (stored.length === 0) throw new GatewayError(401, 'NONCE_REPLAYED', 'nonce already used');
  return { device: { id: device.id, agencyCode: device.agencyCode }, bodySha256 };
}

/** The body read after the headers were authenticated must be the one that was signed. */
export function checkBodyHash(authenticated: AuthenticatedDevice, body: Buffer): void {
  if (sha256Hex(body) !== authenticated.bodySha256) throw new GatewayError(401, 'SIGNATURE_INVALID', 'body does not match its signature');
}

/** Forgets nonces whose signatures have expired; returns how many. */
export async function sweepExpiredNonces(db: CentralDb, now = new Date()): Promise<number> {
  const removed = await db.delete(requestNonces).where(lt(requestNonces.expiresAt, now)).returning({ nonce: requestNonces.nonce });
  return removed.length;
}
