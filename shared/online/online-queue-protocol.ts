import { z } from 'zod';
import type { DecisionFormRef } from './decision-forms';

/** One dossier of `GET /v1/online-dossiers` (central/openapi.yaml, issue 15 §1). */
export const remoteOnlineDossierSchema = z.object({
  id: z.string(),
  /** KenhThucHien: 2 online, 3 postal. */
  channel: z.union([z.literal(2), z.literal(3)]),
  procedureCode: z.string(),
  submittedAt: z.string(),
  /** Local `YYYY-MM-DDTHH:mm` in Vietnam, computed by the gateway at intake. */
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  /** ChuHoSo as filed; the whole submission comes with the dossier when it is opened. */
  applicantName: z.string(),
  claimedBy: z.object({ username: z.string(), fullName: z.string(), until: z.string() }).nullable(),
});
export type RemoteOnlineDossier = z.infer<typeof remoteOnlineDossierSchema>;

export const onlineQueueResponseSchema = z.object({ dossiers: z.array(remoteOnlineDossierSchema) });

/** The counter's "Hồ sơ trực tuyến" queue over IPC (electron/core/online/online-queue.ts). */
export const onlineQueueSchema = z.object({
  online: z.boolean(),
  reason: z.enum(['offline', 'notEnrolled']).nullable(),
  message: z.string().nullable(),
  count: z.number().int().min(0),
  dossiers: z.array(
    remoteOnlineDossierSchema.extend({
      sla: z.object({
        deadline: z.string(),
        workingMinutesLeft: z.number().int().min(0),
        overdue: z.boolean(),
        colour: z.enum(['green', 'orange', 'red']),
      }),
    }),
  ),
});

/**
 * A file the citizen filed, as the gateway fetched it from the portal's link (central/online/submitted-files.ts):
 * `stored` with its blob, `pending` while the portal does not give it (tried again), `refused` for good; `errorCode`
 * (ONLINE_FILE_…) says why it is not available.
 */
export const submittedFileSchema = z.object({
  position: z.number().int().min(0),
  componentCode: z.string(),
  name: z.string(),
  state: z.enum(['pending', 'stored', 'refused']),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  size: z.number().int().min(0).nullable(),
  mediaType: z.string().nullable(),
  errorCode: z.string().nullable(),
});
export type SubmittedFile = z.infer<typeof submittedFileSchema>;

/** The claim's end, and what the citizen filed (applicant, contacts, files) for the officer to check. */
export const onlineClaimResponseSchema = z.object({
  until: z.string(),
  channel: z.union([z.literal(2), z.literal(3)]),
  submission: z.record(z.string(), z.unknown()),
  /** MaTTHC of the dossier, for the forms of the decision; absent from gateways before the forms were sent. */
  procedureCode: z.string().optional(),
  files: z.array(submittedFileSchema).default([]),
});
export type OnlineClaim = z.infer<typeof onlineClaimResponseSchema>;

/** A supplement request or a refusal of an online dossier, sent to the gateway (issue 15 §1). */
export interface OnlineDecisionRequest {
  id: string;
  kind: 'supplement' | 'refused';
  reason: string;
  /** Form 02 or 03 as a blob already uploaded; absent when no form could be made (and from older counters). */
  form?: DecisionFormRef;
}

export const onlineDecisionResponseSchema = z.object({ decision: z.enum(['accepted', 'supplement', 'refused']) });
