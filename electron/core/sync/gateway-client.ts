import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';
import {
  canonicalRequest,
  enrollResponseSchema,
  gatewayErrorSchema,
  HEADER,
  pushResponseSchema,
  type CommandEnvelope,
  type CommandResult,
} from '../../../shared/sync/protocol';
import type { CredentialStore, DeviceCredential } from './credential-store';

export interface GatewayClientOptions {
  credentials: CredentialStore;
  fetch?: typeof fetch;
  /** Per request; a batch of 100 dossier snapshots is well under a megabyte. */
  timeoutMs?: number;
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Gateway error codes the counter explains in its own words; anything else is a refusal to report. */
const MAPPED_ERRORS: Record<string, (body: { code: string; serverTime?: unknown }) => AppError> = {
  DEVICE_REVOKED: () => new AppError('SYNC_DEVICE_REVOKED'),
  DEVICE_UNKNOWN: () => new AppError('SYNC_DEVICE_UNKNOWN'),
  CLOCK_SKEW: (body) => new AppError('SYNC_CLOCK_SKEW', { serverTime: typeof body.serverTime === 'string' ? body.serverTime : '?' }),
  SIGNATURE_INVALID: (body) => new AppError('SYNC_AUTH_FAILED', { reason: body.code }),
  NONCE_REPLAYED: (body) => new AppError('SYNC_AUTH_FAILED', { reason: body.code }),
  AUTH_MISSING: (body) => new AppError('SYNC_AUTH_FAILED', { reason: body.code }),
  ENROLL_CODE_INVALID: () => new AppError('SYNC_ENROLL_CODE_INVALID'),
  ENROLL_CODE_USED: () => new AppError('SYNC_ENROLL_CODE_USED'),
  ENROLL_CODE_EXPIRED: () => new AppError('SYNC_ENROLL_CODE_EXPIRED'),
};

export function normalizeGatewayUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new AppError('SYNC_GATEWAY_URL_INVALID', { url: url.slice(0, 200) });
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password || parsed.search || parsed.hash || (parsed.pathname !== '/' && parsed.pathname !== '')) {
    throw new AppError('SYNC_GATEWAY_URL_INVALID', { url: url.slice(0, 200) });
  }
  return parsed.origin;
}

/**
 * The counter's side of the gateway protocol (central/openapi.yaml): signs requests with the
 * device credential and turns every way a request can fail — no network, a timeout, a dropped
 * link, an HTML login page, a gateway error — into an AppError with a stable SYNC_* code.
 */
export class GatewayClient {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: GatewayClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  credential(): DeviceCredential | null {
    return this.options.credentials.load();
  }

  async enroll(gatewayUrl: string, code: string, counterName: string): Promise<{ deviceId: string; agencyCode: string }> {
    const origin = normalizeGatewayUrl(gatewayUrl);
    const body = JSON.stringify({ code: code.trim(), counterName: counterName.trim() });
    const answer = await this.request(origin, '/v1/enroll', body, {}, enrollResponseSchema);
    this.options.credentials.save({ gatewayUrl: origin, deviceId: answer.deviceId, secret: answer.secret, agencyCode: answer.agencyCode, enrolledAt: this.now().toISOString() });
    return { deviceId: answer.deviceId, agencyCode: answer.agencyCode };
  }

  /** Results come back in the order sent, one per command; anything else is treated as garbage. */
  async push(commands: CommandEnvelope[]): Promise<CommandResult[]> {
    const credential = this.options.credentials.load();
    if (!credential) throw new AppError('SYNC_NOT_ENROLLED');
    const body = JSON.stringify({ commands });
    const path = '/v1/commands';
    const timestamp = String(this.now().getTime());
    const nonce = randomBytes(18).toString('base64url');
    const bodySha256 = createHash('sha256').update(body).digest('hex');
    const signature = createHmac('sha256', credential.secret).update(canonicalRequest({ method: 'POST', path, timestamp, nonce, bodySha256 })).digest('hex');
    const headers = { [HEADER.deviceId]: credential.deviceId, [HEADER.timestamp]: timestamp, [HEADER.nonce]: nonce, [HEADER.signature]: signature };
    const { results } = await this.request(credential.gatewayUrl, path, body, headers, pushResponseSchema);
    if (results.length !== commands.length || results.some((result, i) => result.id !== commands[i]!.id)) {
      throw new AppError('SYNC_GATEWAY_GARBAGE', { status: 200 });
    }
    return results;
  }

  private async request<T>(origin: string, path: string, body: string, headers: Record<string, string>, schema: z.ZodType<T>): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new AppError('SYNC_TIMEOUT', { seconds: Math.round(this.timeoutMs / 1000) });
      }
      throw new AppError('SYNC_OFFLINE', { url: origin });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // A proxy's or load balancer's error page: the gateway behind it is down, not talking nonsense.
      if (response.status >= 500) throw new AppError('SYNC_GATEWAY_ERROR', { status: response.status });
      throw new AppError('SYNC_GATEWAY_GARBAGE', { status: response.status });
    }
    if (response.ok) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new AppError('SYNC_GATEWAY_GARBAGE', { status: response.status });
      return parsed.data;
    }
    const failure = gatewayErrorSchema.safeParse(json);
    if (!failure.success) {
      throw new AppError(response.status >= 500 ? 'SYNC_GATEWAY_ERROR' : 'SYNC_GATEWAY_GARBAGE', { status: response.status });
    }
    const mapped = MAPPED_ERRORS[failure.data.error.code];
    if (mapped) throw mapped(failure.data.error as { code: string; serverTime?: unknown });
    if (response.status >= 500) throw new AppError('SYNC_GATEWAY_ERROR', { status: response.status });
    throw new AppError('SYNC_REQUEST_REFUSED', { code: failure.data.error.code.slice(0, 40) });
  }
}
