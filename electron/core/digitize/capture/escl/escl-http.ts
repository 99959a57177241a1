import { setTimeout as sleep } from 'node:timers/promises';

export interface HttpResponse {
  status: number;
  location: string | null;
  contentType: string;
  body: Buffer;
}

/** The device did not answer (refused, reset, timed out): distinct from an HTTP status. */
export class EsclUnreachable extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'EsclUnreachable';
  }
}

/** Thrown when the caller's signal aborted the request. */
export class EsclAborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'EsclAborted';
  }
}

export async function httpRequest(
  url: string,
  init: { method: string; body?: string },
  signal: AbortSignal,
  timeoutMs: number,
): Promise<HttpResponse> {
  if (signal.aborted) throw new EsclAborted();
  try {
    const response = await fetch(url, {
      method: init.method,
      body: init.body,
      headers: init.body ? { 'content-type': 'text/xml' } : undefined,
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    const body = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      location: response.headers.get('location'),
      contentType: response.headers.get('content-type') ?? '',
      body,
    };
  } catch (error) {
    if (signal.aborted) throw new EsclAborted();
    throw new EsclUnreachable(error);
  }
}

/** 503 means "not ready yet" (docs/devices.md §1.2): retried at a fixed pace, a bounded number of times. */
export async function withBusyRetry(
  attempt: () => Promise<HttpResponse>,
  retries: number,
  delayMs: number,
  signal: AbortSignal,
): Promise<HttpResponse> {
  for (let tried = 0; ; tried++) {
    const response = await attempt();
    if (response.status !== 503 || tried >= retries) return response;
    try {
      await sleep(delayMs, undefined, { signal });
    } catch {
      throw new EsclAborted();
    }
  }
}
