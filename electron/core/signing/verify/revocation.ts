import * as pkijs from 'pkijs';

/** X.509 cRLDistributionPoints (RFC 5280 §4.2.1.13). */
const CRL_DISTRIBUTION_POINTS = '2.5.29.31';

/**
 * What the province's CRLs say about a signer's certificate at the time it signed (docs/devices.md
 * §7.4): `revoked` only when the revocation came before the signing time; a certificate revoked later
 * still made a valid signature. `unchecked` when no CRL of its issuer is at hand — the counter never
 * fetches one from the network, so that is a note, not a verdict.
 */
export type RevocationStatus =
  | { status: 'good'; crlThisUpdate: string }
  | { status: 'revoked'; revokedAt: string }
  | { status: 'revokedAfterSigning'; revokedAt: string }
  | { status: 'unchecked'; hasDistributionPoint: boolean };

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
 * against the issuer is ignored, as if absent: a forged list neither revokes nor clears anyone.
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

/** The certificate that issued `certificate`, among the CMS's certificates and the trust anchors. */
export function issuerOf(certificate: pkijs.Certificate, pool: readonly pkijs.Certificate[]): pkijs.Certificate | null {
  return pool.find((candidate) => candidate.subject.isEqual(certificate.issuer) && candidate !== certificate) ?? null;
}
