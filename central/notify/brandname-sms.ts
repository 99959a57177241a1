import type { Delivery, SmsChannel, SmsMessage } from './delivery';
import type { NotifyConfig } from './notify-config';

type SmsConfig = NonNullable<NotifyConfig['sms']>;

/**
 * A brandname SMS provider's HTTP API in the common Vietnamese shape (eSMS and its peers): one JSON
 * POST with the keys, the brandname, the phone, the content, `IsUnicode` and a `RequestId` the
 * provider deduplicates on; `CodeResult` "100" is accepted, with the provider's `SMSID`. Codes the
 * provider gives for a bad number or content are final; the rest (and no answer) are tried again.
 */
const FINAL_CODES = new Set(['104', '118', '119', '131', '146']);

export class BrandnameSmsChannel implements SmsChannel {
  constructor(
    private readonly config: SmsConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(message: SmsMessage): Promise<Delivery> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ApiKey: this.config.apiKey,
          SecretKey: this.config.secretKey,
          Brandname: this.config.brandname,
          SmsType: '2',
          Phone: message.phone,
          Content: message.text,
          IsUnicode: message.unicode ? '1' : '0',
          RequestId: message.requestId,
        }),
        signal: AbortSignal.timeout(this.config.timeoutMs),
        // The body holds the provider's keys: a redirect is an HTTP error here, never a reason to post them elsewhere.
        redirect: 'manual',
      });
    } catch (error) {
      return { ok: false, retryable: true, detail: error instanceof Error ? error.message : String(error) };
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) return { ok: false, retryable: true, detail: `HTTP ${response.status}` };
    let reply: { CodeResult?: unknown; SMSID?: unknown; ErrorMessage?: unknown } = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') reply = parsed;
    } catch {
      return { ok: false, retryable: true, detail: 'answer is not JSON' };
    }
    const code = String(reply.CodeResult ?? '');
    if (code === '100') return { ok: true, providerId: String(reply.SMSID ?? ''), detail: 'accepted' };
    return { ok: false, retryable: !FINAL_CODES.has(code), detail: `${code}: ${String(reply.ErrorMessage ?? '')}`.slice(0, 300) };
  }
}
