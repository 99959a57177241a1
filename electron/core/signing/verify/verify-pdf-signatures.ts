import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toVietnamLocal } from '../../../../shared/domain/vietnam-time';
import { errorMessage, formatMessage, uiText, type ErrorCode } from '../../../../shared/i18n/vi';
import { commonNameOf } from '../cms/certificate-names';
import { OID } from '../cms/oids';
import { ensurePkijsEngine } from '../cms/pkijs-engine';
import { findSignatures, type FoundSignature } from './find-signatures';
import { chainRevocationAt, issuerOf, parseCrls, type ChainCertificate, type ChainLink, type ChainRevocationStatus } from './revocation';

export interface SignatureReason {
  code: ErrorCode;
  message: string;
}

export interface SignatureCheck {
  index: number;
  signerName: string;
  /** The timestamp's time when there is one (proven), else the dictionary's /M (claimed). */
  signingTime: string | null;
  timestamped: boolean;
  coversWholeDocument: boolean;
  valid: boolean;
  reasons: SignatureReason[];
  /** The signer's chain against the province's CRLs at the signing time: its worst certificate, named. */
  revocation: ChainRevocationStatus;
  /** Each certificate from the signer up to the trust anchor, with what its issuer's CRLs say. */
  revocationChain: ChainLink[];
  /** Said about a valid signature without making it invalid: revoked after signing, revocation not checked. */
  notes: SignatureReason[];
}

export interface PdfVerification {
  /** At least one signature, and every signature valid. */
  valid: boolean;
  signatures: SignatureCheck[];
}

/**
 * Checks every signature of a PDF that arrives at the counter (docs/devices.md §7): the CMS is
 * intact and signed by its certificate, the document is what was signed (digest, and nothing added
 * after the last signature), the certificate chains to one of the province's trust anchors and was
 * valid when signed, and neither it nor an intermediate CA above it was revoked before it signed by the
 * CRLs the province distributes with the anchors (`crls`). The counter never fetches a CRL or asks an
 * OCSP responder: it is often offline.
 */
export async function verifyPdfSignatures(
  pdf: Uint8Array,
  trustAnchors: readonly Uint8Array[],
  crls: readonly Uint8Array[] = [],
): Promise<PdfVerification> {
  ensurePkijsEngine();
  const found = findSignatures(pdf);
  const anchors = trustAnchors.map((der) => pkijs.Certificate.fromBER(der.slice()));
  const revocationLists = parseCrls(crls);
  const digestsOk = found.map((signature) => digestMatches(pdf, signature));
  const signatures: SignatureCheck[] = [];
  for (const [index, signature] of found.entries()) {
    // A signature that does not reach the end of the file is fine when a later, intact signature does.
    const covered = signature.byteRange[2] + signature.byteRange[3] === pdf.length;
    const coveredLater = found.some(
      (later, laterIndex) => laterIndex > index && later.byteRange[2] + later.byteRange[3] === pdf.length && digestsOk[laterIndex],
    );
    const coverage = { covered, coveredLater, digestOk: digestsOk[index]! };
    signatures.push(await checkSignature(pdf, signature, index + 1, { anchors, crls: revocationLists }, coverage));
  }
  return { valid: signatures.length > 0 && signatures.every((signature) => signature.valid), signatures };
}

function reason(code: ErrorCode, params?: Record<string, string | number>): SignatureReason {
  return { code, message: errorMessage(code, params) };
}

/** `YYYY-MM-DD HH:mm` in Vietnam, as the officer reads times. */
function localTime(iso: string): string {
  return toVietnamLocal(new Date(iso)).replace('T', ' ');
}

/** "của người ký “…”" or "của tổ chức chứng thực trung gian “…”", as the revocation messages name a certificate. */
function certificateLabel(certificate: ChainCertificate): string {
  const template = certificate.position === 'signer' ? uiText.signing.certificateOfSigner : uiText.signing.certificateOfIntermediate;
  return formatMessage(template, { name: certificate.name });
}

function digestMatches(pdf: Uint8Array, signature: FoundSignature): boolean {
  try {
    const parsed = parseSignedData(signature.cms);
    const expected = signedAttribute(parsed.signerInfo, OID.messageDigest);
    return (
      expected instanceof asn1js.OctetString &&
      Buffer.compare(Buffer.from(expected.valueBlock.valueHexView), rangeDigest(pdf, signature)) === 0
    );
  } catch {
    return false;
  }
}

function rangeDigest(pdf: Uint8Array, signature: FoundSignature): Buffer {
  const [start1, length1, start2, length2] = signature.byteRange;
  return createHash('sha256')
    .update(pdf.subarray(start1, start1 + length1))
    .update(pdf.subarray(start2, start2 + length2))
    .digest();
}

async function checkSignature(
  pdf: Uint8Array,
  signature: FoundSignature,
  index: number,
  { anchors, crls }: { anchors: pkijs.Certificate[]; crls: pkijs.CertificateRevocationList[] },
  coverage: { covered: boolean; coveredLater: boolean; digestOk: boolean },
): Promise<SignatureCheck> {
  const reasons: SignatureReason[] = [];
  const notes: SignatureReason[] = [];
  let revocation: ChainRevocationStatus = { status: 'unchecked', hasDistributionPoint: false, certificate: null };
  let revocationChain: ChainLink[] = [];
  const result = (signerName: string, signingTime: Date | null, timestamped: boolean): SignatureCheck => ({
    index,
    signerName,
    signingTime: signingTime?.toISOString() ?? null,
    timestamped,
    coversWholeDocument: coverage.covered,
    valid: reasons.length === 0,
    reasons,
    revocation,
    revocationChain,
    notes: reasons.length === 0 ? notes : [],
  });
  if (!signature.rangeWellFormed) reasons.push(reason('SIG_BYTE_RANGE_INVALID'));
  let parsed: ReturnType<typeof parseSignedData>;
  try {
    parsed = parseSignedData(signature.cms);
  } catch (error) {
    reasons.push(reason('SIG_CMS_UNREADABLE', { details: (error as Error).message }));
    return result('', signature.claimedTime, false);
  }
  const { signedData, signerInfo, signer } = parsed;
  const signerName = signer ? commonNameOf(signer) : '';
  if (!signer) {
    reasons.push(reason('SIG_CMS_UNREADABLE', { details: 'signer certificate missing' }));
    return result(signerName, signature.claimedTime, false);
  }
  if (!coverage.digestOk) reasons.push(reason('SIG_DIGEST_MISMATCH'));
  if (!signatureValueMatches(signerInfo, signer)) reasons.push(reason('SIG_SIGNATURE_INVALID'));
  if (!signingCertificateMatches(signerInfo, signer)) reasons.push(reason('SIG_SIGNING_CERTIFICATE_MISMATCH'));
  if (!coverage.covered && !coverage.coveredLater) reasons.push(reason('SIG_MODIFIED_AFTER_SIGNING'));

  const timestamp = await timestampTime(signerInfo, anchors);
  if (timestamp.error) reasons.push(reason('SIG_TIMESTAMP_INVALID', { details: timestamp.error }));
  const signingTime = timestamp.time ?? signature.claimedTime;
  const when = signingTime ?? new Date(0);
  if (when < signer.notBefore.value || when > signer.notAfter.value) {
    reasons.push(reason('SIG_CERT_NOT_VALID_AT_SIGNING', { time: when.toISOString() }));
  } else if (anchors.length === 0) {
    reasons.push(reason('SIG_NO_TRUST_ANCHORS'));
  } else {
    const chain = await chainResult(signer, signedData.certificates ?? [], anchors, when);
    if (!chain.ok) reasons.push(reason('SIG_UNTRUSTED', { details: chain.message }));
    const included = (signedData.certificates ?? []).filter((item): item is pkijs.Certificate => item instanceof pkijs.Certificate);
    ({ revocation, chain: revocationChain } = await chainRevocationAt(
      chain.path ?? [signer],
      issuerOf(signer, [...included, ...anchors]),
      crls,
      when,
    ));
    for (const link of revocationChain) {
      const certificate = certificateLabel(link.certificate);
      const checked = link.revocation;
      if (checked.status === 'revoked') reasons.push(reason('SIG_CERT_REVOKED', { certificate, time: localTime(checked.revokedAt) }));
      if (checked.status === 'revokedAfterSigning')
        notes.push(reason('SIG_REVOKED_AFTER_SIGNING', { certificate, time: localTime(checked.revokedAt) }));
      if (checked.status === 'unchecked') notes.push(reason('SIG_REVOCATION_UNCHECKED', { certificate }));
    }
  }
  return result(signerName, signingTime, timestamp.time !== null);
}

function parseSignedData(cms: Uint8Array): {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  signer: pkijs.Certificate | null;
} {
  const contentInfo = pkijs.ContentInfo.fromBER(cms.slice());
  if (contentInfo.contentType !== OID.signedData) throw new Error(`content type ${contentInfo.contentType}`);
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('no signer');
  const certificates = (signedData.certificates ?? []).filter((item): item is pkijs.Certificate => item instanceof pkijs.Certificate);
  const sid = signerInfo.sid;
  const signer =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? (certificates.find((cert) => cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber)) ?? null)
      : null;
  return { signedData, signerInfo, signer };
}

function signedAttribute(signerInfo: pkijs.SignerInfo, type: string): asn1js.AsnType | undefined {
  return signerInfo.signedAttrs?.attributes.find((attribute) => attribute.type === type)?.values[0] as asn1js.AsnType | undefined;
}

function signatureValueMatches(signerInfo: pkijs.SignerInfo, signer: pkijs.Certificate): boolean {
  if (!signerInfo.signedAttrs) return false;
  // pkijs keeps the attributes as received, already re-tagged as a SET OF (RFC 5652 §5.4).
  return verifyWith(signer, Buffer.from(signerInfo.signedAttrs.encodedValue), signerInfo);
}

function verifyWith(signer: pkijs.Certificate, signedBytes: Buffer, signerInfo: pkijs.SignerInfo): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(signer.subjectPublicKeyInfo.toSchema().toBER()), format: 'der', type: 'spki' });
    return cryptoVerify('sha256', signedBytes, publicKey, Buffer.from(signerInfo.signature.valueBlock.valueHexView));
  } catch {
    return false;
  }
}

function signingCertificateMatches(signerInfo: pkijs.SignerInfo, signer: pkijs.Certificate): boolean {
  const value = signedAttribute(signerInfo, OID.signingCertificateV2);
  if (!(value instanceof asn1js.Sequence)) return false;
  const certs = value.valueBlock.value[0];
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return false;
  const [head] = first.valueBlock.value;
  // hashAlgorithm is left out when it is the default SHA-256 (RFC 5035); other algorithms are not accepted here.
  if (!(head instanceof asn1js.OctetString)) return false;
  const actual = createHash('sha256').update(Buffer.from(signer.toSchema().toBER())).digest();
  return Buffer.compare(Buffer.from(head.valueBlock.valueHexView), actual) === 0;
}

async function timestampTime(signerInfo: pkijs.SignerInfo, anchors: pkijs.Certificate[]): Promise<{ time: Date | null; error?: string }> {
  const attribute = signerInfo.unsignedAttrs?.attributes.find((item) => item.type === OID.signatureTimeStampToken);
  if (!attribute) return { time: null };
  try {
    const token = parseSignedData(new Uint8Array(attribute.values[0].toBER()));
    const content = Buffer.from(token.signedData.encapContentInfo.eContent!.getValue());
    const tstInfo = pkijs.TSTInfo.fromBER(content);
    const imprint = createHash('sha256').update(Buffer.from(signerInfo.signature.valueBlock.valueHexView)).digest();
    if (Buffer.compare(Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView), imprint) !== 0) {
      return { time: null, error: 'message imprint' };
    }
    if (!token.signer || !tokenSignatureMatches(token.signerInfo, token.signer, content)) return { time: null, error: 'token signature' };
    const chain = await chainResult(token.signer, token.signedData.certificates, anchors, tstInfo.genTime);
    if (!chain.ok) return { time: null, error: chain.message };
    return { time: tstInfo.genTime };
  } catch (error) {
    return { time: null, error: (error as Error).message ?? String(error) };
  }
}

/** A TSA's SignerInfo: over its signed attributes (whose message-digest must match the TSTInfo), or over the TSTInfo itself. */
function tokenSignatureMatches(signerInfo: pkijs.SignerInfo, signer: pkijs.Certificate, content: Buffer): boolean {
  if (!signerInfo.signedAttrs) return verifyWith(signer, content, signerInfo);
  const digest = signedAttribute(signerInfo, OID.messageDigest);
  const matches =
    digest instanceof asn1js.OctetString &&
    Buffer.compare(Buffer.from(digest.valueBlock.valueHexView), createHash('sha256').update(content).digest()) === 0;
  return matches && signatureValueMatches(signerInfo, signer);
}

async function chainResult(
  signer: pkijs.Certificate,
  included: pkijs.SignedData['certificates'],
  anchors: pkijs.Certificate[],
  when: Date,
): Promise<{ ok: boolean; message: string; path?: pkijs.Certificate[] }> {
  const others = (included ?? []).filter((item): item is pkijs.Certificate => item instanceof pkijs.Certificate && item !== signer);
  // pkijs takes the last certificate it is given (once duplicates are dropped) as the one to validate: the signer goes
  // last, and a path that does not start at the signer proves nothing about it.
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: anchors, certs: [...others, signer], checkDate: when });
  const verdict = await engine.verify();
  const path = verdict.certificatePath;
  if (!verdict.result || !path) return { ok: false, message: verdict.resultMessage };
  if (!path[0] || !Buffer.from(path[0].tbsView).equals(Buffer.from(signer.tbsView))) {
    return { ok: false, message: 'the validated path does not start at the signer certificate' };
  }
  return { ok: true, message: verdict.resultMessage, path };
}
