import type { ComponentSigningRepository } from '../../../db/repositories/component-signing-repository';
import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import { AppError, type AppErrorData } from '../../../shared/ipc/result';
import type { FileRef } from '../../../shared/sync/protocol';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../platform/clock';
import type { FileStore } from '../platform/file-store';
import type { KeyFilePurpose } from '../../../shared/signing/known-token-modules';
import { browseKeyFiles, moduleSuggestions } from './key-sources';
import type { SigningKeyChoice } from './open-signing-key';
import type { SigningKey } from './signing-key';

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
  constructor(private readonly deps: DossierSigningDeps) {}

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

  async signDossier(accountId: string | null, dossierId: string, choice: SigningKeyChoice): Promise<DossierSigningResult> {
    const pending = this.deps.signing.pdfs(dossierId).filter((row) => row.signedAt === null);
    if (pending.length === 0) throw new AppError('SIGN_NOTHING_TO_SIGN');
    // PDF and CMS libraries load with the first signing, not with the core (docs/architecture.md §12).
    const { signBatch } = await import('./sign-batch');
    const key = await this.deps.openKey(choice);
    const signingTime = this.deps.clock.now();
    let results;
    try {
      results = await signBatch(
        pending.map((row) => ({ id: row.id, pdf: this.deps.files.read(row.sha256) })),
        key,
        () => ({ signingTime, reason: this.deps.reason }),
      );
    } finally {
      await key.close();
    }
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
