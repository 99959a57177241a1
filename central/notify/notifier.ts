import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { decisionFormFileName, RECEIPT_FILE_CODE } from '../../shared/online/decision-forms';
import { fitSms } from '../../shared/notify/sms-text';
import { noticeFor, renderNotice, type NoticeEvent } from '../../shared/notify/notices';
import type { DossierView } from '../../shared/reception/dossier-view';
import type { CentralDb } from '../db/open';
import { dossierEvents, dossierFiles, dossiers, notificationOutbox } from '../db/schema';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../portal/retry-policy';
import type { Delivery, EmailAttachment, EmailChannel, SmsChannel } from './delivery';
import { DEFAULT_FORM_WAIT_MS, formAttachment, type BlobReader } from './form-attachment';
import type { NotifyConfig } from './notify-config';
import { startBackgroundLoop, type BackgroundLoop, type OutboxPass, type OutboxSenderOptions } from '../background-loop';

export interface NotifierOptions extends OutboxSenderOptions {
  config: NotifyConfig;
  sms?: SmsChannel;
  email?: EmailChannel;
  /** The blob folder, for the receipt PDF an online dossier's "received" e-mail carries; absent: sent without. */
  blobs?: BlobReader;
  /** How long that e-mail waits for the receipt's upload (DEFAULT_FORM_WAIT_MS). */
  formWaitMs?: number;
}

export type NotifyPass = OutboxPass;

type Row = typeof notificationOutbox.$inferSelect;

async function claim(db: CentralDb, now: Date, limit: number, leaseMs: number): Promise<Row[]> {
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const result = (await db.execute(sql`
    update notification_outbox set leased_until = ${until}
    where id in (
      select id from notification_outbox
      where state = 'pending' and (attempts = 0 or next_attempt_at <= ${now.toISOString()})
        and (leased_until is null or leased_until <= ${now.toISOString()})
      order by id limit ${limit} for update skip locked)
    returning id`)) as unknown as { rows: { id: number | string }[] };
  const ids = result.rows.map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return db.select().from(notificationOutbox).where(inArray(notificationOutbox.id, ids)).orderBy(asc(notificationOutbox.id));
}

/** Why nothing is sent on this channel for this event, or null when a notice goes. */
function reasonToSkip(row: Row, view: DossierView, options: NotifierOptions): string | null {
  if (!view.owner.contactConsent) return 'no consent';
  if (row.channel === 'sms') {
    if (!options.sms || !options.config.sms) return 'sms not configured';
    if (!/^0\d{9,10}$/.test(view.owner.phone)) return 'no mobile number';
    return null;
  }
  if (!options.email || !options.config.email) return 'email not configured';
  if (!view.owner.email) return 'no e-mail address';
  return null;
}

/**
 * One pass of the notification outbox (docs/architecture.md §8): each event row becomes a notice if
 * the event calls for one, the applicant consented and the channel has an address; otherwise it is
 * kept as skipped with the reason. Failures are retried with backoff; a final refusal is dead.
 */
export async function notifyOnce(options: NotifierOptions): Promise<NotifyPass> {
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const log = options.log ?? (() => undefined);
  const pass: NotifyPass = { claimed: 0, sent: 0, skipped: 0, retried: 0, dead: 0 };
  const rows = await claim(options.db, now(), options.batchSize ?? 100, options.leaseMs ?? 5 * 60_000);
  pass.claimed = rows.length;
  for (const row of rows) {
    const update = (values: Partial<typeof notificationOutbox.$inferInsert>) =>
      options.db
        .update(notificationOutbox)
        .set({ leasedUntil: null, ...values })
        .where(eq(notificationOutbox.id, row.id));
    const [dossier] = await options.db.select().from(dossiers).where(eq(dossiers.code, row.dossierCode));
    const [event] = await options.db
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.id, row.eventId), eq(dossierEvents.dossierCode, row.dossierCode)));
    const view = dossier?.view as DossierView | undefined;
    const recorded = event?.payload as NoticeEvent | undefined;
    const notice = recorded ? noticeFor({ type: recorded.type, status: recorded.status, payload: recorded.payload ?? {} }) : null;
    const skip = !view || !notice ? 'no notice for this event' : reasonToSkip(row, view, options);
    if (skip || !view || !notice) {
      await update({ state: 'skipped', detail: skip, template: notice?.kind ?? null });
      pass.skipped += 1;
      continue;
    }
    const text = renderNotice({
      kind: notice.kind,
      code: view.code,
      procedureName: view.procedure.name,
      dueLocal: notice.dueLocal !== undefined ? notice.dueLocal : view.dueLocal,
      details: notice.details,
      lookupUrl: options.config.lookupUrlTemplate.replace('{code}', encodeURIComponent(view.code)),
    });
    let attachments: EmailAttachment[] | undefined;
    if (row.channel === 'email' && notice.kind === 'received' && view.channel !== 'direct') {
      // An online or postal dossier's receipt goes electronically (issue 15 §1): the counter attaches it after the code.
      const [receipt] = await options.db
        .select({ sha256: dossierFiles.sha256 })
        .from(dossierFiles)
        .where(and(eq(dossierFiles.dossierCode, view.code), eq(dossierFiles.componentCode, RECEIPT_FILE_CODE)))
        .orderBy(desc(dossierFiles.signed))
        .limit(1);
      const form = await formAttachment({
        reader: options.blobs,
        sha256: receipt?.sha256 ?? null,
        fileName: decisionFormFileName('receipt', view.code),
        since: event!.at,
        now: now(),
        waitMs: options.formWaitMs ?? DEFAULT_FORM_WAIT_MS,
      });
      if (form.kind === 'wait') {
        await update({
          attempts: row.attempts + 1,
          template: notice.kind,
          detail: 'waiting for the receipt PDF',
          nextAttemptAt: new Date(now().getTime() + retryDelayMs(row.attempts + 1, retry)),
        });
        pass.retried += 1;
        continue;
      }
      if (form.kind === 'attach') attachments = [form.attachment];
      else if (options.blobs) log(`notice received for ${row.dossierCode} by email: sent without the receipt PDF (not uploaded in time)`);
    }
    let delivery: Delivery;
    if (row.channel === 'sms') {
      const sms = fitSms(text.sms, { unicode: options.config.sms!.unicode, maxSegments: options.config.sms!.maxSegments });
      delivery = await options.sms!.send({
        requestId: `${row.id}`,
        phone: view.owner.phone,
        text: sms.text,
        unicode: sms.encoding === 'ucs2',
      });
      if (delivery.ok) delivery = { ...delivery, detail: `${sms.encoding}, ${sms.segments} segment(s)` };
    } else {
      delivery = await options.email!.send({ to: view.owner.email, subject: text.subject, body: text.body, attachments });
    }
    const attempts = row.attempts + 1;
    if (delivery.ok) {
      await update({
        state: 'sent',
        attempts,
        template: notice.kind,
        providerId: delivery.providerId,
        detail: delivery.detail,
        sentAt: now(),
      });
      pass.sent += 1;
    } else if (delivery.retryable) {
      await update({
        attempts,
        template: notice.kind,
        detail: delivery.detail,
        nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts, retry)),
      });
      pass.retried += 1;
      log(`notice ${notice.kind} for ${row.dossierCode} by ${row.channel}: retry (${delivery.detail})`);
    } else {
      await update({ state: 'dead', attempts, template: notice.kind, detail: delivery.detail });
      pass.dead += 1;
      log(`notice ${notice.kind} for ${row.dossierCode} by ${row.channel}: refused (${delivery.detail})`);
    }
  }
  return pass;
}

/** The serving gateway's loop, as the portal forwarder's: again at once while there was work. */
export function startNotifier(options: NotifierOptions & { idleMs?: number }): BackgroundLoop {
  return startBackgroundLoop({
    name: 'notification',
    pass: async () => (await notifyOnce(options)).claimed > 0,
    idleMs: options.idleMs ?? 5_000,
    log: options.log ?? (() => undefined),
  });
}
