import * as pkijs from 'pkijs';
import { OID } from './oids';

/** The subject's common name: how a signer is named on the stamp, the badge and in the CLI. */
export function commonNameOf(certificate: Uint8Array | pkijs.Certificate): string {
  const parsed = certificate instanceof pkijs.Certificate ? certificate : pkijs.Certificate.fromBER(certificate.slice());
  const value = parsed.subject.typesAndValues.find((item) => item.type === OID.commonName)?.value;
  return value ? String(value.valueBlock.value) : '';
}

/** RFC 5280 §4.2.1.9 basicConstraints. */
const BASIC_CONSTRAINTS = '2.5.29.19';

/** Names and expiry of a certificate, for the lists the officer picks from; `isCa` for a CA's own certificate. */
export function describeCertificate(der: Uint8Array): { subject: string; issuer: string; notAfter: string; isCa: boolean } {
  const parsed = pkijs.Certificate.fromBER(der.slice());
  const issuer = parsed.issuer.typesAndValues.find((item) => item.type === OID.commonName)?.value;
  const constraints = parsed.extensions?.find((extension) => extension.extnID === BASIC_CONSTRAINTS)?.parsedValue as
    pkijs.BasicConstraints | undefined;
  return {
    subject: commonNameOf(parsed),
    issuer: issuer ? String(issuer.valueBlock.value) : '',
    notAfter: parsed.notAfter.value.toISOString(),
    isCa: constraints?.cA === true,
  };
}
