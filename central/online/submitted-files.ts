import fs from 'node:fs';
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { BlobStore } from '../blobs';
import { sha256Hex } from '../credentials';
import type { CentralDb, CentralTx } from '../db/open';
import { onlineDossierFiles, onlineDossiers } from '../db/schema';
import { GatewayError } from '../errors';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from '../portal/retry-policy';
import {
  DEFAULT_SUBMITTED_FILE_FETCH,
  fetchSubmittedFile,
  type SubmittedFileFetch,
  type SubmittedFileFetchOptions,
} from './submitted-file-fetch';

/**
 * The files of online submissions on the gateway (issue 15 §1, docs/architecture.md §8.1): recorded with the
 * dossier at intake, fetched from the portal's links into the blob store — content-addressed as the counters'
 * uploads, held by the dossier's agency — retried with backoff while the portal does not give them, and read by
 * the counters of that agency. A file that cannot be fetched never holds the dossier back: it is offered with
 * that file marked unavailable.
 */

const filedLinkSchema = z.object({
  MaThanhPhanHoSo: z.string().max(50),
  TenTepDinhKem: z.string().max(500),
  DuongDanTaiTepTin: z.string().max(2000),
});

/** One file as the counter sees it with a claim (shared/online/online-queue-protocol.ts). */
export interface SubmittedFileView {
  position: number;
  componentCode: string;
  name: string;
  state: 'pending' | 'stored' | 'refused';
  sha256: string | null;
  size: number | null;
  mediaType: string | null;
  /** Why it is not (yet) available: an ONLINE_FILE_… code (central/online/submitted-file-fetch.ts). */
  errorCode: string | null;
}

/** Records each file the submission links to, once: a resent submission or a second call adds nothing. */
export async function recordSubmittedFiles(
  tx: CentralDb | CentralTx,
  onlineDossierId: string,
  submission: Record<string, unknown>,
  now: Date,
) {
  const filed = Array.isArray(submission.TaiLieuNop) ? submission.TaiLieuNop : [];
  const rows = filed.flatMap((entry, position) => {
    const link = filedLinkSchema.safeParse(entry);
    if (!link.success) return [];
    const { MaThanhPhanHoSo: componentCode, TenTepDinhKem: name, DuongDanTaiTepTin: url } = link.data;
    return [{ onlineDossierId, position, componentCode, name, url, nextAttemptAt: now }];
  });
  if (rows.length > 0) await tx.insert(onlineDossierFiles).values(rows).onConflictDoNothing();
}

export async function submittedFilesOf(db: CentralDb, onlineDossierId: string): Promise<SubmittedFileView[]> {
  const rows = await db
    .select()
    .from(onlineDossierFiles)
    .where(eq(onlineDossierFiles.onlineDossierId, onlineDossierId))
    .orderBy(asc(onlineDossierFiles.position));
  return rows.map((row) => ({
    position: row.position,
    componentCode: row.componentCode,
    name: row.name,
    state: row.state as SubmittedFileView['state'],
    sha256: row.sha256,
    size: row.size,
    mediaType: row.mediaType,
    errorCode: row.errorCode,
  }));
}

export interface SubmittedFileFetcherOptions {
  db: CentralDb;
  blobs: BlobStore;
  fetch?: Partial<SubmittedFileFetchOptions>;
  retry?: RetryPolicy;
  now?: () => Date;
  batchSize?: number;
  /** Lines without personal data: dossier ids, positions, codes; never a link or a file name. */
  log?: (message: string) => void;
}

export interface SubmittedFilesPass {
  stored: number;
  refused: number;
  retried: number;
}

/**
 * Fetches the files due: pending, of dossiers still waiting for a decision, whose next attempt has come. Each
 * stored file is held by the dossier's agency (its quota, its counters' visibility), like a counter's upload.
 */
export async function fetchDueSubmittedFiles(options: SubmittedFileFetcherOptions): Promise<SubmittedFilesPass> {
  const now = options.now?.() ?? new Date();
  const fetchOptions = { ...DEFAULT_SUBMITTED_FILE_FETCH, ...options.fetch };
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const log = options.log ?? (() => undefined);
  const due = await options.db
    .select({
      onlineDossierId: onlineDossierFiles.onlineDossierId,
      position: onlineDossierFiles.position,
      url: onlineDossierFiles.url,
      attempts: onlineDossierFiles.attempts,
      agencyCode: onlineDossiers.agencyCode,
    })
    .from(onlineDossierFiles)
    .innerJoin(onlineDossiers, eq(onlineDossiers.id, onlineDossierFiles.onlineDossierId))
    .where(and(eq(onlineDossierFiles.state, 'pending'), lte(onlineDossierFiles.nextAttemptAt, now), isNull(onlineDossiers.decision)))
    .orderBy(asc(onlineDossierFiles.nextAttemptAt))
    .limit(options.batchSize ?? 20);
  const pass: SubmittedFilesPass = { stored: 0, refused: 0, retried: 0 };
  for (const file of due) {
    const key = and(eq(onlineDossierFiles.onlineDossierId, file.onlineDossierId), eq(onlineDossierFiles.position, file.position));
    const attempts = file.attempts + 1;
    const fetched = await storeFetched(options.blobs, file.agencyCode, await fetchSubmittedFile(file.url, fetchOptions));
    if (fetched.ok) {
      await options.db
        .update(onlineDossierFiles)
        .set({ state: 'stored', sha256: fetched.sha256, size: fetched.size, mediaType: fetched.mediaType, attempts, errorCode: null })
        .where(key);
      pass.stored += 1;
    } else if (!fetched.retry) {
      await options.db.update(onlineDossierFiles).set({ state: 'refused', attempts, errorCode: fetched.code }).where(key);
      pass.refused += 1;
    } else {
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts, retry));
      await options.db.update(onlineDossierFiles).set({ attempts, nextAttemptAt, errorCode: fetched.code }).where(key);
      pass.retried += 1;
    }
    if (!fetched.ok)
      log(`online dossier ${file.onlineDossierId} file ${file.position}: ${fetched.code}${fetched.retry ? ', tried again later' : ''}`);
  }
  return pass;
}

type Stored = { ok: true; sha256: string; size: number; mediaType: string } | { ok: false; code: string; retry: boolean };

async function storeFetched(blobs: BlobStore, agencyCode: string, fetched: SubmittedFileFetch): Promise<Stored> {
  if (!fetched.ok) return fetched;
  const sha256 = sha256Hex(fetched.bytes);
  try {
    await blobs.storeWhole([{ sha256, bytes: fetched.bytes }], { agencyCode, actsFor: new Set([agencyCode]) });
  } catch (error) {
    // The agency's storage full, the disk failing: the portal still has the file, so it is fetched again later.
    if (error instanceof GatewayError) return { ok: false, code: error.code, retry: true };
    throw error;
  }
  return { ok: true, sha256, size: fetched.bytes.byteLength, mediaType: fetched.mediaType };
}

/**
 * One stored file of an online dossier, whole, for a counter of the dossier's agency checking it; only a file the
 * dossier names, so a counter cannot read other blobs through it.
 */
export async function submittedFileContent(
  db: CentralDb,
  blobs: BlobStore,
  agencyCode: string,
  onlineDossierId: string,
  sha256: string,
): Promise<{ sha256: string; dataBase64: string }> {
  const [file] = await db
    .select({ sha256: onlineDossierFiles.sha256 })
    .from(onlineDossierFiles)
    .innerJoin(onlineDossiers, eq(onlineDossiers.id, onlineDossierFiles.onlineDossierId))
    .where(
      and(
        eq(onlineDossierFiles.onlineDossierId, onlineDossierId),
        eq(onlineDossiers.agencyCode, agencyCode),
        eq(onlineDossierFiles.sha256, sha256),
        eq(onlineDossierFiles.state, 'stored'),
      ),
    )
    .limit(1);
  if (!file) throw new GatewayError(404, 'BLOB_UNKNOWN', 'this online dossier of the agency has no such stored file');
  const state = await blobs.state(sha256);
  if (!state.complete) throw new GatewayError(404, 'BLOB_UNKNOWN', 'this blob is not complete');
  return { sha256, dataBase64: (await fs.promises.readFile(blobs.filePath(sha256))).toString('base64') };
}
