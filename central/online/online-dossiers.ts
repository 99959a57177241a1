import { and, asc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { isCanonicalDossierCode } from '../../shared/domain/dossier-code';
import { defaultCalendar, type WorkingCalendar } from '../../shared/domain/working-time';
import { onlineCheckDeadline } from '../../shared/online/online-deadline';
import { decisionFormRefSchema } from '../../shared/online/decision-forms';
import type { CentralDb, CentralTx } from '../db/open';
import { centralChanges, onlineDecisionOutbox, onlineDossiers } from '../db/schema';
import { recordSubmittedFiles, submittedFilesOf, type SubmittedFileView } from './submitted-files';

/**
 * Online and postal dossiers on the gateway (issue 15 §1): taken in from the portal adapter, offered to
 * the counters of their agency sorted by the 4-working-hour deadline, claimed under a lease so two
 * officers never check the same one, and decided once (docs/architecture.md §8.1).
 */

/** KenhThucHien (docs/domain.md §2): 2 online, 3 public postal service. */
export const CHANNEL_BY_SOURCE = { portal: 2, post: 3 } as const;
export type OnlineSource = keyof typeof CHANNEL_BY_SOURCE;

/** Long enough to open the files and tick the checklist; a forgotten claim frees itself. */
export const DEFAULT_CLAIM_MS = 15 * 60_000;

export const onlineIntakeSchema = z.object({
  source: z.enum(['portal', 'post']),
  externalId: z.string().min(1).max(100),
  agencyCode: z.string().min(1).max(50),
  procedureCode: z.string().min(1).max(50),
  submittedAt: z.iso.datetime(),
  /** What the citizen filed, as the portal sent it: applicant, contacts, file links. */
  submission: z.record(z.string(), z.unknown()),
});
export type OnlineIntake = z.infer<typeof onlineIntakeSchema>;

export interface Officer {
  username: string;
  fullName: string;
  deviceId: string;
  agencyCode: string;
}

export interface QueuedOnlineDossier {
  id: string;
  channel: number;
  procedureCode: string;
  submittedAt: string;
  deadline: string;
  /** The applicant (ChuHoSo) as filed; the rest of the submission is read when a dossier is opened. */
  applicantName: string;
  /** Who holds a live claim, if anyone. */
  claimedBy: { username: string; fullName: string; until: string } | null;
}

/**
 * The province's working calendar as the gateway publishes it: the common hours of docs/domain.md §8.3
 * with the days off and swapped working days of the imported calendar (the latest entry for each date).
 */
export async function provinceCalendar(db: CentralDb): Promise<WorkingCalendar> {
  const rows = await db
    .select({ key: centralChanges.key, data: centralChanges.data })
    .from(centralChanges)
    .where(eq(centralChanges.kind, 'calendarDay'))
    .orderBy(asc(centralChanges.seq));
  const latest = new Map<string, { kind?: string }>();
  for (const row of rows) latest.set(row.key, row.data as { kind?: string });
  const calendar = defaultCalendar([...latest].filter(([, d]) => d.kind === 'dayOff').map(([date]) => date));
  calendar.workingDays = [...latest].filter(([, d]) => d.kind === 'workingDay').map(([date]) => date);
  return calendar;
}

/** Takes a submission in once: the portal resending it (same source and id) gives back the first. */
export async function takeInOnlineDossier(db: CentralDb, input: OnlineIntake): Promise<{ id: string; deadline: string; created: boolean }> {
  const submittedAt = new Date(input.submittedAt);
  const deadline = onlineCheckDeadline(submittedAt, await provinceCalendar(db));
  // The files it links to are recorded with it, so the intake fetches them even after a restart.
  const inserted = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(onlineDossiers)
      .values({
        id: uuidv7(),
        source: input.source,
        externalId: input.externalId,
        channel: CHANNEL_BY_SOURCE[input.source],
        agencyCode: input.agencyCode,
        procedureCode: input.procedureCode,
        submittedAt,
        deadline,
        submission: input.submission,
      })
      .onConflictDoNothing()
      .returning({ id: onlineDossiers.id, deadline: onlineDossiers.deadline });
    if (rows[0]) await recordSubmittedFiles(tx, rows[0].id, input.submission, submittedAt);
    return rows;
  });
  if (inserted[0]) return { ...inserted[0], created: true };
  const [existing] = await db
    .select({ id: onlineDossiers.id, deadline: onlineDossiers.deadline })
    .from(onlineDossiers)
    .where(and(eq(onlineDossiers.source, input.source), eq(onlineDossiers.externalId, input.externalId)));
  return { ...existing!, created: false };
}

/**
 * The agency's dossiers still waiting for a decision, earliest deadline first. Only the columns the
 * queue shows: the submission (file links, contacts) stays in the database until a dossier is opened,
 * which keeps a list of a thousand within the counter's 50 ms (bench:online-queue).
 */
export async function listOnlineDossiers(db: CentralDb, agencyCode: string, now: Date): Promise<QueuedOnlineDossier[]> {
  const rows = await db
    .select({
      id: onlineDossiers.id,
      channel: onlineDossiers.channel,
      procedureCode: onlineDossiers.procedureCode,
      submittedAt: onlineDossiers.submittedAt,
      deadline: onlineDossiers.deadline,
      applicantName: sql<string | null>`${onlineDossiers.submission}->>'ChuHoSo'`,
      claimedBy: onlineDossiers.claimedBy,
      claimedByName: onlineDossiers.claimedByName,
      claimedUntil: onlineDossiers.claimedUntil,
    })
    .from(onlineDossiers)
    .where(and(eq(onlineDossiers.agencyCode, agencyCode), isNull(onlineDossiers.decision)))
    .orderBy(asc(onlineDossiers.deadline), asc(onlineDossiers.submittedAt));
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    procedureCode: row.procedureCode,
    submittedAt: row.submittedAt.toISOString(),
    deadline: row.deadline,
    applicantName: row.applicantName ?? '',
    claimedBy:
      row.claimedBy && row.claimedUntil && row.claimedUntil > now
        ? { username: row.claimedBy, fullName: row.claimedByName ?? row.claimedBy, until: row.claimedUntil.toISOString() }
        : null,
  }));
}

export type ClaimOutcome =
  /** The submission comes with the claim: the officer checks its files against the checklist. */
  | {
      outcome: 'claimed';
      until: string;
      channel: number;
      submission: Record<string, unknown>;
      procedureCode: string;
      files: SubmittedFileView[];
    }
  | { outcome: 'held'; holder: { username: string; fullName: string }; until: string }
  | { outcome: 'decided' }
  | { outcome: 'notFound' };

/**
 * Claims a waiting dossier for an officer, or renews that officer's own claim. One conditional UPDATE,
 * so of two officers claiming at once exactly one wins and the other is told who holds it.
 */
export async function claimOnlineDossier(
  db: CentralDb,
  id: string,
  officer: Officer,
  now: Date,
  claimMs = DEFAULT_CLAIM_MS,
): Promise<ClaimOutcome> {
  const until = new Date(now.getTime() + claimMs);
  const claimed = await db
    .update(onlineDossiers)
    .set({ claimedBy: officer.username, claimedByName: officer.fullName, claimDeviceId: officer.deviceId, claimedUntil: until })
    .where(
      and(
        eq(onlineDossiers.id, id),
        eq(onlineDossiers.agencyCode, officer.agencyCode),
        isNull(onlineDossiers.decision),
        or(
          isNull(onlineDossiers.claimedUntil),
          lt(onlineDossiers.claimedUntil, now),
          and(eq(onlineDossiers.claimedBy, officer.username), eq(onlineDossiers.claimDeviceId, officer.deviceId)),
        ),
      ),
    )
    .returning({ channel: onlineDossiers.channel, submission: onlineDossiers.submission, procedureCode: onlineDossiers.procedureCode });
  if (claimed[0]) {
    return {
      outcome: 'claimed',
      until: until.toISOString(),
      channel: claimed[0].channel,
      submission: claimed[0].submission as Record<string, unknown>,
      procedureCode: claimed[0].procedureCode,
      files: await submittedFilesOf(db, id),
    };
  }
  const [row] = await db
    .select()
    .from(onlineDossiers)
    .where(and(eq(onlineDossiers.id, id), eq(onlineDossiers.agencyCode, officer.agencyCode)));
  if (!row) return { outcome: 'notFound' };
  if (row.decision) return { outcome: 'decided' };
  return {
    outcome: 'held',
    holder: { username: row.claimedBy!, fullName: row.claimedByName ?? row.claimedBy! },
    until: row.claimedUntil!.toISOString(),
  };
}

export const onlineDecisionSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.uuid(), kind: z.literal('accepted'), dossierCode: z.string().refine(isCanonicalDossierCode) }),
  // `form`: Form 02/03 as an uploaded blob (shared/online/decision-forms.ts); optional for counters that send none.
  z.object({ id: z.uuid(), kind: z.literal('supplement'), reason: z.string().min(1).max(2000), form: decisionFormRefSchema.optional() }),
  z.object({ id: z.uuid(), kind: z.literal('refused'), reason: z.string().min(1).max(2000), form: decisionFormRefSchema.optional() }),
]);
export type OnlineDecision = z.infer<typeof onlineDecisionSchema>;

export type DecisionOutcome =
  | { outcome: 'recorded'; decision: OnlineDecision['kind'] }
  /** The same decision sent again (a lost answer): nothing changes. */
  | { outcome: 'alreadyRecorded'; decision: OnlineDecision['kind'] }
  | { outcome: 'notClaimed' }
  | { outcome: 'decided' }
  | { outcome: 'notFound' };

/**
 * What a supplement request or refusal owes outside, written with the decision (central/online/online-decision-delivery.ts):
 * the portal's status of its own submission (only a portal filing is known there) and the applicant's e-mail.
 */
export const ONLINE_DECISION_TARGETS = ['dvcqg', 'email'] as const;
export type OnlineDecisionTarget = (typeof ONLINE_DECISION_TARGETS)[number];

/**
 * Records the decision of the officer holding a live claim, once; the claim ends with it. A supplement request or
 * refusal owes its notices from the same transaction, so a gateway killed after the answer still sends them.
 */
export async function decideOnlineDossier(
  db: CentralDb,
  id: string,
  officer: Officer,
  decision: OnlineDecision,
  now: Date,
): Promise<DecisionOutcome> {
  const recorded = await db.transaction(async (tx) => {
    const rows = await recordDecision(tx, id, officer, decision, now);
    if (rows.length > 0 && decision.kind !== 'accepted') {
      await tx
        .insert(onlineDecisionOutbox)
        .values(ONLINE_DECISION_TARGETS.map((target) => ({ onlineDossierId: id, decisionId: decision.id, target, nextAttemptAt: now })))
        .onConflictDoNothing();
    }
    return rows;
  });
  if (recorded.length > 0) return { outcome: 'recorded', decision: decision.kind };
  const [row] = await db
    .select()
    .from(onlineDossiers)
    .where(and(eq(onlineDossiers.id, id), eq(onlineDossiers.agencyCode, officer.agencyCode)));
  if (!row) return { outcome: 'notFound' };
  if (row.decisionId === decision.id) return { outcome: 'alreadyRecorded', decision: row.decision as OnlineDecision['kind'] };
  if (row.decision) return { outcome: 'decided' };
  return { outcome: 'notClaimed' };
}

function recordDecision(tx: CentralTx, id: string, officer: Officer, decision: OnlineDecision, now: Date) {
  return tx
    .update(onlineDossiers)
    .set({
      decision: decision.kind,
      decisionId: decision.id,
      decidedBy: officer.username,
      decidedAt: now,
      dossierCode: decision.kind === 'accepted' ? decision.dossierCode : null,
      reason: decision.kind === 'accepted' ? null : decision.reason,
      formSha256: decision.kind === 'accepted' ? null : (decision.form?.sha256 ?? null),
      formSigned: decision.kind === 'accepted' ? null : (decision.form?.signed ?? null),
      claimedUntil: null,
    })
    .where(
      and(
        eq(onlineDossiers.id, id),
        eq(onlineDossiers.agencyCode, officer.agencyCode),
        isNull(onlineDossiers.decision),
        eq(onlineDossiers.claimedBy, officer.username),
        eq(onlineDossiers.claimDeviceId, officer.deviceId),
        gte(onlineDossiers.claimedUntil, now),
      ),
    )
    .returning({ id: onlineDossiers.id });
}

/**
 * The acceptance a counter's reception carries (shared/sync/protocol.ts dossierReceivedPayloadSchema `online`),
 * recorded in the transaction that records the received dossier, so the decision and the code it names are
 * written together and once. The reception happened at the counter under the officer's claim; should the
 * dossier have been decided meanwhile (a lease let lapse), the first decision stands and the received dossier
 * is kept all the same: it exists, with its code, at the counter.
 */
export async function recordOnlineAcceptance(
  tx: CentralTx,
  agencyCode: string,
  online: { dossierId: string; decisionId: string },
  dossierCode: string,
  officer: { username: string },
  at: Date,
): Promise<'recorded' | 'alreadyDecided' | 'notFound'> {
  const recorded = await tx
    .update(onlineDossiers)
    .set({
      decision: 'accepted',
      decisionId: online.decisionId,
      decidedBy: officer.username,
      decidedAt: at,
      dossierCode,
      reason: null,
      claimedUntil: null,
    })
    .where(and(eq(onlineDossiers.id, online.dossierId), eq(onlineDossiers.agencyCode, agencyCode), isNull(onlineDossiers.decision)))
    .returning({ id: onlineDossiers.id });
  if (recorded.length > 0) return 'recorded';
  const [row] = await tx
    .select({ id: onlineDossiers.id })
    .from(onlineDossiers)
    .where(and(eq(onlineDossiers.id, online.dossierId), eq(onlineDossiers.agencyCode, agencyCode)));
  return row ? 'alreadyDecided' : 'notFound';
}
