import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toVietnamLocal } from '../../../../shared/domain/vietnam-time';
import { errorMessage, formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { loadTrustMaterial, TRUST_ANCHOR_DIR } from '../../signing/verify/trust-anchors';
import { verifyPdfSignatures } from '../../signing/verify/verify-pdf-signatures';
import type { CliCommand } from '../cli-command';

/**
 * `quay verify FILE.pdf [--json] [--trust DIR]`: the checks a PDF gets when it arrives at the counter,
 * against the trust anchors and CRLs in the data folder (or DIR); the JSON names each signature's
 * revocation status. Exit 0 when every signature is valid, 1 when
 * one is not or there is none.
 */
export const verifyCommand: CliCommand = async (args, { io, dataDir }) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, trust: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new AppError('CLI_USAGE', { details: 'verify TỆP.pdf' });
  const pdf = await fs.readFile(file).catch((error: Error) => {
    throw new AppError('VERIFY_PDF_UNREADABLE', { details: error.message });
  });
  const trust = await loadTrustMaterial(values.trust ?? path.join(dataDir, TRUST_ANCHOR_DIR));
  const result = await verifyPdfSignatures(pdf, trust.anchors, trust.crls);
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
    return result.valid ? 0 : 1;
  }
  if (result.signatures.length === 0) io.out(`VERIFY_NO_SIGNATURE: ${errorMessage('VERIFY_NO_SIGNATURE')}`);
  for (const signature of result.signatures) {
    const time = signature.signingTime ? toVietnamLocal(new Date(signature.signingTime)).replace('T', ' ') : '—';
    const timestamp = signature.timestamped ? uiText.signing.verifyTimestamped : uiText.signing.verifyClaimedTime;
    io.out(
      signature.valid
        ? formatMessage(uiText.signing.verifyValid, { index: signature.index, signer: signature.signerName, time, timestamp })
        : formatMessage(uiText.signing.verifyInvalid, { index: signature.index, signer: signature.signerName }),
    );
    for (const reason of [...signature.reasons, ...signature.notes])
      io.out(formatMessage(uiText.signing.verifyReason, { message: `${reason.code}: ${reason.message}` }));
  }
  return result.valid ? 0 : 1;
};
