import fs from 'node:fs';
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { isCanonicalDossierCode, parseDossierCode } from '../../shared/domain/dossier-code';
import { foldVietnamese } from '../../shared/domain/text';
import { dossierViewSchema } from '../../shared/reception/dossier-view';
import type { RemoteDossier, RemoteDossierSummary, RemoteEvent, RemoteSearchRequest } from '../../shared/sync/dossier-access';
import type { BlobStore } from '../blobs';
import type { Device } from '../commands';
import type { CentralDb } from '../db/open';
import { dossierEvents, dossierFiles, dossiers } from '../db/schema';
import { GatewayError } from '../errors';
import { agenciesFor } from './authorities';

/**
 * Every precomposed Latin letter Vietnamese writes, beside the letter foldVietnamese makes of it: the
 * arguments of PostgreSQL's translate(), so the database folds a stored name as the counter folds
 * what the officer typed (docs/architecture.md §5), whatever its collation's idea of lower case.
 */
const FOLD_FROM: string[] = [];
const FOLD_TO: string[] = [];
for (const [first, last] of [
  [0x41, 0x5a],
  [0xc0, 0x1b0],
  [0x1ea0, 0x1ef9],
]) {
  for (let point = first!; point <= last!; point += 1) {
    const letter = String.fromCodePoint(point);
    const folded = foldVietnamese(letter);
    if (folded !== letter && /^[a-z]$/.test(folded)) {
      FOLD_FROM.push(letter);
      FOLD_TO.push(folded);
    }
  }
}
const FROM = FOLD_FROM.join('');
const TO = FOLD_TO.join('');

const folded = (json: SQL) => sql`translate(coalesce(${json}, ''), ${FROM}, ${TO})`;
const owner = (field: string) => sql`${dossiers.view}->'owner'->>${field}`;

/** A whole code, or a code inside a look-up URL (as the counter's own look-up takes it). */
const CODE_IN_TEXT = /\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}-\d{6}-\d{4}/;
const CODE_FRAGMENT = /^(?=.*\d)(?=.*[.-])[0-9A-Za-z.-]{3,40}$/;
const PHONE_OR_ID = /^\+?\d[\d-]{7,15}$/;

/** What the officer typed, as one condition on the dossiers table. */
function textCondition(text: string): SQL | null {
  const code = CODE_IN_TEXT.exec(text)?.[0]?.toUpperCase();
  if (code && parseDossierCode(code)) return eq(dossiers.code, code);
  const fragment = text.replace(/\s+/g, '');
  const digits = text.replace(/[\s.()]/g, '');
  // "261206-0002" is both a piece of a code and a run of digits: either may be meant.
  const either: SQL[] = [];
  if (CODE_FRAGMENT.test(fragment)) {
    const escaped = fragment.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    either.push(sql`${dossiers.code} like ${`%${escaped}%`}`);
  }
  if (PHONE_OR_ID.test(digits)) {
    const plain = (digits.startsWith('+84') ? `0${digits.slice(3)}` : digits).replace(/-/g, '');
    either.push(
      sql`(${owner('idNumber')} = ${plain} or ${owner('taxCode')} = ${plain} or ${owner('phone')} = ${plain} or ${owner('oldIdNumber')} = ${plain})`,
    );
  }
  if (either.length > 0) return or(...either)!;
  const words = foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 8);
  if (words.length === 0) return null;
  // lower() after translate(): the letters left are ASCII, which every collation lowers alike.
  const name = sql`lower(${folded(owner('fullName'))})`;
  return and(...words.map((word) => sql`${name} like ${`%${word}%`}`))!;
}

/**
 * Dossiers of the agencies the device may act for that match the text, newest first. The name match
 * scans the device's agencies' dossiers (no index on a folded expression yet); code, ID and phone are
 * exact or prefix matches on the same rows.
 */
export async function searchDossiers(
  db: CentralDb,
  device: Device,
  request: Required<RemoteSearchRequest>,
): Promise<RemoteDossierSummary[]> {
  const condition = textCondition(request.text.normalize('NFC'));
  if (!condition) return [];
  const agencies = [...(await agenciesFor(db, device.agencyCode))];
  const rows = await db
    .select({ code: dossiers.code, agencyCode: dossiers.agencyCode, status: dossiers.status, view: dossiers.view })
    .from(dossiers)
    .where(and(inArray(dossiers.agencyCode, agencies), condition))
    .orderBy(desc(dossiers.updatedAt))
    .limit(request.limit);
  const summaries: RemoteDossierSummary[] = [];
  for (const row of rows) {
    const view = dossierViewSchema.safeParse(row.view);
    if (!view.success) continue;
    summaries.push({
      code: row.code,
      agencyCode: row.agencyCode,
      status: row.status,
      ownerName: view.data.owner.fullName,
      procedureName: view.data.procedure.name,
      receivedLocal: view.data.receivedLocal,
      dueLocal: view.data.dueLocal,
    });
  }
  return summaries;
}

/** The dossier row, if the device may act on it; a dossier of another agency is refused, not hidden. */
async function authorisedRow(db: CentralDb, device: Device, code: string) {
  if (!isCanonicalDossierCode(code)) throw new GatewayError(400, 'BAD_REQUEST', 'the dossier code is not in canonical form');
  const [row] = await db.select().from(dossiers).where(eq(dossiers.code, code));
  if (!row) throw new GatewayError(404, 'DOSSIER_NOT_FOUND', 'no such dossier');
  if (!(await agenciesFor(db, device.agencyCode)).has(row.agencyCode)) {
    throw new GatewayError(403, 'DOSSIER_ACCESS_DENIED', `a counter of ${device.agencyCode} may not act for ${row.agencyCode}`);
  }
  return row;
}

type StoredEvent = { status?: unknown; actorName?: unknown; payload?: unknown };

/** The dossier as the province holds it now: its view, its whole history and the files it names. */
export async function openDossier(db: CentralDb, device: Device, code: string): Promise<RemoteDossier> {
  const row = await authorisedRow(db, device, code);
  const view = dossierViewSchema.safeParse(row.view);
  if (!view.success) throw new GatewayError(500, 'INTERNAL', `the stored view of ${code} does not read back`);
  const events = await db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierCode, code))
    .orderBy(asc(dossierEvents.at), asc(dossierEvents.id));
  const files = await db
    .select()
    .from(dossierFiles)
    .where(eq(dossierFiles.dossierCode, code))
    .orderBy(asc(dossierFiles.componentCode), asc(dossierFiles.sha256));
  return {
    agencyCode: row.agencyCode,
    view: { ...view.data, status: row.status },
    events: events.map((event): RemoteEvent => {
      const stored = (event.payload ?? {}) as StoredEvent;
      return {
        id: event.id,
        type: event.type,
        at: event.at.toISOString(),
        status: typeof stored.status === 'number' ? stored.status : null,
        actorName: typeof stored.actorName === 'string' ? stored.actorName : '',
        payload: stored.payload ?? {},
      };
    }),
    files: files.map((f) => ({
      componentCode: f.componentCode,
      sha256: f.sha256,
      size: f.size,
      mediaType: f.mediaType,
      pageCount: f.pageCount,
    })),
  };
}

/** One file of the dossier, whole, for a counter that opened it elsewhere; only a file the dossier names. */
export async function dossierFile(
  db: CentralDb,
  blobs: BlobStore,
  device: Device,
  code: string,
  sha256: string,
): Promise<{ sha256: string; dataBase64: string }> {
  await authorisedRow(db, device, code);
  const [file] = await db
    .select({ sha256: dossierFiles.sha256 })
    .from(dossierFiles)
    .where(and(eq(dossierFiles.dossierCode, code), eq(dossierFiles.sha256, sha256)))
    .limit(1);
  if (!file) throw new GatewayError(404, 'BLOB_UNKNOWN', 'the dossier names no such file');
  const state = await blobs.state(sha256);
  if (!state.complete) throw new GatewayError(404, 'BLOB_UNKNOWN', 'this blob is not complete');
  return { sha256, dataBase64: (await fs.promises.readFile(blobs.filePath(sha256))).toString('base64') };
}
