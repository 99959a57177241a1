import * as pkijs from 'pkijs';
import { commonNameOf } from '../cms/certificate-names';

/** X.509 cRLDistributionPoints (RFC 5280 §4.2.1.13). */
const CRL_DISTRIBUTION_POINTS = '2.5.29.31';

/**
 * What the province's CRLs say about one certificate of a signer's chain at the time it signed
 * (docs/devices.md §7.4): `revoked` only when the revocation came before the signing time; a
 * certificate revoked later still made a valid signature. `unchecked` when no CRL of its issuer is at
 * hand — the counter never fetches one from the network, so that is a note, not a verdict.
 */
export type RevocationStatus =
  | { status: 'good'; crlThisUpdate: string }
  | { status: 'revoked'; revokedAt: string }
  | { status: 'revokedAfterSigning'; revokedAt: string }
  | { status: 'unchecked'; hasDistributionPoint: boolean };

/** A certificate of the signer's chain, as the reasons and `quay verify --json` name it. */
export interface ChainCertificate {
  name: string;
  /** Hex, as CRLs and certificate viewers show it. */
  serialNumber: string;
  position: 'signer' | 'intermediate';
}

/**
 * The chain's revocation: the worst of its certificates' (revoked, revoked after signing, not
 * checked, good), naming the certificate it comes from, the nearest the signer first. `good` carries
 * the oldest of the CRLs that cleared the chain; `unchecked` names no certificate when the signature
 * failed before its chain was looked at.
 */
export type ChainRevocationStatus =
  | { status: 'good'; crlThisUpdate: string }
  | { status: 'revoked'; revokedAt: string; certificate: ChainCertificate }
  | { status: 'revokedAfterSigning'; revokedAt: string; certificate: ChainCertificate }
  | { status: 'unchecked'; hasDistributionPoint: boolean; certificate: ChainCertificate | null };

export interface ChainLink {
  certificate: ChainCertificate;
  revocation: RevocationStatus;
}

const SEVERITY: Record<RevocationStatus['status'], number> = { revoked: 3, revokedAfterSigning: 2, unchecked: 1, good: 0 };

export function parseCrls(ders: readonly Uint8Array[]): pkijs.CertificateRevocationList[] {
  const crls: pkijs.CertificateRevocationList[] = [];
  // One unreadable file must not hide the others' revocations; it simply counts as absent.
  for (const der of ders) {
    try {
      crls.push(pkijs.CertificateRevocationList.fromBER(der.slice()));
    } catch {
      continue;
    }
  }
  return crls;
}

export function hasCrlDistributionPoint(certificate: pkijs.Certificate): boolean {
  return (certificate.extensions ?? []).some((extension) => extension.extnID === CRL_DISTRIBUTION_POINTS);
}

/**
 * Looks the certificate up in the newest CRL its issuer signed. A CRL whose signature does not verify
 * against the issuer is ignored, as if absent: a forged list neither revokes nor clears anyone. Its
 * nextUpdate is not consulted: the question is the state at the signing time, not today, and an
 * offline counter has only the CRLs the province last distributed.
 */
export async function revocationAt(
  certificate: pkijs.Certificate,
  issuer: pkijs.Certificate | null,
  crls: readonly pkijs.CertificateRevocationList[],
  signingTime: Date,
): Promise<RevocationStatus> {
  const unchecked: RevocationStatus = { status: 'unchecked', hasDistributionPoint: hasCrlDistributionPoint(certificate) };
  if (!issuer) return unchecked;
  const candidates = crls
    .filter((crl) => crl.issuer.isEqual(certificate.issuer))
    .sort((a, b) => b.thisUpdate.value.getTime() - a.thisUpdate.value.getTime());
  for (const crl of candidates) {
    if (!(await signedBy(crl, issuer))) continue;
    const entry = crl.revokedCertificates?.find((revoked) => revoked.userCertificate.isEqual(certificate.serialNumber));
    if (!entry) return { status: 'good', crlThisUpdate: crl.thisUpdate.value.toISOString() };
    const revokedAt = entry.revocationDate.value;
    return revokedAt <= signingTime
      ? { status: 'revoked', revokedAt: revokedAt.toISOString() }
      : { status: 'revokedAfterSigning', revokedAt: revokedAt.toISOString() };
  }
  return unchecked;
}

async function signedBy(crl: pkijs.CertificateRevocationList, issuer: pkijs.Certificate): Promise<boolean> {
  try {
    return await crl.verify({ issuerCertificate: issuer });
  } catch {
    return false;
  }
}

/**
 * Every certificate from the signer up to, not including, the trust anchor, each against its issuer's
 * CRLs at the signing time: a revoked intermediate CA revokes every signature under it, as a revoked
 * signer does. `path` runs from the signer to the anchor, as the chain validation built it; the anchor
 * itself is trusted as imported (RFC 5280 §6.1). A path of the signer alone (its chain did not
 * validate) is checked against `issuer`, the best guess at its issuer.
 */
export async function chainRevocationAt(
  path: readonly pkijs.Certificate[],
  issuer: pkijs.Certificate | null,
  crls: readonly pkijs.CertificateRevocationList[],
  signingTime: Date,
): Promise<{ revocation: ChainRevocationStatus; chain: ChainLink[] }> {
  const pairs: Array<[pkijs.Certificate, pkijs.Certificate | null]> =
    path.length > 1 ? path.slice(0, -1).map((certificate, index) => [certificate, path[index + 1]!]) : [[path[0]!, issuer]];
  const chain: ChainLink[] = [];
  for (const [index, [certificate, itsIssuer]] of pairs.entries()) {
    chain.push({
      certificate: {
        name: commonNameOf(certificate),
        serialNumber: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex'),
        position: index === 0 ? 'signer' : 'intermediate',
      },
      revocation: await revocationAt(certificate, itsIssuer, crls, signingTime),
    });
  }
  const worst = chain.reduce((found, link) => (SEVERITY[link.revocation.status] > SEVERITY[found.revocation.status] ? link : found));
  if (worst.revocation.status !== 'good') return { revocation: { ...worst.revocation, certificate: worst.certificate }, chain };
  const cleared = chain.map((link) => (link.revocation.status === 'good' ? link.revocation.crlThisUpdate : '')).sort();
  return { revocation: { status: 'good', crlThisUpdate: cleared[0]! }, chain };
}

/** The certificate that issued `certificate`, among the CMS's certificates and the trust anchors. */
export function issuerOf(certificate: pkijs.Certificate, pool: readonly pkijs.Certificate[]): pkijs.Certificate | null {
  return pool.find((candidate) => candidate.subject.isEqual(certificate.issuer) && candidate !== certificate) ?? null;
}
