import nodemailer, { type Transporter } from 'nodemailer';
import type { Delivery, EmailChannel, EmailMessage } from './delivery';
import type { NotifyConfig } from './notify-config';

type EmailConfig = NonNullable<NotifyConfig['email']>;

/**
 * E-mail through SMTP (nodemailer). A 5xx answer to the recipient is final (no such mailbox); a
 * connection failure or a 4xx is tried again.
 */
export class SmtpEmailChannel implements EmailChannel {
  private readonly transport: Transporter;

  constructor(private readonly config: EmailConfig) {
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
    });
  }

  async send(message: EmailMessage): Promise<Delivery> {
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: message.to,
        subject: message.subject,
        text: message.body,
        textEncoding: 'base64',
        messageId: message.messageKey ? `<${message.messageKey}@${senderDomain(this.config.from)}>` : undefined,
        attachments: message.attachments?.map((file) => ({
          filename: file.fileName,
          content: Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength),
          contentType: file.contentType,
        })),
      });
      return { ok: true, providerId: String(info.messageId ?? ''), detail: String(info.response ?? '').slice(0, 200) };
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const final = typeof code === 'number' && code >= 500;
      return {
        ok: false,
        retryable: !final,
        detail: `${typeof code === 'number' ? `${code} ` : ''}${error instanceof Error ? error.message : ''}`.slice(0, 300),
      };
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** The domain of a From such as `Một cửa xã Yên Thái <motcua@yenthai.gov.vn>`. */
function senderDomain(from: string): string {
  return /@([^\s>]+)/.exec(from)?.[1] ?? 'localhost';
}
