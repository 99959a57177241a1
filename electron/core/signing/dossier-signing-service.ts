import type { ComponentSigningRepository } from '../../../db/repositories/component-signing-repository';
import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import { uiText } from '../../../shared/i18n/vi';
import { AppError, type AppErrorData } from '../../../shared/ipc/result';
import type { StoredFile } from '../../../shared/reception/draft';
import type { FileRef } from '../../../shared/sync/protocol';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../platform/clock';
import type { FileStore } from '../platform/file-store';
import type { KeyFilePurpose } from '../../../shared/signing/known-token-modules';
import { BackgroundSigning } from './background-signing';
import { browseKeyFiles, moduleSuggestions } from './key-sources';
import type { SigningKeyChoice } from './open-signing-key';
import type { SigningKey } from './signing-key';
import type { PdfReadable } from './sign-batch';

export interface DossierSigningDeps {
  signing: ComponentSigningRepository;
  files: FileStore;
  outbox: OutboxRepository;
  audit: AuditService;
  clock: Clock;
  newId: () => string;
  transaction: <T>(work: () => T) => T;
  openKey: (choice: SigningKeyChoice) => Promise<SigningKey>;
  /** Shown in the signature's /Reason. */
  reason: string;
  /** Vets officer-supplied and portal PDFs off the core's thread before pdf-lib parses them here (sign-batch.ts). */
  pdfReadable?: PdfReadable;
}

/** The /Reason of a signed document outside a dossier's components, by what it is. */
const STORED_FILE_REASONS = { result: uiText.signing.resultReason, notice: uiText.signing.noticeReason } as const;

export type StoredFilePurpose = keyof typeof STORED_FILE_REASONS;

export interface SignedStoredFile {
  from: string;
  file: StoredFile;
}

export interface DossierSigningResult {
  signed: string[];
  failed: Array<{ componentCode: string; error: AppErrorData }>;
}

/**
 * Signs the digitized component PDFs of a dossier with the unit's key in one session — one PIN or
 * password for the batch while the citizen waits (docs/devices.md §7). Each signed PDF replaces the
 * unsigned one at the counter and goes to the gateway as a signed file, so the dossier is reported
 * to DVCQG as digitized only from then on.
 */
export class DossierSigningService {
  /** Signing after the citizen has left, with one session the officer opens (docs/devices.md §7.6). */
  readonly background: BackgroundSigning;

  constructor(private readonly deps: DossierSigningDeps) {
    this.background = new BackgroundSigning({
      signing: this,
      openKey: deps.openKey,
      signerNameOf: async (certificate) => (await import('./cms/certificate-names')).commonNameOf(certificate),
    });
  }

  /** Signed / not yet signed, per component PDF, for the digitization screen. */
  status(dossierId: string): Array<{ componentCode: string; signedAt: string | null }> {
    return this.deps.signing.pdfs(dossierId).map((row) => ({ componentCode: row.componentCode, signedAt: row.signedAt }));
  }

  /** The token libraries to suggest, installed ones first (docs/devices.md §7.3). */
  moduleSuggestions() {
    return moduleSuggestions();
  }

  /** The file picker's folder listing for a token library or a .p12 file. */
  browse(dir: string | null, purpose: KeyFilePurpose) {
    return browseKeyFiles(dir, purpose);
  }

  /** The initialised tokens a library sees; the native library loads only now (docs/architecture.md §12). */
  async tokens(modulePath: string) {
    return (await import('./keys/pkcs11-key')).listTokens(modulePath);
  }

  /** The certificates on a token, read without the PIN so the officer picks one before typing it. */
  async certificates(modulePath: string, tokenLabel: string | undefined) {
    return (await import('./keys/pkcs11-key')).listTokenCertificates(modulePath, tokenLabel);
  }

  /**
   * The signing hook for documents outside a dossier's components: results digitized at the return
   * desk ('result'), and receipts or notices sent electronically for online dossiers ('notice', Thái
   * Nguyên 2020 Đ11.3.b) — the online-dossier flow calls it with the PDF it is about to send. Signs stored PDFs in one
   * session (one PIN) and stores the signed copies beside them; the caller puts the signed file where
   * the unsigned one was. A token pulled out stops the rest, as in signDossier.
   */
  async signStoredFiles(
    accountId: string | null,
    files: ReadonlyArray<Pick<StoredFile, 'sha256' | 'fileName'>>,
    choice: SigningKeyChoice,
    purpose: StoredFilePurpose,
  ): Promise<{ signed: SignedStoredFile[]; failed: Array<{ fileName: string; error: AppErrorData }> }> {
    for (const file of files) if (!this.deps.files.has(file.sha256)) throw new AppError('SIGN_FILE_MISSING', { name: file.fileName });
    const { signBatch } = await import('./sign-batch');
    const key = await this.deps.openKey(choice);
    const signingTime = this.deps.clock.now();
    let results;
    try {
      results = await signBatch(
        files.map((file) => ({ id: file.sha256, pdf: this.deps.files.read(file.sha256) })),
        key,
        () => ({ signingTime, reason: STORED_FILE_REASONS[purpose] }),
        undefined,
        this.deps.pdfReadable,
      );
    } finally {
      await key.close();
    }
    const outcome: Awaited<ReturnType<DossierSigningService['signStoredFiles']>> = { signed: [], failed: [] };
    results.forEach((result, index) => {
      const original = files[index]!;
      if (!result.ok) {
        outcome.failed.push({ fileName: original.fileName, error: result.error });
        return;
      }
      const stored = this.deps.files.put(result.pdf);
      outcome.signed.push({
        from: original.sha256,
        file: { sha256: stored.sha256, fileName: original.fileName, mediaType: 'application/pdf', bytes: stored.bytes },
      });
    });
    if (outcome.signed.length > 0)
      this.deps.audit.record({ accountId, username: null }, 'document.signed', null, { files: outcome.signed.map((s) => s.file.fileName) });
    return outcome;
  }

  /**
   * Signs a document sent electronically — the receipt or Form 02/03 of an online dossier (issue 16 §3,
   * docs/architecture.md §8.1) — with the officer's open background session, if one is open. It never
   * opens a key or asks for a PIN, so the decision it goes with is never held up: without a session,
   * or when the token fails, the document comes back unsigned and says so.
   */
  async signInSession(
    accountId: string | null,
    pdf: Uint8Array,
    label: string,
  ): Promise<{ pdf: Uint8Array; signed: boolean; error: AppErrorData | null }> {
    const outcome = await this.background.signDocument(pdf, { signingTime: this.deps.clock.now(), reason: STORED_FILE_REASONS.notice });
    if (!outcome) return { pdf, signed: false, error: null };
    if (!outcome.ok) return { pdf, signed: false, error: outcome.error };
    this.deps.audit.record({ accountId, username: null }, 'document.signed', null, { files: [label] });
    return { pdf: outcome.pdf, signed: true, error: null };
  }

  async signDossier(accountId: string | null, dossierId: string, choice: SigningKeyChoice): Promise<DossierSigningResult> {
    if (!this.hasUnsigned(dossierId)) throw new AppError('SIGN_NOTHING_TO_SIGN');
    const key = await this.deps.openKey(choice);
    try {
      return await this.signDossierWith(accountId, dossierId, key);
    } finally {
      await key.close();
    }
  }

  /** Whether the dossier has component PDFs not yet signed. */
  hasUnsigned(dossierId: string): boolean {
    return this.deps.signing.pdfs(dossierId).some((row) => row.signedAt === null);
  }

  /** Signs the dossier's unsigned component PDFs with a key already open (one session for many dossiers in the background queue). */
  async signDossierWith(accountId: string | null, dossierId: string, key: SigningKey): Promise<DossierSigningResult> {
    const pending = this.deps.signing.pdfs(dossierId).filter((row) => row.signedAt === null);
    if (pending.length === 0) throw new AppError('SIGN_NOTHING_TO_SIGN');
    // PDF and CMS libraries load with the first signing, not with the core (docs/architecture.md §12).
    const { signBatch } = await import('./sign-batch');
    const signingTime = this.deps.clock.now();
    const results = await signBatch(
      pending.map((row) => ({ id: row.id, pdf: this.deps.files.read(row.sha256) })),
      key,
      () => ({ signingTime, reason: this.deps.reason }),
      undefined,
      this.deps.pdfReadable,
    );
    const signedAt = signingTime.toISOString();
    const outcome: DossierSigningResult = { signed: [], failed: [] };
    const files: FileRef[] = [];
    this.deps.transaction(() => {
      for (const result of results) {
        const row = pending.find((p) => p.id === result.id)!;
        if (!result.ok) {
          outcome.failed.push({ componentCode: row.componentCode, error: result.error });
          continue;
        }
        const stored = this.deps.files.put(result.pdf);
        this.deps.signing.replaceWithSigned(dossierId, row, { ...stored, signedAt });
        files.push({
          componentCode: row.componentCode,
          sha256: stored.sha256,
          size: stored.bytes,
          mediaType: 'application/pdf',
          pageCount: row.pageCount,
          signed: true,
        });
        outcome.signed.push(row.componentCode);
      }
      if (files.length === 0) return;
      this.deps.outbox.append({
        id: this.deps.newId(),
        dossierId,
        kind: 'dossier.filesAttached',
        payload: { code: pending[0]!.dossierCode, files },
        createdAt: signedAt,
      });
      this.deps.audit.record({ accountId, username: null }, 'dossier.signed', pending[0]!.dossierCode, { components: outcome.signed });
    });
    return outcome;
  }
}
