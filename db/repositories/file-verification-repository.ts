import { eq } from 'drizzle-orm';
import { signatureVerdictSchema, type SignatureVerdict } from '../../shared/signing/verdict';
import { parseStoredJson } from '../../shared/storage/stored-json';
import type { Db } from '../open';
import { fileVerifications } from '../schema';

export interface StoredVerification {
  trustFingerprint: string;
  verdict: SignatureVerdict;
  verifiedAt: string;
}

/** Signature verdicts kept with the files they were made on (db/schema/file-checks.ts). */
export class FileVerificationRepository {
  constructor(private readonly db: Db) {}

  find(sha256: string): StoredVerification | undefined {
    const row = this.db.select().from(fileVerifications).where(eq(fileVerifications.sha256, sha256)).get();
    if (!row) return undefined;
    return {
      trustFingerprint: row.trustFingerprint,
      verdict: parseStoredJson(signatureVerdictSchema, row.verdict, 'file_verifications.verdict', sha256),
      verifiedAt: row.verifiedAt,
    };
  }

  /** A newer verdict replaces the old one: only the latest trust material counts. */
  put(sha256: string, verification: StoredVerification): void {
    const values = { ...verification, verdict: JSON.stringify(verification.verdict) };
    this.db
      .insert(fileVerifications)
      .values({ sha256, ...values })
      .onConflictDoUpdate({ target: fileVerifications.sha256, set: values })
      .run();
  }
}
