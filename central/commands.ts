import { eq } from 'drizzle-orm';
import { isCanonicalDossierCode, parseDossierCode } from '../shared/domain/dossier-code';
import { findUnsafeCharacter, findUnsafeTextIn } from '../shared/domain/safe-text';
import { toVietnamLocal } from '../shared/domain/vietnam-time';
import {
  accountLockedPayloadSchema,
  accountUnlockedPayloadSchema,
  accountSignedInPayloadSchema,
  dossierReceivedPayloadSchema,
  filesAttachedPayloadSchema,
  type FileRef,
  resultReturnedPayloadSchema,
  type CommandEnvelope,
  type CommandResult,
  finalRejections,
  type RejectionReason,
  type StaffData,
  staffCommandKey,
} from '../shared/sync/protocol';
import type { DossierView } from '../shared/reception/dossier-view';
import { DOSSIER_STATUS } from '../shared/reception/dossier-status';
import { agenciesFor } from './access/authorities';
import { missingBlobs } from './blobs';
import type { CentralDb, CentralTx } from './db/open';
import { appliedCommands, dossierEvents, dossierFiles, dossiers } from './db/schema';
import { isDataError } from './errors';
import { appendChange, latestChangeData } from './feed';
import { dossierLifecycle } from './lifecycle-commands';
import { dossierRated } from './rating-commands';
import { applyNewReceptions, receptionResult } from './new-receptions';
import { recordOnlineAcceptance } from './online/online-dossiers';

export interface Device {
  id: string;
  agencyCode: string;
}

/** Thrown inside a command's transaction so its partial effect and its id are rolled back together. */
export class Rejection extends Error {
  constructor(readonly reason: RejectionReason) {
    super(reason);
  }
}

/**
 * Applies a batch in order, in one transaction: one commit for the batch instead of one per
 * command (a commit is the dearest step on PostgreSQL). Each command runs in a savepoint that
 * records the command id with the effect, so a replay (or a concurrent push of the same id) finds
 * the id taken and gets the first result back. A rejected command is rolled back to its savepoint
 * and leaves no trace, so the counter can send it again once the cause is gone — except a final
 * rejection (`finalRejections`: a refused character, a code not canonical, a value the database
 * refuses), which is recorded with its id so one bad command never costs the batch a 500; later commands of
 * its dossier in the batch are held back to keep the dossier's order, while other dossiers go on.
 * Should the batch fail as a whole, nothing of it is applied and the counter sends it again.
 * Receptions of new dossiers, the bulk of a push after days offline, go first in bulk
 * (central/new-receptions.ts): each is alone in the batch about its dossier, so order is kept.
 */
export async function applyCommands(db: CentralDb, device: Device, commands: CommandEnvelope[]): Promise<CommandResult[]> {
  return db.transaction(async (tx) => {
    const fast = await applyNewReceptions(tx, device, commands);
    const held = new Set<string>();
    const results: CommandResult[] = [];
    for (const command of commands) {
      const done = fast.get(command.id);
      if (done) {
        results.push(done);
        continue;
      }
      const result = held.has(command.dossierCode) ? await heldBack(tx, device, command) : await applyOne(tx, device, command);
      if (result.status === 'rejected') held.add(command.dossierCode);
      results.push(result);
    }
    return results;
  });
}

async function heldBack(tx: CentralTx, device: Device, command: CommandEnvelope): Promise<CommandResult> {
  const earlier = await previousResult(tx, device, command.id);
  return earlier ?? { id: command.id, status: 'rejected', reason: 'EARLIER_COMMAND_REJECTED' };
}

async function previousResult(tx: CentralTx, device: Device, commandId: string): Promise<CommandResult | null> {
  const [row] = await tx.select().from(appliedCommands).where(eq(appliedCommands.commandId, commandId));
  if (!row) return null;
  if (row.deviceId !== device.id) return { id: commandId, status: 'rejected', reason: 'COMMAND_ID_TAKEN' };
  const recorded = (row.result as { rejected?: RejectionReason }).rejected;
  if (recorded && finalRejections.has(recorded)) return { id: commandId, status: 'rejected', reason: recorded };
  return { id: commandId, status: 'duplicate', result: row.result as Record<string, unknown> };
}

/**
 * A final rejection is kept with the command id (its result `{ rejected: reason }`), so a replay is
 * answered from it. The envelope's key is stored escaped when it holds a character PostgreSQL refuses.
 */
async function recordRejection(tx: CentralTx, device: Device, command: CommandEnvelope, reason: RejectionReason): Promise<CommandResult> {
  const key = findUnsafeCharacter(command.dossierCode) ? JSON.stringify(command.dossierCode).slice(1, -1) : command.dossierCode;
  await tx
    .insert(appliedCommands)
    .values({ commandId: command.id, deviceId: device.id, kind: command.kind, dossierCode: key, result: { rejected: reason } })
    .onConflictDoNothing();
  return (await previousResult(tx, device, command.id)) ?? { id: command.id, status: 'rejected', reason };
}

async function applyOne(batch: CentralTx, device: Device, command: CommandEnvelope): Promise<CommandResult> {
  if (findUnsafeCharacter(command.dossierCode) || findUnsafeTextIn(command.payload)) {
    return (await previousResult(batch, device, command.id)) ?? recordRejection(batch, device, command, 'TEXT_INVALID_CHARACTERS');
  }
  try {
    return await batch.transaction(async (tx) => {
      const claimed = await tx
        .insert(appliedCommands)
        .values({ commandId: command.id, deviceId: device.id, kind: command.kind, dossierCode: command.dossierCode, result: {} })
        .onConflictDoNothing()
        .returning({ id: appliedCommands.commandId });
      if (claimed.length === 0) return (await previousResult(tx, device, command.id))!;
      const result = await effects[command.kind](tx, device, command);
      await tx.update(appliedCommands).set({ result }).where(eq(appliedCommands.commandId, command.id));
      return { id: command.id, status: 'applied' as const, result };
    });
  } catch (error) {
    if (error instanceof Rejection) {
      if (finalRejections.has(error.reason)) return recordRejection(batch, device, command, error.reason);
      return { id: command.id, status: 'rejected', reason: error.reason };
    }
    if (isDataError(error)) return recordRejection(batch, device, command, 'COMMAND_FAILED');
    throw error;
  }
}

function checkAgency(device: Device, dossierCode: string): void {
  const parts = parseDossierCode(dossierCode);
  if (!parts) throw new Rejection('PAYLOAD_INVALID');
  if (!isCanonicalDossierCode(dossierCode)) throw new Rejection('DOSSIER_CODE_NOT_CANONICAL');
  if (parts.agencyCode !== device.agencyCode) throw new Rejection('AGENCY_MISMATCH');
}

/**
 * The dossier a command acts on, locked until the command's savepoint ends, when the device may act
 * for the dossier's agency: its own, one it receives for, or a predecessor (agency_authorities,
 * docs/architecture.md §8). Commands on one dossier from several counters are applied one after the
 * other on the locked row, so the second sees what the first did. Every command about an existing
 * dossier authorises through here.
 */
export async function dossierToActOn(tx: CentralTx, device: Device, dossierCode: string): Promise<typeof dossiers.$inferSelect> {
  if (!parseDossierCode(dossierCode)) throw new Rejection('PAYLOAD_INVALID');
  if (!isCanonicalDossierCode(dossierCode)) throw new Rejection('DOSSIER_CODE_NOT_CANONICAL');
  const [row] = await tx.select().from(dossiers).where(eq(dossiers.code, dossierCode)).for('update');
  // Usually the dossier's own reception has not arrived yet; the counter retries in order.
  if (!row) throw new Rejection('DOSSIER_UNKNOWN');
  if (!(await agenciesFor(tx, device.agencyCode)).has(row.agencyCode)) throw new Rejection('AGENCY_MISMATCH');
  return row;
}

async function insertEvent(
  tx: CentralTx,
  dossierCode: string,
  event: { id: string; type: string; at: string },
  payload: unknown,
): Promise<void> {
  const inserted = await tx
    .insert(dossierEvents)
    .values({ id: event.id, dossierCode, type: event.type, at: new Date(event.at), payload })
    .onConflictDoNothing()
    .returning({ id: dossierEvents.id });
  if (inserted.length === 0) throw new Rejection('EVENT_EXISTS');
}

async function received(tx: CentralTx, device: Device, command: CommandEnvelope): Promise<Record<string, unknown>> {
  const parsed = dossierReceivedPayloadSchema.safeParse(command.payload);
  if (!parsed.success) throw new Rejection('PAYLOAD_INVALID');
  const { dossier, event } = parsed.data;
  if (dossier.code !== command.dossierCode) throw new Rejection('DOSSIER_CODE_MISMATCH');
  checkAgency(device, dossier.code);
  const inserted = await tx
    .insert(dossiers)
    .values({ code: dossier.code, agencyCode: device.agencyCode, deviceId: device.id, status: dossier.status, view: dossier })
    .onConflictDoNothing()
    .returning({ code: dossiers.code });
  if (inserted.length === 0) throw new Rejection('DOSSIER_EXISTS');
  await insertEvent(tx, dossier.code, event, event);
  await attachFiles(tx, dossier.code, command.id, parsed.data.files);
  const online = parsed.data.online;
  if (online) await recordOnlineAcceptance(tx, device.agencyCode, online, dossier.code, dossier.officer, new Date(event.at));
  return receptionResult(parsed.data);
}

/**
 * A file whose blob is not complete yet is usually still uploading: the rejection is retryable and
 * rolls the whole command back, so the dossier never exists on the gateway with a dangling file.
 */
async function attachFiles(tx: CentralTx, dossierCode: string, commandId: string, files: FileRef[]): Promise<void> {
  if (files.length === 0) return;
  if (
    (
      await missingBlobs(
        tx,
        files.map((f) => f.sha256),
      )
    ).length > 0
  )
    throw new Rejection('BLOB_MISSING');
  await tx
    .insert(dossierFiles)
    .values(
      files.map((f) => ({
        dossierCode,
        componentCode: f.componentCode,
        sha256: f.sha256,
        size: f.size,
        mediaType: f.mediaType,
        pageCount: f.pageCount,
        commandId,
        signed: f.signed ?? false,
      })),
    )
    .onConflictDoNothing();
}

async function filesAttached(tx: CentralTx, device: Device, command: CommandEnvelope): Promise<Record<string, unknown>> {
  const parsed = filesAttachedPayloadSchema.safeParse(command.payload);
  if (!parsed.success) throw new Rejection('PAYLOAD_INVALID');
  const { code, files } = parsed.data;
  if (code !== command.dossierCode) throw new Rejection('DOSSIER_CODE_MISMATCH');
  await dossierToActOn(tx, device, code);
  await attachFiles(tx, code, command.id, files);
  return { dossierCode: code, files: files.length };
}

async function resultReturned(tx: CentralTx, device: Device, command: CommandEnvelope): Promise<Record<string, unknown>> {
  const parsed = resultReturnedPayloadSchema.safeParse(command.payload);
  if (!parsed.success) throw new Rejection('PAYLOAD_INVALID');
  const { code, event } = parsed.data;
  if (code !== command.dossierCode) throw new Rejection('DOSSIER_CODE_MISMATCH');
  const row = await dossierToActOn(tx, device, code);
  // Two counters handed the result over: the first to arrive stands, the second is told (issue 14 §1).
  if (row.status === DOSSIER_STATUS.returned) throw new Rejection('DOSSIER_ALREADY_RETURNED');
  const { collector, collectorIdNumber } = event.payload;
  const view: DossierView = {
    ...(row.view as DossierView),
    status: event.status,
    returnedAt: toVietnamLocal(new Date(event.at)),
    returnedTo: collectorIdNumber ? `${collector} (${collectorIdNumber})` : collector,
  };
  await tx.update(dossiers).set({ status: event.status, view, updatedAt: new Date() }).where(eq(dossiers.code, code));
  await insertEvent(tx, code, event, event);
  // The result documents count in the gateway's signed files and reports like the components (issue 16 §3).
  await attachFiles(tx, code, command.id, parsed.data.files);
  return { dossierCode: code, status: event.status };
}

/**
 * Publishes a lock set at one counter to the agency's other counters. An account the province does
 * not manage (created locally at that counter) has nothing to publish: the command is applied as a
 * no-op rather than rejected, so it never sits in the queue.
 */
async function accountLocked(tx: CentralTx, device: Device, command: CommandEnvelope): Promise<Record<string, unknown>> {
  const parsed = accountLockedPayloadSchema.safeParse(command.payload);
  if (!parsed.success) throw new Rejection('PAYLOAD_INVALID');
  const { username, reason } = parsed.data;
  if (command.dossierCode !== staffCommandKey(username)) throw new Rejection('DOSSIER_CODE_MISMATCH');
  const current = (await latestChangeData(tx, 'staff', username, device.agencyCode)) as StaffData | undefined;
  if (!current) return { username, published: false };
  if (current.locked) return { username, published: false, alreadyLocked: true };
  await appendChange(tx, {
    kind: 'staff',
    key: username,
    agencyCode: device.agencyCode,
    data: { ...current, locked: true, lockReason: reason },
  });
  return { username, published: true };
}

/**
 * Publishes an unlock by a counter's admin. Only a lock some counter published (it carries a
 * `lockReason`) is lifted: a lock the province imported is the province's to lift. Either way the
 * command is applied, never rejected: there is nothing the counter could fix by sending it again.
 */
async function accountUnlocked(tx: CentralTx, device: Device, command: CommandEnvelope): Promise<Record<string, unknown>> {
  const parsed = accountUnlockedPayloadSchema.safeParse(command.payload);
  if (!parsed.success) throw new Rejection('PAYLOAD_INVALID');
  const { username } = parsed.data;
  if (command.dossierCode !== staffCommandKey(username)) throw new Rejection('DOSSIER_CODE_MISMATCH');
  const current = (await latestChangeData(tx, 'staff', username, device.agencyCode)) as StaffData | undefined;
  if (!current?.locked) return { username, published: false };
  if (!current.lockReason) return { username, published: false, lockedByProvince: true };
  const { lockReason: _lifted, ...unlocked } = current;
  await appendChange(tx, { kind: 'staff', key: username, agencyCode: device.agencyCode, data: { ...unlocked, locked: false } });
  return { username, published: true };
}

/**
 * Publishes an officer's sign-in to the agency's counters as the account's latest sign-in. Only a
 * later day than the one published is appended: the inactivity lock counts years, and a feed entry
 * per sign-in would make every counter pull each officer's every sign-in.
 */
async function accountSignedIn(tx: CentralTx, device: Device, command: CommandEnvelope): Promise<Record<string, unknown>> {
  const parsed = accountSignedInPayloadSchema.safeParse(command.payload);
  if (!parsed.success) throw new Rejection('PAYLOAD_INVALID');
  const { username, at } = parsed.data;
  if (command.dossierCode !== staffCommandKey(username)) throw new Rejection('DOSSIER_CODE_MISMATCH');
  const current = (await latestChangeData(tx, 'staff', username, device.agencyCode)) as StaffData | undefined;
  if (!current) return { username, published: false };
  if (current.lastSignInAt && current.lastSignInAt.slice(0, 10) >= at.slice(0, 10)) return { username, published: false };
  await appendChange(tx, { kind: 'staff', key: username, agencyCode: device.agencyCode, data: { ...current, lastSignInAt: at } });
  return { username, published: true };
}

const effects: Record<
  CommandEnvelope['kind'],
  (tx: CentralTx, device: Device, command: CommandEnvelope) => Promise<Record<string, unknown>>
> = {
  'dossier.received': received,
  'dossier.resultReturned': resultReturned,
  'dossier.filesAttached': filesAttached,
  'account.locked': accountLocked,
  'account.unlocked': accountUnlocked,
  'account.signedIn': accountSignedIn,
  'dossier.lifecycle': dossierLifecycle,
  'dossier.rated': dossierRated,
};
