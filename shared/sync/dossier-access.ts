import { z } from 'zod';
import { dossierViewSchema } from '../reception/dossier-view';
import { SHA256_PATTERN } from './protocol';

/**
 * Province-wide dossier access (issue 14 §1, central/openapi.yaml): a counter online finds and opens
 * any dossier of an agency it may act for (shared/access/authority.ts), whichever counter received it.
 */

export const REMOTE_SEARCH_MAX = 50;

export const remoteSearchRequestSchema = z.object({
  /** A code or part of one, a personal ID or tax code, a phone number, or words of the owner's name. */
  text: z.string().trim().min(1).max(200),
  limit: z.number().int().min(1).max(REMOTE_SEARCH_MAX).default(20),
});
export type RemoteSearchRequest = z.input<typeof remoteSearchRequestSchema>;

export const remoteDossierSummarySchema = z.object({
  code: z.string(),
  agencyCode: z.string(),
  status: z.number().int(),
  ownerName: z.string(),
  procedureName: z.string(),
  receivedLocal: z.string(),
  dueLocal: z.string().nullable(),
});
export type RemoteDossierSummary = z.infer<typeof remoteDossierSummarySchema>;

export const remoteSearchResponseSchema = z.object({ dossiers: z.array(remoteDossierSummarySchema) });

/** A history entry as the counter that recorded it pushed it (its event id is the gateway's too). */
export const remoteEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  at: z.string(),
  status: z.number().int().nullable(),
  actorName: z.string(),
  payload: z.unknown(),
});
export type RemoteEvent = z.infer<typeof remoteEventSchema>;

export const remoteFileSchema = z.object({
  componentCode: z.string(),
  sha256: z.string().regex(SHA256_PATTERN),
  size: z.number().int(),
  mediaType: z.string(),
  pageCount: z.number().int(),
});
export type RemoteFile = z.infer<typeof remoteFileSchema>;

export const remoteDossierSchema = z.object({
  agencyCode: z.string(),
  view: dossierViewSchema,
  events: z.array(remoteEventSchema),
  files: z.array(remoteFileSchema),
});
export type RemoteDossier = z.infer<typeof remoteDossierSchema>;

/** A file of the dossier, whole; the counter checks it against its sha256 before keeping it. */
export const remoteFileContentSchema = z.object({ sha256: z.string().regex(SHA256_PATTERN), dataBase64: z.string() });
