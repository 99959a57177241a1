/**
 * What became of one notice handed to a channel: accepted (with the provider's message id), worth
 * trying again (no answer, an outage), or refused for good (a number the provider will never take).
 */
export type Delivery = { ok: true; providerId: string; detail: string } | { ok: false; retryable: boolean; detail: string };

export interface SmsMessage {
  /** Idempotency key for the provider: the same notice sent twice is billed once. */
  requestId: string;
  phone: string;
  text: string;
  unicode: boolean;
}

export interface EmailMessage {
  to: string;
  subject: string;
  body: string;
  /**
   * A Message-ID fixed by what the mail is about (its local part; the sender's domain is added): a resend after a lost
   * SMTP reply is then the same message, which mail stores and clients show once.
   */
  messageKey?: string;
  /** PDFs sent with the notice: the receipt or Form 02/03 of an online dossier (issue 15 §1). */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  /** Plain ASCII (shared/online/decision-forms.ts decisionFormFileName). */
  fileName: string;
  content: Uint8Array;
  contentType: string;
}

export interface SmsChannel {
  send(message: SmsMessage): Promise<Delivery>;
}

export interface EmailChannel {
  send(message: EmailMessage): Promise<Delivery>;
}
