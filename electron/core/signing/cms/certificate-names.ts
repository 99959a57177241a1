import * as pkijs from 'pkijs';
import { OID } from './oids';

/** The subject's common name: how a signer is named on the stamp, the badge and in the CLI. */
export function commonNameOf(certificate: Uint8Array | pkijs.Certificate): string {
  const parsed = certificate instanceof pkijs.Certificate ? certificate : pkijs.Certificate.fromBER(certificate.slice());
  const value = parsed.subject.typesAndValues.find((item) => item.type === OID.commonName)?.value;
  return value ? String(value.valueBlock.value) : '';
}
