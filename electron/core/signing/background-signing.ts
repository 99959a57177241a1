import { AppError, type AppErrorData } from '../../../shared/ipc/result';
import type { SigningKeyChoice } from './open-signing-key';
import type { PadesOptions } from './pades-signer';
import type { SigningKey } from './signing-key';

/** Errors of the key: the session is over, the queue waits for the officer to open a new one. */
const SESSION_ERRORS = new Set(['SIGN_TOKEN_REMOVED', 'SIGN_TOKEN_PIN_LOCKED', 'SIGN_SESSION_CLOSED', 'SIGN_TOKEN_ERROR']);

/** The part of the dossier signing service the queue uses (kept as a port: the service owns the queue). */
export interface DossierSigner {
  hasUnsigned(dossierId: string): boolean;
  status(dossierId: string): Array<{ componentCode: string; signedAt: string | null }>;
  signDossierWith(
    accountId: string | null,
    dossierId: string,
    key: SigningKey,
  ): Promise<{ signed: string[]; failed: Array<{ componentCode: string; error: AppErrorData }> }>;
}

export interface BackgroundSigningStatus {
  active: boolean;
  signerName: string | null;
  queued: string[];
  lastError: AppErrorData | null;
}

/**
 * Signing without the citizen waiting (docs/devices.md §7.6): the officer opens one session with the
 * PIN when the token allows it (no PIN per signature), and dossiers queued at acceptance are signed
 * afterwards, one after another. The PIN is used for the login only; the logged-in session lives
 * until the officer ends it, signs out, or the token goes away — then what is left stays queued.
 * A dossier whose PDFs are not assembled yet (OCR first) stays queued for the next pass.
 */
export class BackgroundSigning {
  private key: SigningKey | null = null;
  private accountId: string | null = null;
  private signerName: string | null = null;
  private readonly queue: string[] = [];
  private lastError: AppErrorData | null = null;
  private running: Promise<void> | null = null;
  /** One token operation at a time: a pass over the queue and a single document take turns. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      signing: DossierSigner;
      openKey: (choice: SigningKeyChoice) => Promise<SigningKey>;
      signerNameOf: (certificate: Uint8Array) => Promise<string>;
    },
  ) {}

  async start(accountId: string | null, choice: SigningKeyChoice): Promise<BackgroundSigningStatus> {
    await this.stop();
    const key = await this.deps.openKey(choice);
    if (key.allowsBackground === false) {
      await key.close();
      throw new AppError('SIGN_BACKGROUND_NOT_ALLOWED');
    }
    this.key = key;
    this.accountId = accountId;
    this.signerName = await this.deps.signerNameOf(key.certificate);
    this.lastError = null;
    await this.drain();
    return this.status();
  }

  /** Queues a dossier and signs what can be signed now, when a session is open. */
  async enqueue(dossierId: string): Promise<BackgroundSigningStatus> {
    if (!this.queue.includes(dossierId)) this.queue.push(dossierId);
    await this.drain();
    return this.status();
  }

  /** One pass over the queue; a second call during a pass waits for it. */
  drain(): Promise<void> {
    this.running ??= this.exclusive(() => this.pass()).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Ends the session (the officer's choice, sign-out): the token is logged out, the queue kept. */
  async stop(): Promise<void> {
    await this.running;
    await this.exclusive(() => this.closeKey());
  }

  /**
   * Signs one PDF with the open session's key — the receipt or a notice sent to an online applicant
   * (issue 16 §3) — in turn with any pass under way. Null when no session is open: nothing asks for a
   * PIN here. A token that fails ends the session, as in a pass, and its error comes back.
   */
  signDocument(pdf: Uint8Array, options: PadesOptions): Promise<{ ok: true; pdf: Uint8Array } | { ok: false; error: AppErrorData } | null> {
    return this.exclusive(async () => {
      const key = this.key;
      if (!key) return null;
      const { signBatch } = await import('./sign-batch');
      const [result] = await signBatch([{ id: 'document', pdf }], key, () => options);
      if (result!.ok) return { ok: true as const, pdf: result!.pdf };
      this.lastError = result!.error;
      if (SESSION_ERRORS.has(result!.error.code)) await this.closeKey();
      return { ok: false as const, error: result!.error };
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async closeKey(): Promise<void> {
    const key = this.key;
    this.key = null;
    this.signerName = null;
    await key?.close();
  }

  status(): BackgroundSigningStatus {
    return { active: this.key !== null, signerName: this.signerName, queued: [...this.queue], lastError: this.lastError };
  }

  private async pass(): Promise<void> {
    for (const dossierId of [...this.queue]) {
      const key = this.key;
      if (!key) return;
      if (!this.deps.signing.hasUnsigned(dossierId)) {
        // Nothing assembled yet stays queued; a dossier already signed at the counter leaves the queue.
        if (this.deps.signing.status(dossierId).length > 0) this.remove(dossierId);
        continue;
      }
      const outcome = await this.deps.signing.signDossierWith(this.accountId, dossierId, key);
      if (outcome.failed.length > 0) this.lastError = outcome.failed[0]!.error;
      if (outcome.failed.some((failure) => SESSION_ERRORS.has(failure.error.code))) {
        // The token went away: what is not signed stays queued for the next session.
        await this.closeKey();
        return;
      }
      // Signed, or a file that would fail the same way again (its reason is in lastError).
      this.remove(dossierId);
    }
  }

  private remove(dossierId: string): void {
    const index = this.queue.indexOf(dossierId);
    if (index >= 0) this.queue.splice(index, 1);
  }
}
