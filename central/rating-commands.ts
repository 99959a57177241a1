import { dossierRatedPayloadSchema, type CommandEnvelope } from '../shared/sync/protocol';
import { dossierToActOn, Rejection, type Device } from './commands';
import type { CentralTx } from './db/open';
import { dossierRatings } from './db/schema';

/**
 * Applies a `dossier.rated` command: the citizen's rating of a dossier the device may act for
 * (docs/domain.md §11). A dossier has one rating per stage; should a
 * second arrive (another counter handed the result over and asked too), the first stands and the
 * second is applied as a no-op, since sending it again could not change that. Exactly once comes
 * from the caller: the command id is recorded in the same savepoint.
 */
export async function dossierRated(tx: CentralTx, device: Device, command: CommandEnvelope): Promise<Record<string, unknown>> {
  const parsed = dossierRatedPayloadSchema.safeParse(command.payload);
  if (!parsed.success) throw new Rejection('PAYLOAD_INVALID');
  const { code, rating } = parsed.data;
  if (code !== command.dossierCode) throw new Rejection('DOSSIER_CODE_MISMATCH');
  await dossierToActOn(tx, device, code);
  if (rating.rating === 'dissatisfied' ? rating.reasons.length === 0 : rating.reasons.length > 0) throw new Rejection('PAYLOAD_INVALID');
  const inserted = await tx
    .insert(dossierRatings)
    .values({
      id: rating.id,
      dossierCode: code,
      stage: rating.stage,
      rating: rating.rating,
      reasons: rating.reasons,
      ratedAt: new Date(rating.ratedAt),
      counterId: device.id,
      officerId: rating.officerId,
      commandId: command.id,
    })
    .onConflictDoNothing()
    .returning({ id: dossierRatings.id });
  return { dossierCode: code, stage: rating.stage, kept: inserted.length > 0 };
}
