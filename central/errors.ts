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
