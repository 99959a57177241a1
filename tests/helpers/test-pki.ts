import { createPrivateKey, webcrypto, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ensurePkijsEngine } from '../../electron/core/signing/cms/pkijs-engine';

/** A certificate and its key, made in the test: a CA, or a signer issued by one. */
export interface TestIdentity {
  name: string;
  certificate: Uint8Array;
  privateKey: KeyObject;
  cryptoKey: CryptoKey;
  publicKey: CryptoKey;
  pem: { certificate: string; privateKey: string };
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
const EC = { name: 'ECDSA', namedCurve: 'P-256' };
let serial = 1;

function name(commonName: string, organization: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.6', value: new asn1js.PrintableString({ value: 'VN' }) }),
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.10', value: new asn1js.Utf8String({ value: organization }) }),
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: commonName }) }),
    ],
  });
}

function pem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${base64}${base64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

/**
 * Issues a certificate valid from `notBefore` for `days`; self-signed when `issuer` is absent (a
 * root CA). `isCa` adds basicConstraints CA and keyCertSign.
 */
export async function issueCertificate(options: {
  commonName: string;
  organization?: string;
  issuer?: TestIdentity;
  isCa?: boolean;
  notBefore: Date;
  days: number;
  /** The subject's key type; RSA 2048 unless asked. */
  keyType?: 'rsa' | 'ec';
  /** A cRLDistributionPoints extension naming this URL. */
  crlUrl?: string;
}): Promise<TestIdentity> {
  ensurePkijsEngine();
  const keys = (await webcrypto.subtle.generateKey(options.keyType === 'ec' ? EC : RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: serial++ });
  const subject = name(options.commonName, options.organization ?? 'Quầy Một Cửa (thử nghiệm)');
  certificate.subject = subject;
  certificate.issuer = options.issuer ? pkijs.Certificate.fromBER(options.issuer.certificate.slice()).subject : subject;
  certificate.notBefore.value = options.notBefore;
  certificate.notAfter.value = new Date(options.notBefore.getTime() + options.days * 86_400_000);
  const basic = new pkijs.BasicConstraints({ cA: options.isCa === true });
  const usage = new asn1js.BitString({ valueHex: new Uint8Array([options.isCa ? 0x06 : 0xc0]).buffer, unusedBits: 1 });
  certificate.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: basic.toSchema().toBER(), parsedValue: basic }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: usage.toBER() }),
  ];
  if (options.crlUrl) {
    const points = new pkijs.CRLDistributionPoints({
      distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [new pkijs.GeneralName({ type: 6, value: options.crlUrl })] })],
    });
    certificate.extensions.push(new pkijs.Extension({ extnID: '2.5.29.31', extnValue: points.toSchema().toBER() }));
  }
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  await certificate.sign(options.issuer?.cryptoKey ?? keys.privateKey, 'SHA-256');
  const der = new Uint8Array(certificate.toSchema(true).toBER());
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    name: options.commonName,
    certificate: der,
    privateKey: createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
    cryptoKey: keys.privateKey,
    publicKey: keys.publicKey,
    pem: { certificate: pem('CERTIFICATE', der), privateKey: pem('PRIVATE KEY', pkcs8) },
  };
}

/** The serial number of a certificate made here, to revoke it. */
function serialOf(certificate: Uint8Array): asn1js.Integer {
  return pkijs.Certificate.fromBER(certificate.slice()).serialNumber;
}

/** A CRL `ca` signs at `thisUpdate`, revoking each certificate at its time (DER). */
export async function issueCrl(
  ca: TestIdentity,
  thisUpdate: Date,
  revoked: ReadonlyArray<{ certificate: Uint8Array; at: Date }>,
): Promise<Uint8Array> {
  ensurePkijsEngine();
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = pkijs.Certificate.fromBER(ca.certificate.slice()).subject;
  crl.thisUpdate = new pkijs.Time({ type: 0, value: thisUpdate });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(thisUpdate.getTime() + 7 * 86_400_000) });
  if (revoked.length > 0)
    crl.revokedCertificates = revoked.map(
      (entry) =>
        new pkijs.RevokedCertificate({
          userCertificate: serialOf(entry.certificate),
          revocationDate: new pkijs.Time({ type: 0, value: entry.at }),
        }),
    );
  await crl.sign(ca.cryptoKey, 'SHA-256');
  return new Uint8Array(crl.toSchema(true).toBER());
}

/** A root CA and a signer it issued, both valid from `from` for a year. */
export async function testCaAndSigner(
  from: Date,
  signerName = 'Bộ phận Một cửa UBND xã Thử Nghiệm',
): Promise<{ ca: TestIdentity; signer: TestIdentity }> {
  const ca = await issueCertificate({ commonName: 'CA thử nghiệm Quầy Một Cửa', isCa: true, notBefore: from, days: 3650 });
  const signer = await issueCertificate({ commonName: signerName, issuer: ca, notBefore: from, days: 365 });
  return { ca, signer };
}
