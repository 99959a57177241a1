import { inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { isCanonicalDossierCode, parseDossierCode } from '../shared/domain/dossier-code';
import { findUnsafeTextIn } from '../shared/domain/safe-text';
import { dossierReceivedPayloadSchema, type CommandEnvelope, type CommandResult } from '../shared/sync/protocol';
import { missingBlobs } from './blobs';
import type { Device } from './commands';
import { isDataError } from './errors';
import type { CentralTx } from './db/open';
import { appliedCommands, dossierEvents, dossiers } from './db/schema';

/** Values per bulk check: well under PostgreSQL's 65535 parameters. */
const VALUES_PER_CHECK = 5000;

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
 * complete, nothing else in the batch about the same dossier — are written with one statement per
 * table in one savepoint (rows as one JSON parameter: building thousands of bound parameters cost
 * the gateway more CPU than the database spent on them), each with its applied_commands row, so exactly-once still commits
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
    // A value the database refuses in one reception must not fail the batch: the per-command path
    // finds which one and rejects it alone.
    if (error instanceof RaceLost || isDataError(error)) return applied;
    throw error;
  }
  for (const { command, payload } of candidates)
    applied.set(command.id, { id: command.id, status: 'applied', result: receptionResult(payload) });
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
    // An online dossier's acceptance is recorded with it (central/online/online-dossiers.ts): the per-command path does both.
    if (parsed.data.online) continue;
    if (parseDossierCode(command.dossierCode)?.agencyCode !== device.agencyCode) continue;
    // Refused text and non-canonical codes are the per-command path's to reject and record.
    if (!isCanonicalDossierCode(command.dossierCode) || findUnsafeTextIn(command.payload)) continue;
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
    .where(
      inArray(
        appliedCommands.commandId,
        receptions.map((r) => r.command.id),
      ),
    );
  const known = await tx
    .select({ code: dossiers.code })
    .from(dossiers)
    .where(
      inArray(
        dossiers.code,
        receptions.map((r) => r.command.dossierCode),
      ),
    );
  const recorded = await tx
    .select({ id: dossierEvents.id })
    .from(dossierEvents)
    .where(
      inArray(
        dossierEvents.id,
        receptions.map((r) => r.payload.event.id),
      ),
    );
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
  const dossierRows = receptions.map(({ payload: { dossier } }) => ({
    code: dossier.code,
    agency_code: device.agencyCode,
    device_id: device.id,
    status: dossier.status,
    view: dossier,
  }));
  if ((await insertRecordset(tx, 'dossiers', DOSSIER_COLUMNS, dossierRows)) !== receptions.length) throw new RaceLost();
  const eventRows = receptions.map(({ payload: { dossier, event } }) => ({
    id: event.id,
    dossier_code: dossier.code,
    type: event.type,
    at: event.at,
    payload: event,
  }));
  if ((await insertRecordset(tx, 'dossier_events', EVENT_COLUMNS, eventRows)) !== receptions.length) throw new RaceLost();
  const fileRows = receptions.flatMap(({ command, payload }) =>
    payload.files.map((f) => ({
      dossier_code: payload.dossier.code,
      component_code: f.componentCode,
      sha256: f.sha256,
      size: f.size,
      media_type: f.mediaType,
      page_count: f.pageCount,
      command_id: command.id,
      signed: f.signed ?? false,
    })),
  );
  if (fileRows.length > 0) await insertRecordset(tx, 'dossier_files', FILE_COLUMNS, fileRows);
  const claimRows = receptions.map(({ command, payload }) => ({
    command_id: command.id,
    device_id: device.id,
    kind: command.kind,
    dossier_code: command.dossierCode,
    result: receptionResult(payload),
  }));
  if ((await insertRecordset(tx, 'applied_commands', CLAIM_COLUMNS, claimRows)) !== receptions.length) throw new RaceLost();
}

const DOSSIER_COLUMNS = 'code text, agency_code text, device_id text, status bigint, view jsonb';
const EVENT_COLUMNS = 'id text, dossier_code text, type text, at timestamptz, payload jsonb';
const FILE_COLUMNS =
  'dossier_code text, component_code text, sha256 text, size bigint, media_type text, page_count integer, command_id text, signed boolean';
const CLAIM_COLUMNS = 'command_id text, device_id text, kind text, dossier_code text, result jsonb';

/**
 * One multi-row insert whose rows travel as a single JSON parameter (thousands of bound parameters
 * cost the gateway more CPU than the insert); rows that already exist are skipped. Returns how many
 * were inserted. Table and column lists are this module's constants, never input.
 */
function insertRecordset(tx: CentralTx, table: string, columns: string, rows: object[]): Promise<number> {
  const names = columns
    .split(', ')
    .map((column) => column.split(' ')[0])
    .join(', ');
  return rowsOf(
    tx,
    sql`insert into ${sql.raw(table)} (${sql.raw(names)})
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${sql.raw(columns)})
      on conflict do nothing returning 1`,
  );
}

/** Both drivers (node-postgres, PGlite) answer a raw statement with its rows. */
async function rowsOf(tx: CentralTx, statement: SQL): Promise<number> {
  const result = (await tx.execute(statement)) as unknown as { rows: unknown[] };
  return result.rows.length;
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += VALUES_PER_CHECK) out.push(items.slice(i, i + VALUES_PER_CHECK));
  return out;
}
