import { AppError, fail } from '../../../shared/ipc/result';
import type { CoreHandle, CoreInit, CoreToMain, MainToCore } from './core-protocol';

/** The part of Electron's MessagePortMain the host uses; plain Node code cannot import its type. */
export interface CorePort {
  postMessage(message: CoreToMain): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
}

export type CoreFactory = (options: Omit<CoreInit, 'type'>) => Promise<CoreHandle>;

/**
 * Relays main's calls to the core and the core's events back until main closes the port, then
 * closes the core (and with it the database). Resolves once that is done.
 */
export function serveCoreOverPort(core: CoreHandle, port: CorePort): Promise<void> {
  const stopEvents = core.onEvent((clientId, event, payload) => {
    port.postMessage({ type: 'event', clientId, event, payload });
  });

  port.on('message', ({ data }) => {
    const message = data as MainToCore;
    switch (message.type) {
      case 'invoke':
        void core
          .dispatch(message.clientId, message.channel, message.input)
          .catch((error: unknown) => {
            console.error(`[core] ${message.channel} threw past the dispatcher`, error);
            return fail('INTERNAL');
          })
          .then((result) => port.postMessage({ type: 'result', id: message.id, result }));
        break;
      case 'clientClosed':
        core.clientClosed(message.clientId);
        break;
    }
  });

  const closed = new Promise<void>((resolve) => {
    port.on('close', () => {
      stopEvents();
      core.close();
      resolve();
    });
  });
  port.start();
  port.postMessage({ type: 'ready' });
  return closed;
}

function startupError(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return error.toData();
  console.error('[core] startup failed', error);
  return fail('INTERNAL').error;
}

/**
 * Starts the core from main's init message and serves it until main closes the port. A core that
 * cannot start (damaged or too-new database) is reported to main, which shows it to the user. The
 * host then waits for main to let go rather than exiting, so main never sees the process end
 * before the reason arrives.
 */
export async function hostCore(init: CoreInit, port: CorePort, createCore: CoreFactory): Promise<void> {
  let core: CoreHandle;
  try {
    core = await createCore({ dataDir: init.dataDir, appVersion: init.appVersion, resourcesDir: init.resourcesDir });
  } catch (error) {
    const closed = new Promise<void>((resolve) => port.on('close', resolve));
    port.start();
    port.postMessage({ type: 'startupFailed', error: startupError(error) });
    return closed;
  }
  return serveCoreOverPort(core, port);
}
