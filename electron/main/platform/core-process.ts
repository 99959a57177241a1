import { MessageChannelMain, utilityProcess, type MessageEvent } from 'electron';
import type { ChannelName } from '../../../shared/ipc/contract';
import { fail, type Result } from '../../../shared/ipc/result';
import type { PageSize } from '../../../shared/forms';
import type { CoreInit, CoreToMain, MainToCore } from '../../core/host/core-protocol';
import type { HostPageSize } from '../../core/printing/form-printers/form-printer';
import type { CredentialStore } from '../../core/sync/credential-store';
import { listSystemPrinters, printHtmlSilently, type SystemPrinterInfo } from './form-print';
import { renderPdfInWindow } from './pdf-renderer';

export type CoreEventListener = (clientId: string | null, event: string, payload: unknown) => void;

export type CoreStartup = { ok: true } | { ok: false; error: { code: string; message: string } };

/** Main's view of the core: it relays calls and events and never interprets results. */
export interface CoreClient {
  /** Settles once: the core opened its database, or it could not start (or died trying). */
  readonly started: Promise<CoreStartup>;
  invoke(clientId: string, channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  clientClosed(clientId: string): void;
  onEvent(listener: CoreEventListener): () => void;
  /** Closing the port lets the core close its database before the process goes away. */
  stop(): void;
}

export const CORE_SERVICE_NAME = 'quay-core';

/** The platform services main performs for the core on request. */
export interface CoreRequests {
  renderPdf(html: string, options: { pageSize: PageSize }): Promise<Uint8Array>;
  /** Silent printing of a form to a named system printer. */
  printForm(html: string, options: { pageSize: HostPageSize; deviceName: string }): Promise<void>;
  listPrinters(): Promise<SystemPrinterInfo[]>;
  /** Where the device credential lives when the OS key store is available; else the core keeps a 0600 file. */
  credentials?: CredentialStore | null;
}

export const defaultCoreRequests: CoreRequests = {
  renderPdf: renderPdfInWindow,
  printForm: (html, { pageSize, deviceName }) => printHtmlSilently(html, { pageSize, deviceName, copies: 1 }),
  listPrinters: listSystemPrinters,
};

export function startCoreProcess(
  entryPath: string,
  options: Omit<CoreInit, 'type'>,
  requests: CoreRequests = defaultCoreRequests,
): CoreClient {
  const child = utilityProcess.fork(entryPath, [], { serviceName: CORE_SERVICE_NAME });
  const { port1, port2 } = new MessageChannelMain();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<CoreEventListener>();
  let nextId = 1;
  let closed = false;
  let settleStartup!: (startup: CoreStartup) => void;
  const started = new Promise<CoreStartup>((resolve) => (settleStartup = resolve));

  const post = (message: MainToCore) => port1.postMessage(message);

  const answerRenderPdf = (id: number, html: string, pageSize: PageSize) => {
    requests.renderPdf(html, { pageSize }).then(
      (pdf) => {
        if (!closed) post({ type: 'renderPdfResult', id, ok: true, pdf });
      },
      (error: unknown) => {
        console.error('[main] printing a form to PDF failed', error);
        if (!closed) post({ type: 'renderPdfResult', id, ok: false, error: error instanceof Error ? error.message : String(error) });
      },
    );
  };

  const answerPrintForm = (message: Extract<CoreToMain, { type: 'printForm' }>) => {
    requests.printForm(message.html, { pageSize: message.pageSize, deviceName: message.deviceName }).then(
      () => {
        if (!closed) post({ type: 'printFormResult', id: message.id, ok: true });
      },
      (error: unknown) => {
        console.error('[main] silent form print failed', error);
        if (!closed) post({ type: 'printFormResult', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
      },
    );
  };

  const answerListPrinters = (id: number) => {
    requests.listPrinters().then(
      (printers) => {
        if (!closed) post({ type: 'listPrintersResult', id, ok: true, printers });
      },
      (error: unknown) => {
        console.error('[main] listing the system printers failed', error);
        if (!closed) post({ type: 'listPrintersResult', id, ok: false, error: error instanceof Error ? error.message : String(error) });
      },
    );
  };

  const keepCredential = (message: Extract<CoreToMain, { type: 'credentialSave' | 'credentialClear' }>) => {
    try {
      if (message.type === 'credentialSave') requests.credentials?.save(message.credential);
      else requests.credentials?.clear();
    } catch (error) {
      // The core keeps working with the credential in memory; the next start asks to enrol again.
      console.error('[main] keeping the device credential failed', error);
    }
  };

  const close = () => {
    if (closed) return;
    closed = true;
    settleStartup({ ok: false, error: fail('TRANSPORT_CLOSED').error });
    for (const resolve of pending.values()) resolve(fail('TRANSPORT_CLOSED'));
    pending.clear();
    listeners.clear();
    port1.close();
  };

  port1.on('message', ({ data }: MessageEvent) => {
    const message = data as CoreToMain;
    switch (message.type) {
      case 'ready':
        settleStartup({ ok: true });
        break;
      case 'startupFailed':
        settleStartup({ ok: false, error: message.error });
        break;
      case 'result': {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message.result);
        break;
      }
      case 'event':
        for (const listener of listeners) listener(message.clientId, message.event, message.payload);
        break;
      case 'renderPdf':
        answerRenderPdf(message.id, message.html, message.pageSize);
        break;
      case 'printForm':
        answerPrintForm(message);
        break;
      case 'listPrinters':
        answerListPrinters(message.id);
        break;
      case 'credentialSave':
      case 'credentialClear':
        keepCredential(message);
        break;
    }
  });
  port1.on('close', close);
  port1.start();
  child.once('exit', (code) => {
    if (!closed) console.error(`[main] core process exited with code ${code}`);
    close();
  });
  const init: CoreInit = { type: 'init', ...options, ...(requests.credentials ? { credential: loadCredential(requests.credentials) } : {}) };
  child.postMessage(init, [port2]);

  return {
    started,
    invoke(clientId, channel, input) {
      if (closed) return Promise.resolve(fail('TRANSPORT_CLOSED'));
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        post({ type: 'invoke', id, clientId, channel, input });
      });
    },
    clientClosed(clientId) {
      if (!closed) post({ type: 'clientClosed', clientId });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: close,
  };
}

/** An unreadable credential (another machine's key, a damaged file) means enrolling again, not failing to start. */
function loadCredential(store: CredentialStore) {
  try {
    return store.load();
  } catch (error) {
    console.error('[main] the device credential could not be read', error);
    return null;
  }
}
