import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { parseDossierCode } from '../shared/domain/dossier-code';
import { dossierReceivedPayloadSchema, type CommandEnvelope, type CommandResult } from '../shared/sync/protocol';
import { missingBlobs } from './blobs';
import type { Device } from './commands';
import type { CentralTx } from './db/open';
import { appliedCommands, dossierEvents, dossierFiles, dossiers } from './db/schema';

/** Rows per multi-row statement: 7 columns × 5000 stays well under PostgreSQL's 65535 parameters. */
const ROWS_PER_STATEMENT = 5000;

type DossierReceivedPayload = z.infer<typeof dossierReceivedPayloadSchema>;

interface Reception {
  command: CommandEnvelope;
  payload: DossierReceivedPayload;
}

/** The fast path met a row another transaction wrote after the checks: its savepoint is rolled back. */
class RaceLost extends Error {}

export function receptionResult(payload: DossierReceivedPayload): Record<string, unknown> {
  return { dossierCode: payload.dossier.code, status: payload.dossier.status, files: payload.files.length };
}

/**
 * A week offline pushes mostly receptions of new dossiers, which one at a time cost about eight
 * round trips each (savepoint, claim, dossier, event, blob check, files, result, release). Those
 * that checks in bulk show will be applied — id not taken, dossier and event new, every blob
 * complete, nothing else in the batch about the same dossier — are written with a few multi-row
 * statements in one savepoint, each with its applied_commands row, so exactly-once still commits
 * with the effect. Anything else, and all of them should a concurrent push win a row between the
 * checks and the writes, is left to the per-command path, which decides exactly as before.
 */
export async function applyNewReceptions(tx: CentralTx, device: Device, commands: CommandEnvelope[]): Promise<Map<string, CommandResult>> {
  const applied = new Map<string, CommandResult>();
  const candidates = await provenNew(tx, device, candidatesOf(device, commands));
  if (candidates.length === 0) return applied;
  try {
    await tx.transaction((sp) => writeReceptions(sp, device, candidates));
  } catch (error) {
    if (error instanceof RaceLost) return applied;
    throw error;
  }
  for (const { command, payload } of candidates) applied.set(command.id, { id: command.id, status: 'applied', result: receptionResult(payload) });
  return applied;
}

function candidatesOf(device: Device, commands: CommandEnvelope[]): Reception[] {
  const perDossier = countBy(commands, (c) => c.dossierCode);
  const perId = countBy(commands, (c) => c.id);
  const receptions: Reception[] = [];
  for (const command of commands) {
    if (command.kind !== 'dossier.received' || perDossier.get(command.dossierCode) !== 1 || perId.get(command.id) !== 1) continue;
    const parsed = dossierReceivedPayloadSchema.safeParse(command.payload);
    if (!parsed.success || parsed.data.dossier.code !== command.dossierCode) continue;
    if (parseDossierCode(command.dossierCode)?.agencyCode !== device.agencyCode) continue;
    receptions.push({ command, payload: parsed.data });
  }
  const perEvent = countBy(receptions, (r) => r.payload.event.id);
  return receptions.filter((r) => perEvent.get(r.payload.event.id) === 1);
}

async function provenNew(tx: CentralTx, device: Device, receptions: Reception[]): Promise<Reception[]> {
  if (receptions.length === 0) return [];
  const taken = await tx
    .select({ id: appliedCommands.commandId })
    .from(appliedCommands)
    .where(inArray(appliedCommands.commandId, receptions.map((r) => r.command.id)));
  const known = await tx
    .select({ code: dossiers.code })
    .from(dossiers)
    .where(inArray(dossiers.code, receptions.map((r) => r.command.dossierCode)));
  const recorded = await tx
    .select({ id: dossierEvents.id })
    .from(dossierEvents)
    .where(inArray(dossierEvents.id, receptions.map((r) => r.payload.event.id)));
  const missing = new Set<string>();
  const shas = receptions.flatMap((r) => r.payload.files.map((f) => f.sha256));
  for (const chunk of chunks(shas)) for (const sha of await missingBlobs(tx, chunk)) missing.add(sha);
  const takenIds = new Set(taken.map((r) => r.id));
  const knownCodes = new Set(known.map((r) => r.code));
  const recordedEvents = new Set(recorded.map((r) => r.id));
  return receptions.filter(
    (r) =>
      !takenIds.has(r.command.id) &&
      !knownCodes.has(r.command.dossierCode) &&
      !recordedEvents.has(r.payload.event.id) &&
      r.payload.files.every((f) => !missing.has(f.sha256)),
  );
}

async function writeReceptions(tx: CentralTx, device: Device, receptions: Reception[]): Promise<void> {
  const inserted = await tx
    .insert(dossiers)
    .values(receptions.map(({ payload: { dossier } }) => ({ code: dossier.code, agencyCode: device.agencyCode, deviceId: device.id, status: dossier.status, view: dossier })))
    .onConflictDoNothing()
    .returning({ code: dossiers.code });
  if (inserted.length !== receptions.length) throw new RaceLost();
  const events = await tx
    .insert(dossierEvents)
    .values(receptions.map(({ payload: { dossier, event } }) => ({ id: event.id, dossierCode: dossier.code, type: event.type, at: new Date(event.at), payload: event })))
    .onConflictDoNothing()
    .returning({ id: dossierEvents.id });
  if (events.length !== receptions.length) throw new RaceLost();
  const files = receptions.flatMap(({ command, payload }) =>
    payload.files.map((f) => ({ dossierCode: payload.dossier.code, componentCode: f.componentCode, sha256: f.sha256, size: f.size, mediaType: f.mediaType, pageCount: f.pageCount, commandId: command.id })),
  );
  for (const chunk of chunks(files)) await tx.insert(dossierFiles).values(chunk).onConflictDoNothing();
  const claimed = await tx
    .insert(appliedCommands)
    .values(receptions.map(({ command, payload }) => ({ commandId: command.id, deviceId: device.id, kind: command.kind, dossierCode: command.dossierCode, result: receptionResult(payload) })))
    .onConflictDoNothing()
    .returning({ id: appliedCommands.commandId });
  if (claimed.length !== receptions.length) throw new RaceLost();
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) out.push(items.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}
