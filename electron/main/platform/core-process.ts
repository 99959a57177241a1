import { MessageChannelMain, utilityProcess, type MessageEvent, type MessagePortMain, type UtilityProcess } from 'electron';
import type { ChannelName } from '../../../shared/ipc/contract';
import { fail, type Result } from '../../../shared/ipc/result';
import type { PageSize } from '../../../shared/forms';
import type { DisplayInfo } from '../../../shared/citizen-screen/citizen-screen-settings';
import type { CitizenChannelName } from '../../../shared/ipc/citizen-contract';
import type { CoreInit, CoreToMain, MainToCore } from '../../core/host/core-protocol';
import type { HostPageSize } from '../../core/printing/form-printers/form-printer';
import type { DeviceCredential } from '../../core/sync/credential-store';
import { logCoreOutput, logDiagnostic } from './diagnostic-log';
import { listSystemPrinters, printHtmlSilently, type SystemPrinterInfo } from './form-print';
import { renderPdfInWindow } from './pdf-renderer';

export type CoreEventListener = (clientId: string | null, event: string, payload: unknown) => void;

export type CoreStartup = { ok: true } | { ok: false; error: { code: string; message: string } };

/** What happened to a core that died after it had started. */
export type CoreCrash = { restarting: true } | { restarting: false };

/** Main's view of the core: it relays calls and events and never interprets results. */
export interface CoreClient {
  /** Settles once: the core opened its database, or it could not start (or died trying). */
  readonly started: Promise<CoreStartup>;
  invoke(clientId: string, channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  clientClosed(clientId: string): void;
  onEvent(listener: CoreEventListener): () => void;
  /** A call from the citizen-facing window, answered by the citizen contract only. */
  invokeCitizen(channel: CitizenChannelName, input: unknown): Promise<Result<unknown>>;
  onCitizenEvent(listener: (event: string, payload: unknown) => void): () => void;
  /**
   * Closes the port, which lets the core close its database, and resolves once the process has
   * exited (or was killed after `stopTimeoutMs`).
   */
  stop(): Promise<void>;
}

export const CORE_SERVICE_NAME = 'quay-core';

/** The platform services main performs for the core on request. */
export interface CoreRequests {
  renderPdf(html: string, options: { pageSize: PageSize }): Promise<Uint8Array>;
  /** Silent printing of a form to a named system printer. */
  printForm(html: string, options: { pageSize: HostPageSize; deviceName: string }): Promise<void>;
  listPrinters(): Promise<SystemPrinterInfo[]>;
  /** Where the device credential lives when the OS key store is available; else the core keeps a 0600 file. */
  credentials?: MainCredentialStore | null;
  /** The monitors and the citizen-facing window (issue 18 §2); without it the core sees no monitors. */
  citizenWindow?: { displays(): Promise<DisplayInfo[]>; place(displayId: number | null): void };
}

/** Main's side of the key-store credential: writes may wait for the OS key ring. */
export interface MainCredentialStore {
  save(credential: DeviceCredential): Promise<void>;
  clear(): Promise<void>;
}

export const defaultCoreRequests: CoreRequests = {
  renderPdf: renderPdfInWindow,
  printForm: (html, { pageSize, deviceName }) => printHtmlSilently(html, { pageSize, deviceName, copies: 1 }),
  listPrinters: listSystemPrinters,
};

export interface CoreSupervision {
  /** Told when a started core dies: it is being started again, or it died too often and is not. */
  onCrash?(crash: CoreCrash): void;
  /** Restarts allowed within `restartWindowMs`; one more crash than that and the core stays down. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** How long stop() waits for the core to close its database and exit before killing it. */
  stopTimeoutMs?: number;
  now?: () => number;
}

export const CORE_STOP_TIMEOUT_MS = 5_000;
/** Migrating a large database on a slow counter PC takes a while; a core silent for this long is stuck. */
export const CORE_STARTUP_TIMEOUT_MS = 120_000;

interface Connection {
  child: UtilityProcess;
  port: MessagePortMain;
  pending: Map<number, (result: Result<unknown>) => void>;
  /** Settles when the core says ready (true) or the connection is lost before that (false). */
  ready: Promise<boolean>;
  exited: Promise<void>;
  lost: boolean;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the core in an Electron utility process and keeps it running: a core that dies after it
 * started (a fatal V8 error such as running out of memory during OCR, a crash, a kill) is started
 * again with the same init message and the latest device credential, and calls made meanwhile go
 * to the new one. Calls that were in flight fail with CORE_RESTARTED: the core commits each
 * reception in one SQLite transaction, so what it had committed is there after the restart and
 * what it had not is not there at all.
 */
export function startCoreProcess(
  entryPath: string,
  options: Omit<CoreInit, 'type'>,
  requests: CoreRequests = defaultCoreRequests,
  supervision: CoreSupervision = {},
): CoreClient {
  const maxRestarts = supervision.maxRestarts ?? 3;
  const restartWindowMs = supervision.restartWindowMs ?? 10 * 60_000;
  const stopTimeoutMs = supervision.stopTimeoutMs ?? CORE_STOP_TIMEOUT_MS;
  const now = supervision.now ?? Date.now;
  const listeners = new Set<CoreEventListener>();
  const citizenListeners = new Set<(event: string, payload: unknown) => void>();
  const restarts: number[] = [];
  let credential = options.credential;
  let nextId = 1;
  let stopping = false;
  let gaveUp = false;
  let everStarted = false;
  let settleStartup!: (startup: CoreStartup) => void;
  const started = new Promise<CoreStartup>((resolve) => (settleStartup = resolve));

  const answer = <T>(
    connection: Connection,
    work: Promise<T>,
    reply: (outcome: { ok: true; value: T } | { ok: false; error: string }) => MainToCore,
    what: string,
  ) => {
    work.then(
      (value) => {
        if (!connection.lost) connection.port.postMessage(reply({ ok: true, value }));
      },
      (error: unknown) => {
        logDiagnostic('error', `${what} failed`, error);
        if (!connection.lost) connection.port.postMessage(reply({ ok: false, error: reasonOf(error) }));
      },
    );
  };

  const keepCredential = (message: Extract<CoreToMain, { type: 'credentialSave' | 'credentialClear' }>) => {
    credential = message.type === 'credentialSave' ? message.credential : null;
    const store = requests.credentials;
    if (!store) return;
    const kept = message.type === 'credentialSave' ? store.save(message.credential) : store.clear();
    // The core keeps working with the credential in memory; the next start asks to enrol again.
    kept.catch((error: unknown) => logDiagnostic('error', 'keeping the device credential failed', error));
  };

  const onMessage = (connection: Connection, message: CoreToMain, markReady: (ready: boolean) => void) => {
    switch (message.type) {
      case 'ready':
        markReady(true);
        break;
      case 'startupFailed':
        markReady(false);
        if (!everStarted) settleStartup({ ok: false, error: message.error });
        else logDiagnostic('error', `the restarted core could not start: ${message.error.code}`);
        break;
      case 'result': {
        const resolve = connection.pending.get(message.id);
        connection.pending.delete(message.id);
        resolve?.(message.result);
        break;
      }
      case 'event':
        for (const listener of listeners) listener(message.clientId, message.event, message.payload);
        break;
      case 'renderPdf':
        answer(
          connection,
          requests.renderPdf(message.html, { pageSize: message.pageSize }),
          (o) =>
            o.ok
              ? { type: 'renderPdfResult', id: message.id, ok: true, pdf: o.value }
              : { type: 'renderPdfResult', id: message.id, ok: false, error: o.error },
          'printing a form to PDF',
        );
        break;
      case 'printForm':
        answer(
          connection,
          requests.printForm(message.html, { pageSize: message.pageSize, deviceName: message.deviceName }),
          (o) =>
            o.ok
              ? { type: 'printFormResult', id: message.id, ok: true }
              : { type: 'printFormResult', id: message.id, ok: false, error: o.error },
          'silent form print',
        );
        break;
      case 'listPrinters':
        answer(
          connection,
          requests.listPrinters(),
          (o) =>
            o.ok
              ? { type: 'listPrintersResult', id: message.id, ok: true, printers: o.value }
              : { type: 'listPrintersResult', id: message.id, ok: false, error: o.error },
          'listing the system printers',
        );
        break;
      case 'credentialSave':
      case 'credentialClear':
        keepCredential(message);
        break;
      case 'citizenEvent':
        for (const listener of citizenListeners) listener(message.event, message.payload);
        break;
      case 'listDisplays':
        answer(
          connection,
          requests.citizenWindow?.displays() ?? Promise.resolve([]),
          (o) =>
            o.ok
              ? { type: 'listDisplaysResult', id: message.id, ok: true, displays: o.value }
              : { type: 'listDisplaysResult', id: message.id, ok: false, error: o.error },
          'listing the monitors',
        );
        break;
      case 'placeCitizenWindow':
        requests.citizenWindow?.place(message.displayId);
        break;
    }
  };

  const connect = (): Connection => {
    // stdio is piped so a packaged Windows app, which has no console, still keeps the core's output.
    const child = utilityProcess.fork(entryPath, [], { serviceName: CORE_SERVICE_NAME, stdio: 'pipe' });
    logCoreOutput(child.stdout, 'info');
    logCoreOutput(child.stderr, 'error');
    const { port1, port2 } = new MessageChannelMain();
    let markReady!: (ready: boolean) => void;
    const connection: Connection = {
      child,
      port: port1,
      pending: new Map(),
      ready: new Promise<boolean>((resolve) => (markReady = resolve)),
      exited: new Promise<void>((resolve) => child.once('exit', () => resolve())),
      lost: false,
    };
    // Without a listener Node would throw ERR_UNHANDLED_ERROR in main; 'exit' always follows it.
    child.on('error', (type: string, location: string) => logDiagnostic('error', `core process ${type} at ${location}`));
    child.once('exit', (code: number) => lose(connection, `exited with code ${code}`));
    port1.on('message', ({ data }: MessageEvent) => onMessage(connection, data as CoreToMain, markReady));
    // The port closes when the process goes, or if the host let go of it; either way this core is gone.
    port1.on('close', () => lose(connection, 'closed its port'));
    port1.start();
    const init: CoreInit = { type: 'init', ...options, ...(credential === undefined ? {} : { credential }) };
    child.postMessage(init, [port2]);
    void connection.ready.then((ready) => {
      if (ready && !everStarted) {
        everStarted = true;
        settleStartup({ ok: true });
      }
    });
    return connection;
  };

  let current = connect();

  const giveUp = () => {
    gaveUp = true;
    supervision.onCrash?.({ restarting: false });
  };

  function lose(connection: Connection, how: string): void {
    if (connection.lost) return;
    connection.lost = true;
    const failure = stopping || !everStarted ? fail('TRANSPORT_CLOSED') : fail('CORE_RESTARTED');
    for (const resolve of connection.pending.values()) resolve(failure);
    connection.pending.clear();
    connection.port.close();
    // A port closed by a core that is still running leaves an orphan holding the database.
    connection.child.kill();
    if (stopping) return;
    logDiagnostic('error', `the core process ${how}`);
    if (!everStarted) {
      settleStartup({ ok: false, error: fail('TRANSPORT_CLOSED').error });
      return;
    }
    if (connection !== current || gaveUp) return;
    const at = now();
    while (restarts.length > 0 && at - restarts[0]! > restartWindowMs) restarts.shift();
    if (restarts.length >= maxRestarts) {
      giveUp();
      return;
    }
    restarts.push(at);
    supervision.onCrash?.({ restarting: true });
    // The old process must be gone before a new one opens the same database.
    void connection.exited.then(() => {
      if (stopping || gaveUp) return;
      current = connect();
      void current.ready.then((ready) => {
        if (!ready && !current.lost) lose(current, 'could not start again');
      });
    });
  }

  /** The connection calls go to: the current one once it is ready, waiting through a restart. */
  const usable = async (): Promise<Connection | null> => {
    for (;;) {
      if (stopping || gaveUp) return null;
      const connection = current;
      if (!connection.lost && (await connection.ready) && !connection.lost) return connection;
      if (!everStarted) return null;
      if (connection === current) await connection.exited;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  return {
    started,
    async invoke(clientId, channel, input) {
      const connection = await usable();
      if (!connection) return fail('TRANSPORT_CLOSED');
      const id = nextId++;
      return new Promise((resolve) => {
        connection.pending.set(id, resolve);
        connection.port.postMessage({ type: 'invoke', id, clientId, channel, input } satisfies MainToCore);
      });
    },
    async invokeCitizen(channel, input) {
      const connection = await usable();
      if (!connection) return fail('TRANSPORT_CLOSED');
      const id = nextId++;
      return new Promise((resolve) => {
        connection.pending.set(id, resolve);
        connection.port.postMessage({ type: 'citizenInvoke', id, channel, input } satisfies MainToCore);
      });
    },
    onCitizenEvent(listener) {
      citizenListeners.add(listener);
      return () => citizenListeners.delete(listener);
    },
    clientClosed(clientId) {
      if (!current.lost && !stopping) current.port.postMessage({ type: 'clientClosed', clientId } satisfies MainToCore);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      if (stopping) return current.exited;
      stopping = true;
      settleStartup({ ok: false, error: fail('TRANSPORT_CLOSED').error });
      const connection = current;
      for (const resolve of connection.pending.values()) resolve(fail('TRANSPORT_CLOSED'));
      connection.pending.clear();
      connection.lost = true;
      connection.port.close();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), stopTimeoutMs)));
      if (await Promise.race([connection.exited.then(() => false), timedOut])) {
        logDiagnostic('warn', `the core did not exit within ${stopTimeoutMs} ms of being asked to stop; killing it`);
        connection.child.kill();
        await Promise.race([connection.exited, new Promise((resolve) => setTimeout(resolve, stopTimeoutMs))]);
      }
      clearTimeout(timer);
    },
  };
}
