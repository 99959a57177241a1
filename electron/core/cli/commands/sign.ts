import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { stampLines } from '../../../../shared/signing/stamp-text';
import { systemClock } from '../../platform/clock';
import { slipFontDir } from '../../printing';
import { commonNameOf } from '../../signing/cms/certificate-names';
import { openP12Key } from '../../signing/keys/p12-key';
import { openPkcs11Key } from '../../signing/keys/pkcs11-key';
import { signPdf } from '../../signing/pades-signer';
import type { SigningKey } from '../../signing/signing-key';
import { renderStamp } from '../../signing/stamp/render-stamp';
import { rfc3161Timestamper } from '../../signing/tsa/rfc3161-client';
import { readSecretLine } from '../cli-io';
import type { CliCommand } from '../cli-command';

/**
 * `quay sign --in IN.pdf --out OUT.pdf (--p12 FILE | --pkcs11 MODULE [--token-label L]) [--reason TEXT]
 * [--tsa URL] [--stamp [--unit "TÊN"]]`: one PAdES signature (B-T with --tsa). The password or PIN is
 * read from standard input, never from the command line where `ps` shows it.
 */
export const signCommand: CliCommand = async (args, { io, resourcesDir, clock }) => {
  const { values } = parseArgs({
    args,
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      p12: { type: 'string' },
      pkcs11: { type: 'string' },
      'token-label': { type: 'string' },
      reason: { type: 'string' },
      tsa: { type: 'string' },
      stamp: { type: 'boolean', default: false },
      unit: { type: 'string' },
    },
  });
  if (!values.in || !values.out || Boolean(values.p12) === Boolean(values.pkcs11)) {
    throw new AppError('CLI_USAGE', { details: 'sign --in IN.pdf --out OUT.pdf (--p12 TỆP | --pkcs11 THƯ_VIỆN)' });
  }
  const input = await fs.readFile(values.in).catch((error: Error) => {
    throw new AppError('SIGN_PDF_UNREADABLE', { details: error.message });
  });
  io.err(values.p12 ? uiText.signing.p12PasswordPrompt : uiText.signing.pinPrompt);
  const secret = await readSecretLine(io.stdin);
  const key: SigningKey = values.p12
    ? await openP12Key(await fs.readFile(values.p12), secret)
    : await openPkcs11Key({
        modulePath: values.pkcs11!,
        pin: secret,
        ...(values['token-label'] ? { tokenLabel: values['token-label'] } : {}),
      });
  try {
    const signingTime = (clock ?? systemClock).now();
    const signerName = commonNameOf(key.certificate);
    const stamp = values.stamp
      ? renderStamp(
          stampLines({ signerName, signingTime, ...(values.unit ? { unitName: values.unit } : {}) }),
          slipFontDir(resourcesDir),
          await lastPageWidth(input),
        )
      : undefined;
    const signed = await signPdf(input, key, {
      signingTime,
      ...(values.reason ? { reason: values.reason } : {}),
      ...(stamp ? { stamp } : {}),
      ...(values.tsa ? { timestamp: rfc3161Timestamper(values.tsa) } : {}),
    });
    await fs.writeFile(values.out, signed);
    io.out(formatMessage(uiText.signing.signedFile, { file: values.out, signer: signerName }));
    return 0;
  } finally {
    await key.close();
  }
};

async function lastPageWidth(pdf: Uint8Array): Promise<number> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.getPages().at(-1)?.getWidth() ?? 595;
}
