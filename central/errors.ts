import type { GatewayErrorCode } from '../shared/sync/protocol';

/** An answer other than success: HTTP status, a stable code for the counter, an English message for logs. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: GatewayErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/**
 * PostgreSQL's data exceptions (class 22: NUL in text, bad surrogates, values out of range) and
 * integrity violations (class 23) are about this command's data; anything else (a lost connection,
 * a serialisation failure) is the gateway's and fails the batch, to be sent again.
 */
export function isDataError(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}
