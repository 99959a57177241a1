import { z } from 'zod';
import { SHA256_PATTERN } from '../../shared/sync/protocol';
import type { BlobStore } from '../blobs';
import type { CentralDb } from '../db/open';
import { GatewayError } from '../errors';
import { route, validated, type Route, type RouteContext } from '../http';
import type { Device } from '../commands';
import {
  claimOnlineDossier,
  decideOnlineDossier,
  listOnlineDossiers,
  onlineDecisionSchema,
  onlineIntakeSchema,
  takeInOnlineDossier,
  type Officer,
} from './online-dossiers';
import { submittedFileContent } from './submitted-files';

/** The officer at the counter; the device is what the gateway authenticated (central/server.ts). */
const officerSchema = z.object({ username: z.string().min(1).max(64), fullName: z.string().min(1).max(200) });
const decisionRequestSchema = officerSchema.extend({ decision: onlineDecisionSchema });

export interface OnlineRouteDeps {
  db: CentralDb;
  device(context: RouteContext): Promise<Device>;
  backoffice(context: RouteContext): Promise<unknown>;
  jsonBody(context: RouteContext): unknown;
  now(): Date;
  /** Whether the caller may name this blob (complete, and its agency's): the Form 02/03 of a decision. */
  formBlobKnown?(context: RouteContext, sha256: string): Promise<boolean>;
  blobs: BlobStore;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function dossierId(context: RouteContext): string {
  const id = context.params[0]!;
  if (!ID.test(id)) throw new GatewayError(400, 'BAD_REQUEST', 'not an online dossier id');
  return id;
}

/** Online and postal dossiers (issue 15 §1, central/openapi.yaml): intake by the portal adapter, the counters' queue. */
export function onlineDossierRoutes(deps: OnlineRouteDeps): Route[] {
  const officer = async (context: RouteContext, body: { username: string; fullName: string }): Promise<Officer> => {
    const caller = await deps.device(context);
    return { username: body.username, fullName: body.fullName, deviceId: caller.id, agencyCode: caller.agencyCode };
  };
  const notFound = () => new GatewayError(404, 'ONLINE_DOSSIER_NOT_FOUND', 'no waiting online dossier of this agency has that id');
  const decided = () => new GatewayError(409, 'ONLINE_DOSSIER_DECIDED', 'this online dossier has been decided');

  return [
    route('/v1/backoffice/online-dossiers', {
      POST: async (c) => {
        await deps.backoffice(c);
        return takeInOnlineDossier(deps.db, validated(onlineIntakeSchema, deps.jsonBody(c)));
      },
    }),
    route('/v1/online-dossiers', {
      GET: async (c) => ({ dossiers: await listOnlineDossiers(deps.db, (await deps.device(c)).agencyCode, deps.now()) }),
    }),
    route('/v1/online-dossiers/{id}/claim', {
      POST: async (c) => {
        const id = dossierId(c);
        const claimed = await claimOnlineDossier(deps.db, id, await officer(c, validated(officerSchema, deps.jsonBody(c))), deps.now());
        if (claimed.outcome === 'claimed')
          return {
            until: claimed.until,
            channel: claimed.channel,
            submission: claimed.submission,
            procedureCode: claimed.procedureCode,
            files: claimed.files,
          };
        if (claimed.outcome === 'held') {
          throw new GatewayError(409, 'ONLINE_DOSSIER_HELD', 'another officer holds this online dossier', {
            holder: claimed.holder,
            until: claimed.until,
          });
        }
        throw claimed.outcome === 'decided' ? decided() : notFound();
      },
    }),
    // A file the citizen filed, fetched from the portal at intake; only for the counters of the dossier's agency.
    route('/v1/online-dossiers/{id}/files/{sha256}', {
      GET: async (c) => {
        const id = dossierId(c);
        if (!SHA256_PATTERN.test(c.params[1]!)) throw new GatewayError(400, 'BAD_REQUEST', 'not a sha256');
        return submittedFileContent(deps.db, deps.blobs, (await deps.device(c)).agencyCode, id, c.params[1]!);
      },
    }),
    route('/v1/online-dossiers/{id}/decision', {
      POST: async (c) => {
        const id = dossierId(c);
        const body = validated(decisionRequestSchema, deps.jsonBody(c));
        const form = body.decision.kind === 'accepted' ? undefined : body.decision.form;
        // One answer for a blob not uploaded and one of another agency, so no counter learns what others stored.
        if (form && !(await deps.formBlobKnown?.(c, form.sha256))) {
          throw new GatewayError(422, 'ONLINE_FORM_UNKNOWN', 'the form of this decision is not an uploaded blob of this agency');
        }
        const outcome = await decideOnlineDossier(deps.db, id, await officer(c, body), body.decision, deps.now());
        if (outcome.outcome === 'recorded' || outcome.outcome === 'alreadyRecorded') return { decision: outcome.decision };
        if (outcome.outcome === 'notClaimed') {
          throw new GatewayError(409, 'ONLINE_DOSSIER_NOT_CLAIMED', 'claim this online dossier (again) before deciding');
        }
        throw outcome.outcome === 'decided' ? decided() : notFound();
      },
    }),
  ];
}
