import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import { buildCadesSignedData } from './cms/cades-signed-data';
import { prepareSignaturePlaceholder, type StampAppearance } from './pdf/signature-placeholder';
import type { SigningKey } from './signing-key';

export interface PadesOptions {
  /** The claimed signing time (/M); with a TSA the timestamp's time is the proven one. */
  signingTime: Date;
  reason?: string;
  location?: string;
  stamp?: StampAppearance;
  /** Returns an RFC 3161 TimeStampToken (DER ContentInfo) over the signature value: PAdES B-T. */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

/** Room for the CMS: the signer's certificate and chain, plus a TSA's token and its certificates for B-T. */
const CONTENTS_BYTES = { plain: 16 * 1024, timestamped: 32 * 1024 };

/**
 * Signs a PDF as PAdES baseline B-B (B-T with a timestamp) in an incremental update, so the signature
 * covers the whole file but its own /Contents and earlier signatures stay valid (docs/devices.md §7).
 */
export async function signPdf(pdf: Uint8Array, key: SigningKey, options: PadesOptions): Promise<Uint8Array> {
  const prepared = await prepareSignaturePlaceholder(pdf, {
    contentsBytes: options.timestamp ? CONTENTS_BYTES.timestamped : CONTENTS_BYTES.plain,
    signingTime: options.signingTime,
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.location ? { location: options.location } : {}),
    ...(options.stamp ? { stamp: options.stamp } : {}),
  });
  const [start1, length1, start2, length2] = prepared.byteRange;
  const digest = createHash('sha256')
    .update(prepared.bytes.subarray(start1, start1 + length1))
    .update(prepared.bytes.subarray(start2, start2 + length2))
    .digest();
  const cms = await buildCadesSignedData(digest, key, options.timestamp);
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > prepared.contentsLength) throw new AppError('SIGN_FAILED', { details: `CMS of ${cms.length} bytes does not fit` });
  Buffer.from(prepared.bytes.buffer, prepared.bytes.byteOffset, prepared.bytes.byteLength).write(hex, prepared.contentsOffset, 'latin1');
  return prepared.bytes;
}
