import type { Result } from '../../../shared/ipc/result';

/**
 * Messages between Electron main and the core host over a MessagePort. Main never interprets
 * results; it only relays them, so the core stays the single owner of behaviour.
 */
export interface CoreInit {
  type: 'init';
  dataDir: string;
  appVersion: string;
  /** Folder holding db/migrations (extraResources in a packaged app, the checkout in development). */
  resourcesDir: string;
}

export type MainToCore =
  | { type: 'invoke'; id: number; clientId: string; channel: string; input: unknown }
  | { type: 'clientClosed'; clientId: string };

export type CoreToMain =
  | { type: 'ready' }
  | { type: 'startupFailed'; error: { code: string; message: string } }
  | { type: 'result'; id: number; result: Result<unknown> }
  /** `clientId: null` means every client. */
  | { type: 'event'; clientId: string | null; event: string; payload: unknown };

/** What any host (utilityProcess, harness, CLI, tests) needs from a running core. */
export interface CoreHandle {
  dispatch(clientId: string, channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (clientId: string | null, event: string, payload: unknown) => void): () => void;
  clientClosed(clientId: string): void;
  close(): void;
}
