import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { DossierView } from '../shared/reception/dossier-view';
import type { DossierStatusData } from '../shared/sync/protocol';
import { sha256Hex } from './credentials';
import type { CentralDb } from './db/open';
import { backofficeTokens, dossierEvents, dossiers } from './db/schema';
import { GatewayError } from './errors';
import { appendChange } from './feed';

/**
 * What a back-office token may do (issue 17 finding 4): post dossier statuses, read DVCQG's view of a dossier, fetch
 * files by their links, and list or deliver online dossiers. A token gets only the scopes it was made with.
 */
export const BACKOFFICE_SCOPES = ['dossier-status', 'dvcqg', 'files', 'online'] as const;
export type BackofficeScope = (typeof BACKOFFICE_SCOPES)[number];

export function isBackofficeScope(text: string): text is BackofficeScope {
  return (BACKOFFICE_SCOPES as readonly string[]).includes(text);
}

export interface BackofficeCaller {
  id: string;
  name: string;
}

/**
 * The token is shown once; only its sha256 is stored, so a database copy cannot post statuses. The CLI always names
 * the scopes (`--scope`); callers that leave them out (tests of one provincial system) get every scope.
 */
export async function createBackofficeToken(
  db: CentralDb,
  name: string,
  scopes: readonly BackofficeScope[] = BACKOFFICE_SCOPES,
): Promise<{ id: string; token: string; scopes: BackofficeScope[] }> {
  const id = uuidv7();
  const token = `qbo_${randomBytes(32).toString('base64url')}`;
  const granted = BACKOFFICE_SCOPES.filter((scope) => scopes.includes(scope));
  await db.insert(backofficeTokens).values({ id, name, tokenHash: sha256Hex(token), scopes: granted });
  return { id, token, scopes: granted };
}

/** Revokes a token from now on; false when there is no such token or it was revoked already. */
export async function revokeBackofficeToken(db: CentralDb, id: string, now = new Date()): Promise<boolean> {
  const revoked = await db
    .update(backofficeTokens)
    .set({ revokedAt: now })
    .where(and(eq(backofficeTokens.id, id), isNull(backofficeTokens.revokedAt)))
    .returning({ id: backofficeTokens.id });
  return revoked.length > 0;
}

export async function authenticateBackoffice(
  db: CentralDb,
  authorization: string | undefined,
  scope: BackofficeScope,
): Promise<BackofficeCaller> {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(authorization ?? '');
  if (!match) throw new GatewayError(401, 'AUTH_MISSING', 'send Authorization: Bearer <back-office token>');
  const [row] = await db
    .select({ id: backofficeTokens.id, name: backofficeTokens.name, scopes: backofficeTokens.scopes })
    .from(backofficeTokens)
    .where(and(eq(backofficeTokens.tokenHash, sha256Hex(match[1]!)), isNull(backofficeTokens.revokedAt)));
  if (!row) throw new GatewayError(401, 'TOKEN_INVALID', 'unknown or revoked back-office token');
  if (!row.scopes.includes(scope)) throw new GatewayError(403, 'TOKEN_SCOPE_DENIED', `this token lacks the ${scope} scope`, { scope });
  return { id: row.id, name: row.name };
}

/**
 * Statuses the provincial back office may set (docs/domain.md §3.1). 1 and 2 belong to filing and
 * reception, 10 to the hand-over at the counter.
 */
export const BACKOFFICE_STATUSES: readonly number[] = [3, 4, 5, 6, 7, 8, 9];

/**
 * Records a status decided by a provincial system: an event in the dossier's history, the new
 * status on the dossier and a `dossierStatus` change for its agency's counters, all in one transaction.
 */
export async function postDossierStatus(
  db: CentralDb,
  caller: BackofficeCaller,
  code: string,
  request: { status: number; note: string; at?: string },
  now = new Date(),
): Promise<DossierStatusData> {
  if (!BACKOFFICE_STATUSES.includes(request.status)) {
    throw new GatewayError(400, 'BAD_REQUEST', `the back office may set statuses ${BACKOFFICE_STATUSES.join(', ')}`);
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(dossiers).where(eq(dossiers.code, code)).for('update');
    if (!row) throw new GatewayError(404, 'DOSSIER_NOT_FOUND', `no dossier ${code} on this gateway`);
    const at = request.at ? new Date(request.at) : now;
    const eventId = uuidv7();
    await tx.insert(dossierEvents).values({
      id: eventId,
      dossierCode: code,
      type: 'statusChanged',
      at,
      payload: {
        id: eventId,
        type: 'statusChanged',
        status: request.status,
        at: at.toISOString(),
        actorName: caller.name,
        payload: { note: request.note, source: 'backoffice' },
      },
    });
    const view: DossierView = { ...(row.view as DossierView), status: request.status };
    await tx.update(dossiers).set({ status: request.status, view, updatedAt: now }).where(eq(dossiers.code, code));
    const data: DossierStatusData = { code, status: request.status, note: request.note, at: at.toISOString(), eventId };
    await appendChange(tx, { kind: 'dossierStatus', key: code, agencyCode: row.agencyCode, data });
    return data;
  });
}
