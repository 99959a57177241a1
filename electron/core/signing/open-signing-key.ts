import fs from 'node:fs';
import { AppError } from '../../../shared/ipc/result';
import type { SigningKey } from './signing-key';

/**
 * The key an officer chose for one signing session. The password or PIN lives only in this value,
 * for the duration of the call: never stored, never logged (docs/devices.md §7).
 */
export type SigningKeyChoice =
  | { kind: 'p12'; path: string; password: string }
  | { kind: 'pkcs11'; modulePath: string; tokenLabel?: string; certificateId?: string; pin: string };

/** Key libraries load with the first signing, not with the core (docs/architecture.md §12). */
export async function openSigningKey(choice: SigningKeyChoice): Promise<SigningKey> {
  if (choice.kind === 'pkcs11')
    return (await import('./keys/pkcs11-key')).openPkcs11Key({
      modulePath: choice.modulePath,
      tokenLabel: choice.tokenLabel,
      certificateId: choice.certificateId,
      pin: choice.pin,
    });
  let p12: Buffer;
  try {
    p12 = fs.readFileSync(choice.path);
  } catch {
    throw new AppError('SIGN_P12_UNREADABLE');
  }
  return (await import('./keys/p12-key')).openP12Key(p12, choice.password);
}
