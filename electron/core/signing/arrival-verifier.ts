import { AppError } from '../../../shared/ipc/result';
import { UNSIGNED_VERDICT, type SignatureVerdict } from '../../../shared/signing/verdict';
import type { Clock } from '../platform/clock';
import type { TrustMaterial } from './verify/trust-anchors';
import type { PdfVerification } from './verify/verify-pdf-signatures';

/** Where verdicts are kept with their files (db/repositories/file-verification-repository.ts). */
export interface VerificationStore {
  find(sha256: string): { trustFingerprint: string; verdict: SignatureVerdict } | undefined;
  put(sha256: string, verification: { trustFingerprint: string; verdict: SignatureVerdict; verifiedAt: string }): void;
}

export interface ArrivalVerifierDeps {
  files: { has(sha256: string): boolean; read(sha256: string): Uint8Array };
  verifications: VerificationStore;
  /** The trust anchors and CRLs as the admin imported them, read each time so a new import counts at once. */
  trust: () => Promise<TrustMaterial>;
  clock: Clock;
}

/**
 * Checks the signatures of a PDF that came in — a result or a document fetched from the province, a
 * reused document, a file attached at reception — once, when it arrives, and keeps the verdict with
 * the file (docs/devices.md §7.4). Lists and badges read the kept verdict; a verdict made under other
 * trust anchors or CRLs than today's is made again. Anything but a PDF is simply unsigned.
 */
export class ArrivalVerifier {
  constructor(private readonly deps: ArrivalVerifierDeps) {}

  /** The hook for a file that has just been stored here: its verdict is made now, not when first shown. */
  async arrived(sha256: string): Promise<SignatureVerdict> {
    return this.verdict(sha256);
  }

  /** The kept verdict, or a new one when there is none under the current trust material. */
  async verdict(sha256: string): Promise<SignatureVerdict> {
    if (!this.deps.files.has(sha256)) throw new AppError('SIGN_FILE_MISSING', { name: sha256.slice(0, 12) });
    return (await this.verdicts([sha256])).get(sha256)!;
  }

  /**
   * Verdicts of many stored files with one read of the trust material; files not stored here are
   * left out (the caller says "not downloaded").
   */
  async verdicts(sha256s: readonly string[]): Promise<Map<string, SignatureVerdict>> {
    const present = [...new Set(sha256s)].filter((sha256) => this.deps.files.has(sha256));
    const verdicts = new Map<string, SignatureVerdict>();
    if (present.length === 0) return verdicts;
    const trust = await this.deps.trust();
    for (const sha256 of present) {
      const kept = this.deps.verifications.find(sha256);
      if (kept && kept.trustFingerprint === trust.fingerprint) {
        verdicts.set(sha256, kept.verdict);
        continue;
      }
      const verdict = await this.check(this.deps.files.read(sha256), trust);
      this.deps.verifications.put(sha256, {
        trustFingerprint: trust.fingerprint,
        verdict,
        verifiedAt: this.deps.clock.now().toISOString(),
      });
      verdicts.set(sha256, verdict);
    }
    return verdicts;
  }

  private async check(bytes: Uint8Array, trust: TrustMaterial): Promise<SignatureVerdict> {
    if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') return UNSIGNED_VERDICT;
    // The CMS and PDF libraries load with the first PDF that arrives, not with the core (docs/architecture.md §12).
    const { verifyPdfSignatures } = await import('./verify/verify-pdf-signatures');
    try {
      return toVerdict(await verifyPdfSignatures(bytes, trust.anchors, trust.crls));
    } catch (error) {
      throw error instanceof AppError ? error : new AppError('VERIFY_PDF_UNREADABLE', { details: (error as Error).message });
    }
  }
}

export function toVerdict(report: PdfVerification): SignatureVerdict {
  return {
    signed: report.signatures.length > 0,
    valid: report.valid,
    signatures: report.signatures.map((check) => ({
      signerName: check.signerName,
      signingTime: check.signingTime,
      timestamped: check.timestamped,
      valid: check.valid,
      reasons: check.reasons.map((reason) => reason.message),
      notes: check.notes.map((note) => note.message),
      revocation: check.revocation.status,
    })),
  };
}
