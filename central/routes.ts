import fs from 'node:fs';
import path from 'node:path';
import { isCanonicalDossierCode } from '../shared/domain/dossier-code';
import { BundleFormatError, decodeBlobBundle } from '../shared/sync/blob-bundle';
import {
  backofficeStatusRequestSchema,
  BLOB_BUNDLE_TYPE,
  blobCreateRequestSchema,
  blobsMissingRequestSchema,
  enrollRequestSchema,
  HEADER,
  NONCE_PATTERN,
  pullQuerySchema,
  pushRequestSchema,
  SHA256_PATTERN,
  sequenceBlockRequestSchema,
} from '../shared/sync/protocol';
import { remoteSearchRequestSchema } from '../shared/sync/dossier-access';
import { anchorRequestSchema } from '../shared/audit/audit-anchor';
import { anchorAuditHead } from './audit-anchors';
import { dossierFile, openDossier, searchDossiers } from './access/dossier-access';
import { enrolmentAnswerKey } from '../shared/sync/response-signature';
import { authenticateBackoffice, postDossierStatus, type BackofficeScope } from './backoffice';
import { BlobStore, checkBlobSize, type BlobCaller } from './blobs';
import { agenciesFor } from './access/authorities';
import { applyCommands, type Device } from './commands';
import { dvcqgDossier } from './dvcqg';
import { enrollDevice } from './enrolment';
import { GatewayError } from './errors';
import { pullChanges } from './feed';
import {
  CHUNK_TYPE,
  headerValue,
  JSON_TYPE,
  parseJson,
  requireContentType,
  route,
  signAnswers,
  STREAMED,
  validated,
  type Route,
  type RouteContext,
} from './http';
import { leaseSequenceBlock } from './sequence-blocks';
import { onlineDossierRoutes } from './online/online-routes';
import type { GatewayOptions } from './server';

const BUNDLE_TYPE = new RegExp(`^${BLOB_BUNDLE_TYPE.replaceAll('.', '\\.')}(;|$)`, 'i');

/** Every endpoint of v1 (central/openapi.yaml): who may call it and what it does. */
export function gatewayRoutes(options: GatewayOptions): Route[] {
  const { database, masterKey } = options;
  const db = database.db;
  const blobStore = new BlobStore(db, options.blobDir, options.agencyStorageQuotaBytes);
  // The server authenticated a counter's headers before reading the body, and the body against them (central/server.ts).
  const device = async (context: RouteContext): Promise<Device> => {
    if (!context.device) throw new GatewayError(401, 'AUTH_MISSING', 'this endpoint takes a device-signed request');
    return context.device;
  };
  // Blobs are scoped to the agencies the device may act for (issue 17 finding 4).
  const blobCaller = async (context: RouteContext): Promise<BlobCaller> => {
    const caller = await device(context);
    return { agencyCode: caller.agencyCode, actsFor: await agenciesFor(db, caller.agencyCode) };
  };
  const jsonBody = (context: RouteContext): unknown => {
    requireContentType(context.request, JSON_TYPE, 'application/json');
    return parseJson(context.body);
  };
  const backoffice = (context: RouteContext, scope: BackofficeScope) =>
    authenticateBackoffice(db, context.request.headers.authorization, scope);
  const origin = () => options.publicUrl;

  return [
    route('/v1/health', { GET: async () => ({ status: 'ok', protocol: 'v1', database: database.kind, time: new Date().toISOString() }) }),
    route('/v1/enroll', {
      POST: async (c) => {
        const request = validated(enrollRequestSchema, jsonBody(c));
        // The counter has no secret yet: the answer is signed with the code it typed (issue 17 finding 1).
        const nonce = headerValue(c.request, HEADER.nonce);
        if (NONCE_PATTERN.test(nonce)) signAnswers(c.response, enrolmentAnswerKey(request.code), nonce);
        return enrollDevice(db, masterKey, request);
      },
    }),
    route('/v1/commands', {
      POST: async (c) => {
        const caller = await device(c);
        const { commands } = validated(pushRequestSchema, jsonBody(c));
        return { results: await applyCommands(db, caller, commands) };
      },
    }),
    route('/v1/blobs', {
      POST: async (c) => {
        const caller = await blobCaller(c);
        const body = jsonBody(c);
        checkBlobSize(body);
        return blobStore.create(validated(blobCreateRequestSchema, body), caller);
      },
    }),
    route('/v1/blobs/missing', {
      POST: async (c) => {
        const caller = await blobCaller(c);
        return { missing: await blobStore.missing(validated(blobsMissingRequestSchema, jsonBody(c)).sha256s, caller) };
      },
    }),
    route('/v1/blobs/bundle', {
      POST: async (c) => {
        const caller = await blobCaller(c);
        requireContentType(c.request, BUNDLE_TYPE, BLOB_BUNDLE_TYPE);
        let sent;
        try {
          sent = decodeBlobBundle(c.body);
        } catch (error) {
          if (error instanceof BundleFormatError) throw new GatewayError(400, 'BAD_REQUEST', error.message);
          throw error;
        }
        return { blobs: await blobStore.storeWhole(sent, caller) };
      },
    }),
    route('/v1/blobs/{sha256}', {
      GET: async (c) => blobStore.stateFor(await blobCaller(c), c.params[0]!),
      PATCH: async (c) => {
        const caller = await blobCaller(c);
        requireContentType(c.request, CHUNK_TYPE, 'application/offset+octet-stream');
        const offsetText = headerValue(c.request, HEADER.uploadOffset);
        const chunkSha256 = headerValue(c.request, HEADER.chunkSha256);
        if (!/^\d{1,15}$/.test(offsetText)) throw new GatewayError(400, 'BAD_REQUEST', 'Upload-Offset must be a non-negative integer');
        if (!SHA256_PATTERN.test(chunkSha256))
          throw new GatewayError(400, 'BAD_REQUEST', 'X-Chunk-Sha256 must be 64 lower-case hex digits');
        return blobStore.append(c.params[0]!, Number(offsetText), chunkSha256, c.body, caller);
      },
    }),
    route('/v1/pull', {
      GET: async (c) => {
        const caller = await device(c);
        const query = validated(pullQuerySchema, Object.fromEntries(c.query));
        return pullChanges(db, caller.agencyCode, query.cursor, query.limit);
      },
    }),
    route('/v1/sequence-blocks', {
      POST: async (c) =>
        leaseSequenceBlock(
          db,
          await device(c),
          validated(sequenceBlockRequestSchema, jsonBody(c)),
          options.sequencePolicy,
          new Date(options.now?.() ?? Date.now()),
        ),
    }),
    // The counter's audit head at every sync (issue 17 finding 6).
    route('/v1/audit/anchors', {
      POST: async (c) =>
        anchorAuditHead(db, await device(c), validated(anchorRequestSchema, jsonBody(c)), new Date(options.now?.() ?? Date.now())),
    }),
    // Province-wide dossier access (issue 14 §1): only dossiers of agencies the device may act for.
    route('/v1/dossiers/search', {
      POST: async (c) => ({ dossiers: await searchDossiers(db, await device(c), validated(remoteSearchRequestSchema, jsonBody(c))) }),
    }),
    route('/v1/dossiers/{code}', { GET: async (c) => openDossier(db, await device(c), c.params[0]!) }),
    route('/v1/dossiers/{code}/files/{sha256}', {
      GET: async (c) => {
        const caller = await device(c);
        if (!SHA256_PATTERN.test(c.params[1]!)) throw new GatewayError(400, 'BAD_REQUEST', 'not a sha256');
        return dossierFile(db, blobStore, caller, c.params[0]!, c.params[1]!);
      },
    }),
    route('/v1/backoffice/dossiers/{code}/status', {
      POST: async (c) => {
        const caller = await backoffice(c, 'dossier-status');
        return postDossierStatus(db, caller, canonicalCode(c.params[0]!), validated(backofficeStatusRequestSchema, jsonBody(c)));
      },
    }),
    route('/v1/dvcqg/dossiers/{code}', {
      GET: async (c) => {
        await backoffice(c, 'dvcqg');
        return dvcqgDossier(db, canonicalCode(c.params[0]!), `${origin()}/v1/files`);
      },
    }),
    ...onlineDossierRoutes({
      db,
      device,
      backoffice: (c) => backoffice(c, 'online'),
      jsonBody,
      now: () => new Date(options.now?.() ?? Date.now()),
      formBlobKnown: async (c, sha256) => (await blobStore.missing([sha256], await blobCaller(c))).length === 0,
      blobs: blobStore,
    }),
    route('/v1/files/{sha256}', {
      GET: async (c) => {
        await backoffice(c, 'files');
        const state = await blobStore.state(c.params[0]!);
        if (!state.complete) throw new GatewayError(404, 'BLOB_UNKNOWN', 'this blob is not complete');
        const file = blobStore.filePath(state.sha256);
        c.response.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': state.size,
          'cache-control': 'no-store',
          'content-disposition': `attachment; filename="${path.basename(file)}"`,
        });
        await new Promise<void>((resolve, reject) => fs.createReadStream(file).on('error', reject).pipe(c.response).on('finish', resolve));
        return STREAMED;
      },
    }),
  ];
}

/**
 * A dossier code in a route is taken only as `formatDossierCode` writes it (issue 17): a NUL would be
 * the database's error, a trailing tab or an ideographic space a code that matches nothing by accident.
 */
function canonicalCode(code: string): string {
  if (!isCanonicalDossierCode(code)) throw new GatewayError(400, 'BAD_REQUEST', 'the dossier code is not in canonical form');
  return code;
}
