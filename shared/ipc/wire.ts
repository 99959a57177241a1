import type { Result } from './result';

/**
 * Frames of the development harness's loopback WebSocket transport (JSON text frames). The
 * harness authenticates the socket with the per-run secret before any frame is accepted.
 */
export type WireRequest = { id: number; channel: string; input: unknown };
export type WireFrame = { kind: 'result'; id: number; result: Result<unknown> } | { kind: 'event'; event: string; payload: unknown };

/** Path of the WebSocket endpoint; the secret travels as `?secret=` on the upgrade request. */
export const HARNESS_SOCKET_PATH = '/api';
/** The page learns the secret from its URL fragment, which browsers never send to the server. */
export const HARNESS_SECRET_FRAGMENT = 'secret';
