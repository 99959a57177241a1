import type { PageSize } from '../../../shared/forms';
import { AppError, fail } from '../../../shared/ipc/result';
import type { PdfRenderer } from '../ports/pdf-renderer';
import type { CredentialStore, DeviceCredential } from '../sync/credential-store';
import type { CoreHandle, CoreInit, CorePlatform, CoreToMain, MainToCore } from './core-protocol';

/** The part of Electron's MessagePortMain the host uses; plain Node code cannot import its type. */
export interface CorePort {
  postMessage(message: CoreToMain): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
}

/** The platform's ports ride along with the init options, so `createCore` takes them as plain options. */
export type CoreFactory = (options: Omit<CoreInit, 'type' | 'credential'> & CorePlatform & { sync?: { credentials?: CredentialStore } }) => Promise<CoreHandle>;

/** Main destroys its print window after 30 s; this leaves room for that answer to arrive first. */
export const RENDER_PDF_TIMEOUT_MS = 45_000;

interface PendingRender {
  resolve(pdf: Uint8Array): void;
  reject(error: AppError): void;
  timer: NodeJS.Timeout;
}

/**
 * A PdfRenderer that asks main to print the HTML to PDF over the core's port. A request main never
 * answers fails with PDF_RENDER_TIMEOUT, and every pending one with TRANSPORT_CLOSED when the port
 * closes, so a form print never hangs the caller.
 */
export function portPdfRenderer(port: CorePort, timeoutMs = RENDER_PDF_TIMEOUT_MS): PdfRenderer {
  const pending = new Map<number, PendingRender>();
  let nextId = 1;
  let closed = false;

  port.on('message', ({ data }) => {
    const message = data as MainToCore;
    if (message.type !== 'renderPdfResult') return;
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    clearTimeout(request.timer);
    if (!message.ok) request.reject(new AppError('PDF_RENDER_FAILED', { details: message.error }));
    else if (!(message.pdf instanceof Uint8Array)) request.reject(new AppError('PDF_RENDER_FAILED', { details: 'no PDF bytes in the answer' }));
    else request.resolve(message.pdf);
  });
  port.on('close', () => {
    closed = true;
    for (const request of pending.values()) {
      clearTimeout(request.timer);
      request.reject(new AppError('TRANSPORT_CLOSED'));
    }
    pending.clear();
  });

  return {
    renderPdf(html: string, { pageSize }: { pageSize: PageSize }) {
      if (closed) return Promise.reject(new AppError('TRANSPORT_CLOSED'));
      const id = nextId++;
      return new Promise<Uint8Array>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new AppError('PDF_RENDER_TIMEOUT', { seconds: Math.round(timeoutMs / 1000) }));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        port.postMessage({ type: 'renderPdf', id, html, pageSize });
      });
    },
  };
}

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
 * The credential as main decrypted it at start; changes go back to main, which encrypts them with
 * the OS key store. Main's write is not awaited: the core only needs the value it already holds.
 */
export function relayedCredentialStore(initial: DeviceCredential | null, port: CorePort): CredentialStore {
  let current = initial;
  return {
    load: () => current,
    save(credential) {
      current = credential;
      port.postMessage({ type: 'credentialSave', credential });
    },
    clear() {
      current = null;
      port.postMessage({ type: 'credentialClear' });
    },
  };
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
    core = await createCore({
      dataDir: init.dataDir,
      appVersion: init.appVersion,
      resourcesDir: init.resourcesDir,
      pdfRenderer: portPdfRenderer(port),
      ...(init.credential === undefined ? {} : { sync: { credentials: relayedCredentialStore(init.credential, port) } }),
    });
  } catch (error) {
    const closed = new Promise<void>((resolve) => port.on('close', resolve));
    port.start();
    port.postMessage({ type: 'startupFailed', error: startupError(error) });
    return closed;
  }
  return serveCoreOverPort(core, port);
}
