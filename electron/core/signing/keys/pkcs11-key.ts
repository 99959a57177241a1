import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Pkcs11js from 'pkcs11js';
import { AppError } from '../../../../shared/ipc/result';
import type { SigningKey } from '../signing-key';

export interface Pkcs11KeyRequest {
  /** Path of the token's PKCS#11 library (data: chosen by the site, docs/devices.md §7.3). */
  modulePath: string;
  /** The token's label; the first token present when absent. */
  tokenLabel?: string;
  /** Asked for each signing session; used for C_Login and dropped, never stored or logged. */
  pin: string;
  /** CKA_ID (hex) of the certificate the officer chose; the first key with a certificate when absent. */
  certificateId?: string;
}

/** A certificate on a token, as the signing dialog lists it before the PIN is asked. */
export interface TokenCertificate {
  /** CKA_ID in hex: pairs the certificate with its private key. */
  id: string;
  subject: string;
  issuer: string;
  notAfter: string;
}

export interface TokenSummary {
  label: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
}

/** The slice of pkcs11js the key uses; tests wrap it to pull the token out mid-batch. */
export type Pkcs11Module = Pkcs11js.PKCS11;

// A native library: loaded with the first token, not with the core (docs/architecture.md §12).
const requireModule = createRequire(import.meta.url);
let binding: typeof Pkcs11js | null = null;
const pkcs11 = (): typeof Pkcs11js => (binding ??= requireModule('pkcs11js') as typeof Pkcs11js);

/** One initialised library per path, shared by the sessions open on it (C_Initialize is per process). */
const loaded = new Map<string, { module: Pkcs11Module; users: number }>();

function acquire(modulePath: string, wrap?: (module: Pkcs11Module) => Pkcs11Module): Pkcs11Module {
  const entry = loaded.get(modulePath);
  if (entry) {
    entry.users += 1;
    return entry.module;
  }
  const lib = pkcs11();
  let module: Pkcs11Module = new lib.PKCS11();
  try {
    module.load(modulePath);
    module.C_Initialize();
  } catch (error) {
    if (!(error instanceof lib.Pkcs11Error && error.code === lib.CKR_CRYPTOKI_ALREADY_INITIALIZED)) {
      throw new AppError('SIGN_TOKEN_MODULE', { module: modulePath });
    }
  }
  if (wrap) module = wrap(module);
  loaded.set(modulePath, { module, users: 1 });
  return module;
}

function release(modulePath: string): void {
  const entry = loaded.get(modulePath);
  if (!entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  loaded.delete(modulePath);
  try {
    entry.module.C_Finalize();
    entry.module.close();
  } catch {
    // The library may already be gone with the token; nothing is left to release.
  }
}

/** Maps a PKCS#11 return value to the app's stable codes; the PIN never appears in any of them. */
export function tokenError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const lib = pkcs11();
  if (!(error instanceof lib.Pkcs11Error)) return new AppError('SIGN_TOKEN_ERROR', { details: (error as Error)?.message ?? String(error) });
  switch (error.code) {
    case lib.CKR_PIN_INCORRECT:
    case lib.CKR_PIN_INVALID:
    case lib.CKR_PIN_LEN_RANGE:
      return new AppError('SIGN_TOKEN_PIN_INCORRECT');
    case lib.CKR_PIN_LOCKED:
      return new AppError('SIGN_TOKEN_PIN_LOCKED');
    // The last two: the key found at login is gone, so the token was pulled out (perhaps put back) mid-session.
    case lib.CKR_DEVICE_REMOVED:
    case lib.CKR_TOKEN_NOT_PRESENT:
    case lib.CKR_SESSION_HANDLE_INVALID:
    case lib.CKR_SESSION_CLOSED:
    case lib.CKR_DEVICE_ERROR:
    case lib.CKR_KEY_HANDLE_INVALID:
    case lib.CKR_OBJECT_HANDLE_INVALID:
      return new AppError('SIGN_TOKEN_REMOVED');
    default:
      return new AppError('SIGN_TOKEN_ERROR', { details: `${error.method || 'PKCS#11'} 0x${error.code.toString(16)}` });
  }
}

/** The tokens present for a library: what the settings show before the officer picks one. */
export function listTokens(modulePath: string): TokenSummary[] {
  const module = acquire(modulePath);
  try {
    return initialisedSlots(module).map((slot) => {
      const info = module.C_GetTokenInfo(slot);
      return {
        label: info.label.trim(),
        manufacturer: info.manufacturerID.trim(),
        model: info.model.trim(),
        serialNumber: info.serialNumber.trim(),
      };
    });
  } catch (error) {
    throw tokenError(error);
  } finally {
    release(modulePath);
  }
}

/**
 * The certificates a token shows without logging in (certificates are public objects), so the officer
 * picks one before the PIN is asked; end-entity certificates come first, the chain's CA certificates
 * last. A certificate chosen without a key is refused at login with SIGN_TOKEN_NO_KEY.
 */
export async function listTokenCertificates(modulePath: string, tokenLabel?: string): Promise<TokenCertificate[]> {
  const lib = pkcs11();
  const { describeCertificate } = await import('../cms/certificate-names');
  const module = acquire(modulePath);
  let session: Buffer | null = null;
  try {
    session = module.C_OpenSession(findSlot(module, tokenLabel), lib.CKF_SERIAL_SESSION);
    const open = session;
    const certificates = findObjects(module, open, lib.CKO_CERTIFICATE).map((handle) => {
      const { isCa, ...names } = describeCertificate(new Uint8Array(attribute(module, open, handle, lib.CKA_VALUE)));
      return { id: attribute(module, open, handle, lib.CKA_ID).toString('hex'), isCa, ...names };
    });
    // The signer's own certificates first: a token also carries its CA chain, which cannot sign.
    return [...certificates.filter((c) => !c.isCa), ...certificates.filter((c) => c.isCa)].map(({ isCa: _ca, ...rest }) => rest);
  } catch (error) {
    throw tokenError(error);
  } finally {
    if (session) closeQuietly(module, session);
    release(modulePath);
  }
}

/**
 * Logs in to a token with the PIN and finds a private key with its certificate (paired by CKA_ID).
 * RSA keys sign with CKM_RSA_PKCS over a DigestInfo computed here, which every token offers; EC keys
 * with CKM_ECDSA over the digest. One session serves a whole batch: one PIN entry per batch.
 */
export async function openPkcs11Key(request: Pkcs11KeyRequest, wrap?: (module: Pkcs11Module) => Pkcs11Module): Promise<SigningKey> {
  const lib = pkcs11();
  const module = acquire(request.modulePath, wrap);
  let session: Buffer | null = null;
  try {
    const slot = findSlot(module, request.tokenLabel);
    session = module.C_OpenSession(slot, lib.CKF_SERIAL_SESSION);
    module.C_Login(session, lib.CKU_USER, request.pin);
    const pair = findKeyPair(module, session, request.certificateId);
    return tokenKey(module, session, pair, () => release(request.modulePath));
  } catch (error) {
    if (session) closeQuietly(module, session);
    release(request.modulePath);
    throw tokenError(error);
  }
}

/** Slots with a token that has been issued (SoftHSM and some readers also show an empty, uninitialised one). */
function initialisedSlots(module: Pkcs11Module): Buffer[] {
  const lib = pkcs11();
  return module.C_GetSlotList(true).filter((slot) => (module.C_GetTokenInfo(slot).flags & lib.CKF_TOKEN_INITIALIZED) !== 0);
}

function findSlot(module: Pkcs11Module, label: string | undefined): Buffer {
  const slots = initialisedSlots(module);
  const slot = label ? slots.find((candidate) => module.C_GetTokenInfo(candidate).label.trim() === label.trim()) : slots[0];
  if (!slot) throw new AppError('SIGN_TOKEN_NOT_FOUND', { label: label ? `“${label}”` : '' });
  return slot;
}

interface KeyPair {
  key: Buffer;
  keyType: 'rsa' | 'ec';
  alwaysAuthenticate: boolean;
  certificate: Uint8Array;
  chain: Uint8Array[];
}

function findObjects(module: Pkcs11Module, session: Buffer, objectClass: number): Buffer[] {
  module.C_FindObjectsInit(session, [{ type: pkcs11().CKA_CLASS, value: objectClass }]);
  try {
    return module.C_FindObjects(session, 64);
  } finally {
    module.C_FindObjectsFinal(session);
  }
}

function attribute(module: Pkcs11Module, session: Buffer, object: Buffer, type: number): Buffer {
  const [value] = module.C_GetAttributeValue(session, object, [{ type }]);
  return (value?.value as Buffer | undefined) ?? Buffer.alloc(0);
}

function findKeyPair(module: Pkcs11Module, session: Buffer, certificateId: string | undefined): KeyPair {
  const lib = pkcs11();
  const certificates = findObjects(module, session, lib.CKO_CERTIFICATE).map((handle) => ({
    id: attribute(module, session, handle, lib.CKA_ID).toString('hex'),
    der: new Uint8Array(attribute(module, session, handle, lib.CKA_VALUE)),
  }));
  for (const key of findObjects(module, session, lib.CKO_PRIVATE_KEY)) {
    const id = attribute(module, session, key, lib.CKA_ID).toString('hex');
    const certificate = certificates.find((candidate) => candidate.id === id);
    if (!certificate || (certificateId !== undefined && id !== certificateId.toLowerCase())) continue;
    const keyType = attribute(module, session, key, lib.CKA_KEY_TYPE).readUIntLE(0, 1) === lib.CKK_EC ? 'ec' : 'rsa';
    return {
      key,
      keyType,
      alwaysAuthenticate: flag(module, session, key, lib.CKA_ALWAYS_AUTHENTICATE),
      certificate: certificate.der,
      chain: certificates.filter((candidate) => candidate !== certificate).map((candidate) => candidate.der),
    };
  }
  throw new AppError('SIGN_TOKEN_NO_KEY');
}

/** A boolean attribute; a token that does not know it (CKR_ATTRIBUTE_TYPE_INVALID) means false. */
function flag(module: Pkcs11Module, session: Buffer, object: Buffer, type: number): boolean {
  try {
    return attribute(module, session, object, type)[0] === 1;
  } catch {
    return false;
  }
}

/** DER DigestInfo prefix of SHA-256 (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

function tokenKey(module: Pkcs11Module, session: Buffer, pair: KeyPair, onClose: () => void): SigningKey {
  const lib = pkcs11();
  let open = true;
  return {
    certificate: pair.certificate,
    chain: pair.chain,
    algorithm: pair.keyType,
    allowsBackground: !pair.alwaysAuthenticate,
    sign: async (data) => {
      if (!open) throw new AppError('SIGN_SESSION_CLOSED');
      const digest = createHash('sha256').update(data).digest();
      try {
        if (pair.keyType === 'rsa') {
          module.C_SignInit(session, { mechanism: lib.CKM_RSA_PKCS }, pair.key);
          return new Uint8Array(module.C_Sign(session, Buffer.concat([SHA256_DIGEST_INFO, digest]), Buffer.alloc(1024)));
        }
        module.C_SignInit(session, { mechanism: lib.CKM_ECDSA }, pair.key);
        return ecdsaDer(module.C_Sign(session, digest, Buffer.alloc(256)));
      } catch (error) {
        throw tokenError(error);
      }
    },
    close: async () => {
      if (!open) return;
      open = false;
      closeQuietly(module, session);
      onClose();
    },
  };
}

function closeQuietly(module: Pkcs11Module, session: Buffer): void {
  try {
    module.C_Logout(session);
  } catch {
    // Not logged in, or the token is gone: the session ends either way.
  }
  try {
    module.C_CloseSession(session);
  } catch {
    // As above.
  }
}

/** PKCS#11 returns ECDSA as r‖s; CMS wants the DER SEQUENCE of two INTEGERs (RFC 5753). */
function ecdsaDer(raw: Buffer): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Buffer): Buffer => {
    let trimmed = bytes;
    while (trimmed.length > 1 && trimmed[0] === 0 && trimmed[1]! < 0x80) trimmed = trimmed.subarray(1);
    if (trimmed[0]! >= 0x80) trimmed = Buffer.concat([Buffer.from([0]), trimmed]);
    return Buffer.concat([Buffer.from([0x02, trimmed.length]), trimmed]);
  };
  const body = Buffer.concat([integer(raw.subarray(0, half)), integer(raw.subarray(half))]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30, body.length]), body]));
}
