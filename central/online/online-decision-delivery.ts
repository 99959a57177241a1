import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { renderOnlineDecisionNotice } from '../../shared/notify/online-decision-notice';
import { decisionFormFileName } from '../../shared/online/decision-forms';
import { formatDvcqgTime } from '../../shared/sync/dvcqg-mapping';
import type { CentralDb } from '../db/open';
import { centralChanges, onlineDecisionOutbox, onlineDossiers } from '../db/schema';
import type { Delivery, EmailChannel } from '../notify/delivery';
import { DEFAULT_FORM_WAIT_MS, formAttachment, type BlobReader } from '../notify/form-attachment';
import type { DvcqgClient } from '../portal/dvcqg-client';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../portal/retry-policy';
import { startBackgroundLoop, type BackgroundLoop, type OutboxPass, type OutboxSenderOptions } from '../background-loop';

/**
 * The portal adapter's operation for the province's decision on a submission it has not received (docs/domain.md §2.2):
 * keyed by the portal's own id of the filing, with the decision's id so a resend after a lost reply is one decision.
 */
export const ONLINE_STATUS_SERVICE = 'CapNhatTrangThaiHoSoNopTrucTuyen';

/** TrangThaiHoSo (docs/domain.md §3.1) of a filing not received: 3 refused, 5 papers to add. */
const STATUS_BY_DECISION = { refused: '3', supplement: '5' } as const;
const MAX_OFFICER_NAME = 50;

export interface OnlineDecisionDeliveryOptions extends OutboxSenderOptions {
  /** Absent: the portal rows wait (pending) until a gateway with a portal configured sends them. */
  portal?: DvcqgClient;
  /** Absent: the e-mail rows are kept as skipped, as the notifier does for a channel not configured. */
  email?: EmailChannel;
  /** The blob folder, for the Form 02/03 PDF the e-mail carries; absent: the e-mail goes without it. */
  blobs?: BlobReader;
  /** How long the e-mail waits for that PDF (DEFAULT_FORM_WAIT_MS). */
  formWaitMs?: number;
}

export type OnlineDeliveryPass = OutboxPass;

type Row = typeof onlineDecisionOutbox.$inferSelect;

/** Due rows of the targets this gateway can send, under a lease (`for update skip locked`, as the DVCQG outbox). */
async function claim(db: CentralDb, targets: string[], now: Date, limit: number, leaseMs: number): Promise<Row[]> {
  if (targets.length === 0) return [];
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const result = (await db.execute(sql`
    update online_decision_outbox set leased_until = ${until}
    where id in (
      select id from online_decision_outbox
      where state = 'pending' and target in (${sql.join(
        targets.map((t) => sql`${t}`),
        sql`, `,
      )})
        and (attempts = 0 or next_attempt_at <= ${now.toISOString()})
        and (leased_until is null or leased_until <= ${now.toISOString()})
      order by id limit ${limit} for update skip locked)
    returning id`)) as unknown as { rows: { id: number | string }[] };
  const ids = result.rows.map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return db.select().from(onlineDecisionOutbox).where(inArray(onlineDecisionOutbox.id, ids)).orderBy(asc(onlineDecisionOutbox.id));
}

async function procedureName(db: CentralDb, code: string): Promise<string> {
  const [latest] = await db
    .select({ data: centralChanges.data })
    .from(centralChanges)
    .where(and(eq(centralChanges.kind, 'procedure'), eq(centralChanges.key, code)))
    .orderBy(desc(centralChanges.seq))
    .limit(1);
  const name = (latest?.data as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name ? name : code;
}

/**
 * One pass (docs/architecture.md §8.1): each due row of a supplement request or refusal becomes the portal's status
 * of the citizen's submission or the applicant's e-mail with the reason; failures go again after the backoff, a
 * refusal of the payload or the mailbox is dead. A row is marked only after its call, so a gateway killed between
 * the two leaves it to the next sender after the lease: the portal sees the same MaXuLy and keeps one decision.
 */
export async function deliverOnlineDecisionsOnce(options: OnlineDecisionDeliveryOptions): Promise<OnlineDeliveryPass> {
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const log = options.log ?? (() => undefined);
  const pass: OnlineDeliveryPass = { claimed: 0, sent: 0, skipped: 0, retried: 0, dead: 0 };
  // Without a portal the portal rows are left pending, never skipped: nothing else would ever send them.
  const targets = ['email', ...(options.portal ? ['dvcqg'] : [])];
  const rows = await claim(options.db, targets, now(), options.batchSize ?? 100, options.leaseMs ?? 5 * 60_000);
  pass.claimed = rows.length;
  for (const row of rows) {
    const update = (values: Partial<typeof onlineDecisionOutbox.$inferInsert>) =>
      options.db
        .update(onlineDecisionOutbox)
        .set({ leasedUntil: null, ...values })
        .where(eq(onlineDecisionOutbox.id, row.id));
    const [dossier] = await options.db.select().from(onlineDossiers).where(eq(onlineDossiers.id, row.onlineDossierId));
    const kind = dossier?.decision === 'supplement' || dossier?.decision === 'refused' ? dossier.decision : null;
    const submission = (dossier?.submission ?? {}) as Record<string, unknown>;
    let skip: string | null = null;
    if (!dossier || !kind || dossier.decisionId !== row.decisionId) skip = 'no such decision';
    else if (row.target === 'dvcqg' && dossier.source !== 'portal') skip = 'not filed on the portal';
    else if (row.target === 'email' && !options.email) skip = 'email not configured';
    else if (row.target === 'email' && !(typeof submission.Email === 'string' && submission.Email.includes('@')))
      skip = 'no e-mail address';
    if (skip || !dossier || !kind) {
      await update({ state: 'skipped', detail: skip });
      pass.skipped += 1;
      continue;
    }
    let delivery: Delivery;
    if (row.target === 'dvcqg') {
      const answer = await options.portal!.call(ONLINE_STATUS_SERVICE, {
        data: [
          {
            MaHoSoNopTrucTuyen: dossier.externalId,
            MaXuLy: row.decisionId,
            TrangThai: STATUS_BY_DECISION[kind],
            NoiDungXuLy: dossier.reason ?? '',
            NguoiXuLy: (dossier.decidedBy ?? '').slice(0, MAX_OFFICER_NAME),
            ThoiDiemXuLy: formatDvcqgTime(dossier.decidedAt ?? now()),
          },
        ],
      });
      delivery = answer.ok
        ? { ok: true, providerId: row.decisionId, detail: 'accepted by the portal' }
        : { ok: false, retryable: answer.retryable, detail: answer.error.slice(0, 300) };
    } else {
      const form = dossier.formSha256
        ? await formAttachment({
            reader: options.blobs,
            sha256: dossier.formSha256,
            fileName: decisionFormFileName(kind, dossier.externalId),
            since: dossier.decidedAt ?? now(),
            now: now(),
            waitMs: options.formWaitMs ?? DEFAULT_FORM_WAIT_MS,
          })
        : null;
      if (form?.kind === 'wait') {
        const attempts = row.attempts + 1;
        await update({
          attempts,
          detail: 'waiting for the form PDF',
          nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts, retry)),
        });
        pass.retried += 1;
        continue;
      }
      if (form?.kind === 'without' && options.blobs)
        log(`online decision ${row.onlineDossierId} to email: sent without the form PDF (not at the gateway in time)`);
      const text = renderOnlineDecisionNotice({
        kind,
        applicantName: typeof submission.ChuHoSo === 'string' ? submission.ChuHoSo : '',
        procedureName: await procedureName(options.db, dossier.procedureCode),
        submittedAt: dossier.submittedAt,
        reason: dossier.reason ?? '',
      });
      delivery = await options.email!.send({
        to: String(submission.Email),
        subject: text.subject,
        body: text.body,
        messageKey: `online-decision.${row.decisionId}`,
        attachments: form?.kind === 'attach' ? [form.attachment] : undefined,
      });
    }
    const attempts = row.attempts + 1;
    if (delivery.ok) {
      await update({ state: 'sent', attempts, detail: delivery.detail, sentAt: now() });
      pass.sent += 1;
    } else if (delivery.retryable) {
      await update({ attempts, detail: delivery.detail, nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts, retry)) });
      pass.retried += 1;
      log(`online decision ${row.onlineDossierId} to ${row.target}: retry (${delivery.detail})`);
    } else {
      await update({ state: 'dead', attempts, detail: delivery.detail });
      pass.dead += 1;
      log(`online decision ${row.onlineDossierId} to ${row.target}: refused (${delivery.detail})`);
    }
  }
  return pass;
}

/** The serving gateway's loop, as the notifier's: again at once while there was work. */
export function startOnlineDecisionDelivery(options: OnlineDecisionDeliveryOptions & { idleMs?: number }): BackgroundLoop {
  return startBackgroundLoop({
    name: 'online decision delivery',
    pass: async () => (await deliverOnlineDecisionsOnce(options)).claimed > 0,
    idleMs: options.idleMs ?? 5_000,
    log: options.log ?? (() => undefined),
  });
}
