import { eq, lt } from 'drizzle-orm';
import { canonicalRequest, HEADER, NONCE_PATTERN, SIGNATURE_WINDOW_MS } from '../shared/sync/protocol';
import type { CentralDb } from './db/open';
import { devices, requestNonces } from './db/schema';
import { deviceSecret, equalHex, hmacHex, sha256Hex } from './credentials';
import { GatewayError } from './errors';
import type { Device } from './commands';

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function header(request: SignedRequest, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

/**
 * Checks a device's signed request. Order matters: the signature is checked before revocation or
 * nonce state is revealed, so an unauthenticated caller learns nothing about a device. Nonces live
 * in PostgreSQL, so a request replayed to another gateway instance is caught too. Expired nonces
 * are swept by the gateway's maintenance (central/maintenance.ts), not per request: a nonce past
 * its window can never be used again anyway, as its timestamp is refused first.
 */
export async function authenticate(db: CentralDb, masterKey: Buffer, request: SignedRequest, now = new Date()): Promise<Device> {
  const deviceId = header(request, HEADER.deviceId);
  const timestamp = header(request, HEADER.timestamp);
  const nonce = header(request, HEADER.nonce);
  const signature = header(request, HEADER.signature);
  if (
    !deviceId ||
    deviceId.length > 64 ||
    !timestamp ||
    !/^\d{1,15}$/.test(timestamp) ||
    !nonce ||
    !NONCE_PATTERN.test(nonce) ||
    !signature ||
    !/^[0-9a-f]{64}$/.test(signature)
  ) {
    throw new GatewayError(401, 'AUTH_MISSING', 'missing or malformed X-Device-Id, X-Timestamp, X-Nonce or X-Signature');
  }
  const sentAt = Number(timestamp);
  if (Math.abs(now.getTime() - sentAt) > SIGNATURE_WINDOW_MS) {
    throw new GatewayError(401, 'CLOCK_SKEW', 'timestamp outside the accepted window', { serverTime: now.toISOString() });
  }
  const [device] = await db.select().from(devices).where(eq(devices.id, deviceId));
  if (!device) throw new GatewayError(401, 'DEVICE_UNKNOWN', 'unknown device');
  const secret = deviceSecret(masterKey, device.id);
  if (!equalHex(sha256Hex(secret), device.credentialHash)) {
    throw new GatewayError(500, 'INTERNAL', 'device credential does not match this gateway master key');
  }
  const expected = hmacHex(
    secret,
    canonicalRequest({ method: request.method, path: request.path, timestamp, nonce, bodySha256: sha256Hex(request.body) }),
  );
  if (!equalHex(expected, signature)) throw new GatewayError(401, 'SIGNATURE_INVALID', 'signature does not match');
  if (device.revoked) throw new GatewayError(403, 'DEVICE_REVOKED', 'device has been revoked');
  const stored = await db
    .insert(requestNonces)
    .values({ deviceId, nonce, expiresAt: new Date(sentAt + SIGNATURE_WINDOW_MS) })
    .onConflictDoNothing()
    .returning({ nonce: requestNonces.nonce });
  if (stored.length === 0) throw new GatewayError(401, 'NONCE_REPLAYED', 'nonce already used');
  return { id: device.id, agencyCode: device.agencyCode };
}

/** Forgets nonces whose signatures have expired; returns how many. */
export async function sweepExpiredNonces(db: CentralDb, now = new Date()): Promise<number> {
  const removed = await db.delete(requestNonces).where(lt(requestNonces.expiresAt, now)).returning({ nonce: requestNonces.nonce });
  return removed.length;
}
