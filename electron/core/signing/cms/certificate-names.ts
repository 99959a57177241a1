import * as pkijs from 'pkijs';
import { OID } from './oids';

/** The subject's common name: how a signer is named on the stamp, the badge and in the CLI. */
export function commonNameOf(certificate: Uint8Array | pkijs.Certificate): string {
  const parsed = certificate instanceof pkijs.Certificate ? certificate : pkijs.Certificate.fromBER(certificate.slice());
  const value = parsed.subject.typesAndValues.find((item) => item.type === OID.commonName)?.value;
  return value ? String(value.valueBlock.value) : '';
}

/** Names and expiry of a certificate, for the lists the officer picks from. */
export function describeCertificate(der: Uint8Array): { subject: string; issuer: string; notAfter: string } {
  const parsed = pkijs.Certificate.fromBER(der.slice());
  const issuer = parsed.issuer.typesAndValues.find((item) => item.type === OID.commonName)?.value;
  return {
    subject: commonNameOf(parsed),
    issuer: issuer ? String(issuer.valueBlock.value) : '',
    notAfter: parsed.notAfter.value.toISOString(),
  };
}
