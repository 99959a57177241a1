import { createPrivateKey, createPublicKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../../../shared/ipc/result';
import { ensurePkijsEngine } from '../cms/pkijs-engine';
import type { SigningKey } from '../signing-key';

const OID_KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const OID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const OID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';

/**
 * Opens a PKCS#12 file (an organisation certificate) with the officer's password. The password is
 * used here and dropped; nothing of it is stored or logged. A wrong password is SIGN_P12_PASSWORD.
 */
export async function openP12Key(p12: Uint8Array, password: string): Promise<SigningKey> {
  ensurePkijsEngine();
  const passwordBytes = new TextEncoder().encode(password).buffer as ArrayBuffer;
  const pfx = parsePfx(p12);
  try {
    await pfx.parseInternalValues({ password: passwordBytes, checkIntegrity: true });
  } catch {
    throw new AppError('SIGN_P12_PASSWORD');
  }
  const keys: Array<{ der: Uint8Array; id: string | null }> = [];
  const certs: Array<{ der: Uint8Array; id: string | null }> = [];
  try {
    for (const safeContents of await safeContentsOf(pfx, passwordBytes)) {
      for (const bag of safeContents.safeBags) {
        const id = localKeyId(bag);
        if (bag.bagId === OID_SHROUDED_KEY_BAG) {
          const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
          // Public in pkijs's own PKCS#12 example, declared protected in its types.
          await (shrouded as unknown as ShroudedKeyBag).parseInternalValues({ password: passwordBytes });
          keys.push({ der: new Uint8Array(shrouded.parsedValue!.toSchema().toBER()), id });
        } else if (bag.bagId === OID_KEY_BAG) {
          keys.push({ der: new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER()), id });
        } else if (bag.bagId === OID_CERT_BAG) {
          const certBag = bag.bagValue as pkijs.CertBag;
          certs.push({ der: new Uint8Array((certBag.parsedValue as pkijs.Certificate).toSchema().toBER()), id });
        }
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // With a MAC the password was already proven right above: what failed is the encryption, e.g. the
    // RC2-40 and 3DES of old Windows exports, which Node's OpenSSL 3 does not offer by default.
    throw new AppError(pfx.macData ? 'SIGN_P12_UNSUPPORTED' : 'SIGN_P12_PASSWORD');
  }
  const key = keys[0];
  if (!key) throw new AppError('SIGN_P12_NO_KEY');
  const privateKey = createPrivateKey({ key: Buffer.from(key.der), format: 'der', type: 'pkcs8' });
  const signer = certs.find((cert) => cert.id !== null && cert.id === key.id) ?? certs.find((cert) => matchesKey(cert.der, privateKey));
  if (!signer) throw new AppError('SIGN_P12_NO_KEY');
  return keyObjectSigner(
    privateKey,
    signer.der,
    certs.filter((cert) => cert !== signer).map((cert) => cert.der),
  );
}

/** A node:crypto private key as a SigningKey (PKCS#12 files, and the tests' keys). */
export function keyObjectSigner(privateKey: KeyObject, certificate: Uint8Array, chain: Uint8Array[]): SigningKey {
  const algorithm = privateKey.asymmetricKeyType === 'ec' ? 'ec' : 'rsa';
  if (privateKey.asymmetricKeyType !== 'rsa' && algorithm !== 'ec') throw new AppError('SIGN_KEY_UNSUPPORTED');
  let open = true;
  return {
    certificate,
    chain,
    algorithm,
    sign: async (data) => {
      if (!open) throw new AppError('SIGN_SESSION_CLOSED');
      return new Uint8Array(cryptoSign('sha256', data, privateKey));
    },
    close: async () => {
      open = false;
    },
  };
}

function parsePfx(bytes: Uint8Array): pkijs.PFX {
  try {
    return pkijs.PFX.fromBER(bytes.slice());
  } catch {
    throw new AppError('SIGN_P12_UNREADABLE');
  }
}

interface ShroudedKeyBag {
  parseInternalValues(parameters: { password: ArrayBuffer }): Promise<void>;
}

async function safeContentsOf(pfx: pkijs.PFX, password: ArrayBuffer): Promise<pkijs.SafeContents[]> {
  const authenticated = pfx.parsedValue?.authenticatedSafe;
  if (!authenticated) throw new AppError('SIGN_P12_UNREADABLE');
  await authenticated.parseInternalValues({ safeContents: authenticated.safeContents.map(() => ({ password })) });
  return authenticated.parsedValue?.safeContents.map((item: { value: pkijs.SafeContents }) => item.value) ?? [];
}

function localKeyId(bag: pkijs.SafeBag): string | null {
  const attribute = bag.bagAttributes?.find((item) => item.type === OID_LOCAL_KEY_ID);
  const value = attribute?.values[0];
  return value instanceof asn1js.OctetString ? Buffer.from(value.valueBlock.valueHexView).toString('hex') : null;
}

function matchesKey(certificateDer: Uint8Array, privateKey: KeyObject): boolean {
  const certificate = pkijs.Certificate.fromBER(certificateDer.slice());
  const spki = Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER());
  return Buffer.compare(spki, createPublicKey(privateKey).export({ format: 'der', type: 'spki' })) === 0;
}
