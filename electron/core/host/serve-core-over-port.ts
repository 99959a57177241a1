import type { PageSize } from '../../../shared/forms';
import { AppError, fail } from '../../../shared/ipc/result';
import type { HostFormPrint } from '../printing/form-printers/form-printer';
import type { PdfRenderer } from '../platform/pdf-renderer';
import type { SystemPrinters } from '../printing/form-printers/system-printers';
import type { CredentialStore, DeviceCredential } from '../sync/credential-store';
import type { CoreHandle, CoreInit, CorePlatform, CoreToMain, MainToCore } from './core-protocol';
import type { CitizenWindowHost } from '../citizen-screen/citizen-screen-service';

/** The part of Electron's MessagePortMain the host uses; plain Node code cannot import its type. */
export interface CorePort {
  postMessage(message: CoreToMain): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
}

/** The platform's ports ride along with the init options, so `createCore` takes them as plain options. */
export type CoreFactory = (
  options: Omit<CoreInit, 'type' | 'credential' | 'dataAtRestSecret'> &
    CorePlatform & { dataAtRestSecret?: Buffer; sync?: { credentials?: CredentialStore; fetch?: typeof fetch } },
) => Promise<CoreHandle>;

/** Main destroys its print window after 30 s; this leaves room for that answer to arrive first. */
export const RENDER_PDF_TIMEOUT_MS = 45_000;
/** Main gives a silent print 60 s before it destroys the window (PRINT_WINDOW_TIMEOUT_MS). */
export const PRINT_FORM_TIMEOUT_MS = 75_000;

type Answer = Extract<MainToCore, { type: 'renderPdfResult' | 'printFormResult' | 'listPrintersResult' | 'listDisplaysResult' }>;

interface Pending {
  settle(answer: Answer): void;
  reject(error: AppError): void;
  timer: NodeJS.Timeout;
}

/**
 * Requests from the core to main, answered by id. A request main never answers fails with
 * `timeoutError`, and every pending one with TRANSPORT_CLOSED when the port closes, so a form
 * print never hangs the caller.
 */
function portRequests(port: CorePort, answerType: Answer['type']) {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;
  port.on('message', ({ data }) => {
    const message = data as MainToCore;
    if (message.type !== answerType) return;
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    clearTimeout(request.timer);
    request.settle(message);
  });
  port.on('close', () => {
    closed = true;
    for (const request of pending.values()) {
      clearTimeout(request.timer);
      request.reject(new AppError('TRANSPORT_CLOSED'));
    }
    pending.clear();
  });
  return function request<T>(
    send: (id: number) => CoreToMain,
    settle: (answer: Answer) => T,
    timeoutMs: number,
    timeoutError: () => AppError,
  ): Promise<T> {
    if (closed) return Promise.reject(new AppError('TRANSPORT_CLOSED'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(timeoutError());
      }, timeoutMs);
      pending.set(id, {
        settle: (answer) => {
          try {
            resolve(settle(answer));
          } catch (error) {
            reject(error as AppError);
          }
        },
        reject,
        timer,
      });
      port.postMessage(send(id));
    });
  };
}

/** A PdfRenderer that asks main to print the HTML to PDF over the core's port. */
export function portPdfRenderer(port: CorePort, timeoutMs = RENDER_PDF_TIMEOUT_MS): PdfRenderer {
  const request = portRequests(port, 'renderPdfResult');
  return {
    renderPdf(html: string, { pageSize }: { pageSize: PageSize }) {
      return request(
        (id) => ({ type: 'renderPdf', id, html, pageSize }),
        (answer) => {
          if (answer.type !== 'renderPdfResult' || !answer.ok)
            throw new AppError('PDF_RENDER_FAILED', { details: answer.ok ? 'wrong answer' : answer.error });
          if (!(answer.pdf instanceof Uint8Array)) throw new AppError('PDF_RENDER_FAILED', { details: 'no PDF bytes in the answer' });
          return answer.pdf;
        },
        timeoutMs,
        () => new AppError('PDF_RENDER_TIMEOUT', { seconds: Math.round(timeoutMs / 1000) }),
      );
    },
  };
}

/** Silent form printing by main (webContents.print) over the core's port. */
export function portFormPrint(port: CorePort, timeoutMs = PRINT_FORM_TIMEOUT_MS): HostFormPrint {
  const request = portRequests(port, 'printFormResult');
  return (html, { pageSize, deviceName }) =>
    request(
      (id) => ({ type: 'printForm', id, html, pageSize, deviceName }),
      (answer) => {
        if (answer.type !== 'printFormResult' || !answer.ok)
          throw new AppError('PRINTER_SPOOLER_FAILED', { printer: deviceName, details: answer.ok ? 'wrong answer' : answer.error });
      },
      timeoutMs,
      () => new AppError('FORM_PRINT_TIMEOUT', { printer: deviceName, seconds: Math.round(timeoutMs / 1000) }),
    );
}

/** Main's list of OS printers (Electron's getPrintersAsync); a list main cannot read is an empty one. */
export function portSystemPrinters(port: CorePort, timeoutMs = 15_000): SystemPrinters {
  const request = portRequests(port, 'listPrintersResult');
  return {
    list: () =>
      request(
        (id) => ({ type: 'listPrinters', id }),
        (answer) => (answer.type === 'listPrintersResult' && answer.ok ? answer.printers : []),
        timeoutMs,
        () => new AppError('TRANSPORT_CLOSED'),
      ).catch(() => []),
  };
}

/** Main's monitors and the citizen-facing window on one of them (issue 18 §2); no monitors when main cannot say. */
export function portCitizenWindow(port: CorePort, timeoutMs = 15_000): CitizenWindowHost {
  const request = portRequests(port, 'listDisplaysResult');
  return {
    displays: () =>
      request(
        (id) => ({ type: 'listDisplays', id }),
        (answer) => (answer.type === 'listDisplaysResult' && answer.ok ? answer.displays : []),
        timeoutMs,
        () => new AppError('TRANSPORT_CLOSED'),
      ).catch(() => []),
    place: (displayId) => port.postMessage({ type: 'placeCitizenWindow', displayId }),
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
  const stopCitizenEvents = core.citizen?.onEvent((event, payload) => port.postMessage({ type: 'citizenEvent', event, payload }));

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
      case 'citizenInvoke':
        void (core.citizen ? core.citizen.dispatch(message.channel, message.input) : Promise.resolve(fail('UNKNOWN_CHANNEL')))
          .catch(() => fail('INTERNAL'))
          .then((result) => port.postMessage({ type: 'result', id: message.id, result }));
        break;
    }
  });

  const closed = new Promise<void>((resolve) => {
    port.on('close', async () => {
      stopEvents();
      stopCitizenEvents?.();
      try {
        await core.close();
      } finally {
        resolve();
      }
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
      formPrint: portFormPrint(port),
      devices: { systemPrinters: portSystemPrinters(port) },
      citizenWindow: portCitizenWindow(port),
      ...(init.credential === undefined ? {} : { sync: { credentials: relayedCredentialStore(init.credential, port) } }),
      ...(init.dataAtRestSecret ? { dataAtRestSecret: Buffer.from(init.dataAtRestSecret, 'hex') } : {}),
    });
  } catch (error) {
    const closed = new Promise<void>((resolve) => port.on('close', resolve));
    port.start();
    port.postMessage({ type: 'startupFailed', error: startupError(error) });
    return closed;
  }
  return serveCoreOverPort(core, port);
}
