import { eq } from 'drizzle-orm';
import { dueAfter, isAllowed, statusAfter } from '../shared/lifecycle/transitions';
import type { DossierView } from '../shared/reception/dossier-view';
import { dossierLifecyclePayloadSchema, type CommandEnvelope, type DossierLifecycleData } from '../shared/sync/protocol';
import { dossierToActOn, Rejection, type Device } from './commands';
import type { CentralTx } from './db/open';
import { dossierEvents, dossiers } from './db/schema';
import { appendChange } from './feed';

/**
 * Applies a `dossier.lifecycle` command (docs/domain.md §3.4): the transition is checked again on the
 * dossier as the gateway holds it, locked, so two counters acting at once are applied one after the
 * other and the second is refused if the first moved the dossier on. The event is stored in the
 * history with the status the gateway computed (the counter may not have pulled a back-office step
 * yet), the dossier's status and due date follow, and the agency's counters get it through the feed.
 * Exactly once comes from the caller: the command id is recorded in the same savepoint.
 */
export async function dossierLifecycle(tx: CentralTx, device: Device, command: CommandEnvelope): Promise<Record<string, unknown>> {
  const parsed = dossierLifecyclePayloadSchema.safeParse(command.payload);
  if (!parsed.success) throw new Rejection('PAYLOAD_INVALID');
  const { code, event } = parsed.data;
  if (code !== command.dossierCode) throw new Rejection('DOSSIER_CODE_MISMATCH');
  const row = await dossierToActOn(tx, device, code);
  if (!isAllowed(event.type, row.status)) throw new Rejection('LIFECYCLE_NOT_ALLOWED');
  const status = statusAfter(event.type, row.status);
  const view = row.view as DossierView;
  const dueLocal = dueAfter(event, view.dueLocal);
  const stored = { ...event, status };
  const inserted = await tx
    .insert(dossierEvents)
    .values({ id: event.id, dossierCode: code, type: event.type, at: new Date(event.at), payload: stored })
    .onConflictDoNothing()
    .returning({ id: dossierEvents.id });
  if (inserted.length === 0) throw new Rejection('EVENT_EXISTS');
  await tx
    .update(dossiers)
    .set({ status, view: { ...view, status, dueLocal }, updatedAt: new Date() })
    .where(eq(dossiers.code, code));
  const data: DossierLifecycleData = { code, event: stored, status, dueLocal };
  await appendChange(tx, { kind: 'dossierLifecycle', key: event.id, agencyCode: row.agencyCode, data });
  return { dossierCode: code, event: event.type, status, dueLocal };
}
