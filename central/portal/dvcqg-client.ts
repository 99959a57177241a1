import type { DvcqgPortalConfig } from './portal-config';

/**
 * What became of one call to the portal. `retryable` failures (no answer, a timeout, an HTTP error,
 * an answer that is not JSON) say nothing about the payload and are tried again later; a refusal
 * (`error_code` other than success) is the portal's verdict on the payload and goes to the dead
 * letters with its message. `exists` is T's "đã tồn tại" (code 3 or −3, docs/domain.md §2.3).
 */
export type PortalAnswer =
  /** `data`: what the portal answered with, for a query (the online submissions, central/portal/portal-intake.ts). */
  | { ok: true; data?: unknown }
  | { ok: false; retryable: true; error: string }
  | { ok: false; retryable: false; exists: boolean; error: string };

type Fetch = typeof fetch;

interface Reply {
  error_code?: unknown;
  message?: unknown;
  session?: unknown;
  data?: unknown;
}

/** Both success codes seen in the field (docs/domain.md §2.1: 0 in newer code, "00" in older). */
function succeeded(code: unknown): boolean {
  return code === 0 || code === '0' || code === '00';
}

function sessionRefused(reply: Reply): boolean {
  return reply.error_code === -2 || reply.error_code === '-2' || /phiên|session|token/i.test(String(reply.message ?? ''));
}

/**
 * The portal's adapter: logs in once and keeps the session, logs in again once when the portal says
 * the session is gone. Never logs payloads or credentials: they hold personal data.
 */
export class DvcqgClient {
  private session: string | null = null;

  constructor(
    private readonly config: DvcqgPortalConfig,
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  async call(service: string, fields: Record<string, unknown>): Promise<PortalAnswer> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (!this.session) {
        const login = await this.login();
        if (login) return login;
      }
      const answered = await this.post(this.config.integrationPath, {
        session: this.session,
        madonvi: this.config.madonvi,
        service,
        ...fields,
      });
      if ('failure' in answered) return answered.failure;
      const reply = answered.reply;
      if (succeeded(reply.error_code)) return { ok: true, data: reply.data };
      if (sessionRefused(reply) && attempt === 0) {
        this.session = null;
        continue;
      }
      const exists = [3, -3, '3', '-3'].includes(reply.error_code as never) && /đã tồn tại/i.test(String(reply.message ?? ''));
      return { ok: false, retryable: false, exists, error: `${String(reply.error_code)}: ${String(reply.message ?? '')}`.slice(0, 2000) };
    }
    return { ok: false, retryable: true, error: 'session refused after a new login' };
  }

  /** A refused login is retryable: it is about credentials or the portal, never the payload. */
  private async login(): Promise<PortalAnswer | null> {
    const answered = await this.post(this.config.authPath, { username: this.config.username, password: this.config.password });
    if ('failure' in answered) return answered.failure;
    const { reply } = answered;
    if (succeeded(reply.error_code) && typeof reply.session === 'string' && reply.session) {
      this.session = reply.session;
      return null;
    }
    return {
      ok: false,
      retryable: true,
      error: `login refused: ${String(reply.error_code)}: ${String(reply.message ?? '')}`.slice(0, 500),
    };
  }

  private async post(path: string, body: Record<string, unknown>): Promise<{ reply: Reply } | { failure: PortalAnswer }> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.config.adapterUrl.replace(/\/+$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', charset: 'utf-8', dstcode: this.config.dstcode },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.timeoutMs),
        // The body holds the portal login: a redirect is an HTTP error here, never a reason to post it to another host.
        redirect: 'manual',
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${this.config.timeoutMs} ms` : describe(error);
      return { failure: { ok: false, retryable: true, error: reason } };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      return { failure: { ok: false, retryable: true, error: describe(error) } };
    }
    if (!response.ok) return { failure: { ok: false, retryable: true, error: `HTTP ${response.status}: ${text.slice(0, 300)}` } };
    try {
      const reply: unknown = JSON.parse(text);
      if (typeof reply === 'object' && reply !== null) return { reply: reply as Reply };
    } catch {
      // Falls through: an answer that is not JSON is the portal's problem, tried again later.
    }
    return { failure: { ok: false, retryable: true, error: `answer is not JSON: ${text.slice(0, 100)}` } };
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 300);
}
