import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SigningKey } from '../signing-key';
import { OID } from './oids';

/**
 * The CMS of a PAdES baseline signature (ETSI EN 319 142-1 §6.3, B-B): detached SignedData over the
 * PDF's byte ranges, SHA-256, and exactly the signed attributes PAdES asks for — content-type,
 * message-digest and signing-certificate-v2 — with no signing-time (the claimed time is the /M of
 * the signature dictionary). `timestampToken`, when given, is added as the unsigned
 * signature-time-stamp attribute (B-T), computed by the caller over the signature value.
 */
export async function buildCadesSignedData(
  documentDigest: Uint8Array,
  key: SigningKey,
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const certificate = pkijs.Certificate.fromBER(key.certificate.slice());
  const attributes = sortDer([
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: documentDigest })),
    attribute(OID.signingCertificateV2, signingCertificateV2(certificate, key.certificate)),
  ]);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  const toSign = new Uint8Array(signedAttrs.toSchema().toBER());
  toSign[0] = 0x31; // the signature covers the attributes encoded as a SET OF, not as [0] (RFC 5652 §5.4)

  const signatureValue = await key.sign(toSign);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(
      key.algorithm === 'rsa'
        ? { algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }
        : { algorithmId: OID.ecdsaWithSha256 },
    ),
    signature: new asn1js.OctetString({ valueHex: signatureValue }),
  });
  if (timestamp) {
    const token = await timestamp(signatureValue);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [asn1js.fromBER(token).result] })],
    });
  }

  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [key.certificate, ...key.chain].map((der) => pkijs.Certificate.fromBER(der.slice())),
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** ESS signing-certificate-v2 (RFC 5035): the signer certificate's SHA-256 (the default, so no algorithm) and issuer/serial. */
function signingCertificateV2(certificate: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const certHash = createHash('sha256').update(der).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })] }).toSchema(),
      certificate.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** DER orders a SET OF by the encodings of its members; verifiers that re-encode the attributes expect that order. */
function sortDer(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((item) => ({ item, der: Buffer.from(item.toSchema().toBER()) }));
  encoded.sort((a, b) => Buffer.compare(a.der, b.der));
  return encoded.map(({ item }) => item);
}
