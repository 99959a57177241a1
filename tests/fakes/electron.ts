/**
 * A stand-in for the `electron` module under vitest, where the real one throws on import. It
 * implements only what electron/main/platform and the preload use, records every call so tests can
 * assert the settings the app hands to Electron, and refuses what Electron 45 refuses: each rule
 * below cites the Electron source (github.com/electron/electron, lib/ and shell/) or the API doc it
 * mirrors. Members that exist only for tests are listed in FAKE_ONLY_MEMBERS;
 * tests/platform/electron-fake-conformance.test.ts checks every other member against
 * node_modules/electron/electron.d.ts. Reset it between tests.
 */
import { fork as forkNode, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

type AnyFunction = (...args: never[]) => unknown;

/** A preventable Electron event (app 'before-quit', window 'close', webContents 'will-navigate' …). */
export function electronEvent<T extends object>(fields: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** lib/browser/api/*: APIs that need the browser process initialised throw this before 'ready'. */
function requireReady(what: string, message = `${what} cannot be used before app is ready`): void {
  if (!app.readyState) throw new Error(message);
}

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

let nextWebContentsId = 1;

/** The paper sizes webContents.print knows by name (lib/browser/api/web-contents.ts, PDFPageSizes). */
const PRINT_PAGE_SIZES = new Set(['Letter', 'Legal', 'Tabloid', 'A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
/** printToPDF's named sizes in inches (lib/browser/print-to-pdf.ts, paperFormats), keyed lower-case. */
const PDF_PAPER_INCHES: Record<string, { width: number; height: number }> = {
  letter: { width: 8.5, height: 11 },
  legal: { width: 8.5, height: 14 },
  tabloid: { width: 11, height: 17 },
  ledger: { width: 17, height: 11 },
  a0: { width: 33.1, height: 46.8 },
  a1: { width: 23.4, height: 33.1 },
  a2: { width: 16.54, height: 23.4 },
  a3: { width: 11.7, height: 16.54 },
  a4: { width: 8.27, height: 11.7 },
  a5: { width: 5.83, height: 8.27 },
  a6: { width: 4.13, height: 5.83 },
};

/** lib/browser/api/web-contents.ts WebContents.prototype.print: the argument checks, in its order. */
function validatePrintOptions(options: Record<string, unknown>): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('webContents.print(): Invalid print settings specified.');
  const { pageSize, usePrinterDefaultPageSize } = options;
  // Since Electron 42 the mere presence of both keys throws, whatever their values.
  if (usePrinterDefaultPageSize !== undefined && pageSize !== undefined)
    throw new Error('usePrinterDefaultPageSize cannot be combined with pageSize');
  if (typeof pageSize === 'string' && PRINT_PAGE_SIZES.has(pageSize)) return;
  if (typeof pageSize === 'object' && pageSize !== null) {
    const { width, height } = pageSize as { width?: number; height?: number };
    if (!height || !width) throw new Error('height and width properties are required for pageSize');
    // Chromium silently fails below 352 microns (printing/units.h), so Electron refuses it.
    if (![Math.ceil(width), Math.ceil(height)].every((x) => x > 352))
      throw new RangeError('height and width properties must be minimum 352 microns.');
    return;
  }
  if (pageSize !== undefined) throw new Error(`Unsupported pageSize: ${String(pageSize)}`);
}

/** lib/browser/print-to-pdf.ts printToPDF: checkType, parsePageSize and the margin check, with its 0.4 in default margins. */
function pdfPrintSettings(options: Record<string, unknown>): Record<string, unknown> {
  const checkType = <T>(value: T, type: string, name: string): T => {
    if (typeof value !== type) throw new TypeError(`${name} must be a ${type}`);
    return value;
  };
  const margins = checkType((options.margins ?? {}) as Record<string, number | undefined>, 'object', 'margins');
  const pageSize = options.pageSize ?? 'letter';
  let paper: { width: number; height: number };
  if (typeof pageSize === 'string') {
    const format = PDF_PAPER_INCHES[pageSize.toLowerCase()];
    if (!format) throw new Error(`Invalid pageSize ${pageSize}`);
    paper = format;
  } else if (typeof pageSize === 'object' && pageSize !== null) {
    const { width, height } = pageSize as { width?: unknown; height?: unknown };
    if (typeof width !== 'number' || typeof height !== 'number')
      throw new TypeError('width and height properties are required for pageSize');
    paper = { width, height };
  } else {
    throw new TypeError('pageSize must be a string or an object');
  }
  const validHeight = [margins.top, margins.bottom].every((u) => u === undefined || u <= paper.height);
  const validWidth = [margins.left, margins.right].every((u) => u === undefined || u <= paper.width);
  if (!validHeight || !validWidth) throw new Error('margins must be less than or equal to pageSize');
  return {
    landscape: checkType(options.landscape ?? false, 'boolean', 'landscape'),
    printBackground: checkType(options.printBackground ?? false, 'boolean', 'printBackground'),
    preferCSSPageSize: checkType(options.preferCSSPageSize ?? false, 'boolean', 'preferCSSPageSize'),
    marginTop: checkType(margins.top ?? 0.4, 'number', 'margins.top'),
    marginBottom: checkType(margins.bottom ?? 0.4, 'number', 'margins.bottom'),
    marginLeft: checkType(margins.left ?? 0.4, 'number', 'margins.left'),
    marginRight: checkType(margins.right ?? 0.4, 'number', 'margins.right'),
    paperWidth: paper.width,
    paperHeight: paper.height,
  };
}

/** docs/api/structures/printer-info.md and shell/browser/api/electron_api_printing.cc: these four fields, nothing else. */
export interface FakePrinterInfo {
  name: string;
  displayName: string;
  description: string;
  options: Record<string, string>;
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  mainFrame = new FakeWebFrame('app://renderer/index.html');
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly printToPdfCalls: Array<Record<string, unknown>> = [];
  /** What printToPDF passed on to Chromium after Electron's defaults (margins in inches). */
  readonly printToPdfSettings: Array<Record<string, unknown>> = [];
  readonly printCalls: Array<Record<string, unknown>> = [];
  reloads = 0;
  private destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  reload(): void {
    this.reloads++;
  }

  /** The window that owns these contents went away (WebContents has no public destroy()). */
  markDestroyed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    this.printToPdfCalls.push(options);
    try {
      this.printToPdfSettings.push(pdfPrintSettings(options));
    } catch (error) {
      // printToPDF is an async function in Electron: a bad option rejects, it does not throw.
      return Promise.reject(error);
    }
    return pdfPrinting.respond(options);
  }

  print(options: Record<string, unknown> = {}, callback?: (success: boolean, failureReason: string) => void): void {
    validatePrintOptions(options);
    this.printCalls.push(options);
    const { success, failureReason } = silentPrinting.outcome(options);
    // Electron calls back asynchronously, once the job is spooled or refused.
    if (success !== null && callback) setImmediate(() => callback(success, failureReason));
  }

  getPrintersAsync(): Promise<FakePrinterInfo[]> {
    return Promise.resolve(
      silentPrinting.printers.map(({ name, displayName, description, options }) => ({
        name,
        displayName,
        description,
        options: { ...options },
      })),
    );
  }
}

/** What `webContents.print` answers (`success: null` never calls back, as in Electron #22365) and the printers it lists. */
export const silentPrinting = {
  outcome: (_options: Record<string, unknown>): { success: boolean | null; failureReason: string } => ({
    success: true,
    failureReason: '',
  }),
  printers: [] as FakePrinterInfo[],
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  readyState = false;
  singleInstanceLock = true;
  sandboxEnabled = false;
  quitCalls = 0;
  exitCodes: number[] = [];
  /** True once the quit sequence ran to its end ('quit' emitted) or exit() was called. */
  terminated = false;
  paths: Record<string, string> = { userData: '/fake/user-data' };
  appPath = '/fake/app';
  version = '0.0.0-test';
  private quitting = false;
  private readyWaiters: Array<() => void> = [];

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }

  isReady(): boolean {
    return this.readyState;
  }

  /** Plays Electron finishing its start-up: 'ready', then whenReady() resolves. */
  markReady(): void {
    if (this.readyState) return;
    this.readyState = true;
    this.emit('ready', electronEvent(), {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  whenReady(): Promise<void> {
    if (this.readyState) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /**
   * shell/browser/browser.cc Browser::Quit: 'before-quit' (preventable), then every window is
   * asked to close; once none is left, 'will-quit' (preventable: the app stays, and a later quit()
   * starts over), then 'quit' and the process ends.
   */
  quit(): void {
    this.quitCalls++;
    if (this.quitting || this.terminated) return;
    const beforeQuit = electronEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    const open = BrowserWindow.instances.filter((window) => !window.isDestroyed());
    if (open.length === 0) this.notifyAndShutdown();
    else for (const window of open) window.close();
  }

  /** Browser::OnWindowAllClosed: the end of a quit, or 'window-all-closed' when nobody asked to quit. */
  lastWindowClosed(): void {
    if (this.terminated) return;
    if (this.quitting) this.notifyAndShutdown();
    else this.emit('window-all-closed');
  }

  private notifyAndShutdown(): void {
    const willQuit = electronEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.terminated = true;
    this.emit('quit', electronEvent(), 0);
  }

  /** Browser::ExitWithCode: no events, windows destroyed without asking. */
  exit(code = 0): void {
    this.exitCodes.push(code);
    this.terminated = true;
    for (const window of BrowserWindow.instances) if (!window.isDestroyed()) window.destroy();
  }

  enableSandbox(): void {
    // docs/api/app.md: "This method can only be called before app is ready."
    if (this.readyState) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }

  getPath(name: string): string {
    const found = this.paths[name];
    if (!found) throw new Error(`fake app has no path ${name}`);
    return found;
  }

  getAppPath(): string {
    return this.appPath;
  }

  getVersion(): string {
    return this.version;
  }

  reset(ready: boolean): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.readyState = ready;
    this.readyWaiters = [];
    this.singleInstanceLock = true;
    this.sandboxEnabled = false;
    this.quitCalls = 0;
    this.exitCodes = [];
    this.terminated = false;
    this.quitting = false;
  }
}

export const app = new FakeApp();

/** url::kMaxURLChars in Chromium's url/url_constants.h. */
const MAX_URL_CHARS = 2 * 1024 * 1024;

/** The document a main-frame URL names: a data: URL's text or a file's; other schemes are not read. */
function documentAt(url: string): string | null {
  if (url.startsWith('file:')) return readFileSync(fileURLToPath(url), 'utf8');
  const data = /^data:text\/html;charset=utf-8,/.exec(url);
  return data ? decodeURIComponent(url.slice(data[0].length)) : null;
}

/** Why the next loadURL fails, as Chromium reports it ('did-fail-load', then loadURL rejects). */
export const pageLoading: { failure: { errorCode: number; errorDescription: string } | null } = { failure: null };

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  loadedHtml: string | null = null;
  visible = false;
  focused = false;
  minimized = false;
  fullScreen = false;
  bounds: Rectangle;

  constructor(public readonly options: Record<string, unknown> = {}) {
    super();
    // shell/browser/api/electron_api_base_window.cc: "Cannot create BrowserWindow before app is ready".
    requireReady('BrowserWindow', 'Cannot create BrowserWindow before app is ready');
    // docs/api/structures/browser-window-options.md: 800×600 centred unless x/y/width/height are given.
    const option = (name: string, fallback: number) => (typeof options[name] === 'number' ? (options[name] as number) : fallback);
    this.bounds = { x: option('x', 0), y: option('y', 0), width: option('width', 800), height: option('height', 600) };
    this.fullScreen = options.fullscreen === true;
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', electronEvent(), this.webContents);
  }

  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((window) => !window.isDestroyed());
  }

  /**
   * lib/browser/api/web-contents.ts loadURL: a failed main-frame load emits 'did-fail-load' and rejects the promise.
   * shell/browser/api/electron_api_web_contents.cc LoadURL fails a URL longer than url::kMaxURLChars (2 MiB) with
   * ERR_INVALID_URL before loading anything, and Chromium fails a missing file with ERR_FILE_NOT_FOUND. The document
   * is read as Chromium would read it, at load time, into `loadedHtml`.
   */
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.loadedHtml = null;
    let failure = pageLoading.failure;
    pageLoading.failure = null;
    if (!failure && url.length > MAX_URL_CHARS) failure = { errorCode: -300, errorDescription: 'ERR_INVALID_URL' };
    if (!failure) {
      try {
        this.loadedHtml = documentAt(url);
      } catch {
        failure = { errorCode: -6, errorDescription: 'ERR_FILE_NOT_FOUND' };
      }
    }
    if (!failure) return Promise.resolve();
    this.webContents.emit('did-fail-load', electronEvent(), failure.errorCode, failure.errorDescription, url, true, 0, 0);
    return Promise.reject(
      Object.assign(new Error(`${failure.errorDescription} (${failure.errorCode}) loading '${url}'`), {
        code: failure.errorDescription,
        errno: failure.errorCode,
      }),
    );
  }

  show(): void {
    this.visible = true;
  }

  focus(): void {
    this.focused = true;
  }

  minimize(): void {
    this.minimized = true;
  }

  restore(): void {
    this.minimized = false;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  /** docs/api/browser-window.md setBounds: fields left out keep their current value. */
  setBounds(bounds: Partial<Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }

  getBounds(): Rectangle {
    return { ...this.bounds };
  }

  setFullScreen(flag: boolean): void {
    this.fullScreen = flag;
  }

  isFullScreen(): boolean {
    return this.fullScreen;
  }

  isDestroyed(): boolean {
    return this.webContents.isDestroyed();
  }

  /** docs/api/browser-window.md: 'close' may be prevented; otherwise the window goes and 'closed' follows. */
  close(): void {
    if (this.isDestroyed()) return;
    const event = electronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    setImmediate(() => this.destroy());
  }

  destroy(): void {
    if (this.isDestroyed()) return;
    this.webContents.markDestroyed();
    this.emit('closed');
    if (BrowserWindow.instances.every((window) => window.isDestroyed())) app.lastWindowClosed();
  }
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A monitor as electron.d.ts's Display describes it; tests pick the fields that matter through `fakeDisplay`. */
export function fakeDisplay(id: number, bounds: Rectangle, fields: { label?: string; internal?: boolean } = {}) {
  return {
    accelerometerSupport: 'unknown' as const,
    bounds,
    colorDepth: 24,
    colorSpace: 'srgb',
    depthPerComponent: 8,
    detected: true,
    displayFrequency: 60,
    id,
    internal: fields.internal ?? false,
    label: fields.label ?? '',
    maximumCursorSize: { width: 64, height: 64 },
    monochrome: false,
    nativeOrigin: { x: bounds.x, y: bounds.y },
    rotation: 0,
    scaleFactor: 1,
    size: { width: bounds.width, height: bounds.height },
    touchSupport: 'unknown' as const,
    workArea: bounds,
    workAreaSize: { width: bounds.width, height: bounds.height },
  };
}
export type FakeDisplay = ReturnType<typeof fakeDisplay>;

/** docs/api/screen.md: "This module cannot be used until the ready event of the app module is emitted." */
class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [fakeDisplay(1, { x: 0, y: 0, width: 1920, height: 1080 })];
  primaryId = 1;

  getAllDisplays(): FakeDisplay[] {
    requireReady('screen', "The 'screen' module can't be used before the app 'ready' event");
    return this.displays.map((display) => ({ ...display }));
  }

  getPrimaryDisplay(): FakeDisplay {
    requireReady('screen', "The 'screen' module can't be used before the app 'ready' event");
    return { ...(this.displays.find((display) => display.id === this.primaryId) ?? this.displays[0]!) };
  }

  /** Plugs or unplugs monitors as the OS would, emitting Electron's events. */
  setDisplays(displays: FakeDisplay[], primaryId = displays[0]?.id ?? 0): void {
    const before = this.displays;
    this.displays = displays;
    this.primaryId = primaryId;
    for (const gone of before.filter((d) => !displays.some((now) => now.id === d.id))) this.emit('display-removed', electronEvent(), gone);
    for (const added of displays.filter((d) => !before.some((was) => was.id === d.id))) this.emit('display-added', electronEvent(), added);
  }
}

export const screen = new FakeScreen();

export const Menu = {
  applicationMenu: undefined as unknown,
  setApplicationMenu(menu: unknown): void {
    Menu.applicationMenu = menu;
  },
};

export const ipcMain = {
  handlers: new Map<string, AnyFunction>(),
  handle(channel: string, handler: AnyFunction): void {
    // lib/browser/ipc-main-impl.ts: "Attempted to register a second handler for '<channel>'".
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel);
  },
};

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    // shell/browser/api/electron_api_protocol.cc RegisterSchemesAsPrivileged.
    if (app.readyState) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    // lib/browser/api/protocol.ts: protocol.handle is session.defaultSession.protocol.handle, so it needs ready.
    requireReady('protocol.handle', 'Session can only be received when app is ready');
    if (protocol.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocol.handlers.set(scheme, handler);
  },
};

class FakeSession {
  permissionRequestHandler: AnyFunction | null = null;
  permissionCheckHandler: AnyFunction | null = null;
  devicePermissionHandler: AnyFunction | null = null;

  setPermissionRequestHandler(handler: AnyFunction | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: AnyFunction | null): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: AnyFunction | null): void {
    this.devicePermissionHandler = handler;
  }
}

let defaultSession = new FakeSession();

export const session = {
  /** shell/browser/api/electron_api_session.cc: "Session can only be received when app is ready". */
  get defaultSession(): FakeSession {
    requireReady('session', 'Session can only be received when app is ready');
    return defaultSession;
  },
};

/** Delivers asynchronously and queues until start(), as MessagePortMain does. */
export class FakeMessagePort extends EventEmitter {
  peer: FakeMessagePort | null = null;
  started = false;
  closed = false;
  /** Set when the port was handed to a real child process: what arrives for it goes there. */
  remote: ((data: unknown) => void) | null = null;
  private readonly queue: Array<{ data: unknown; ports: FakeMessagePort[] }> = [];

  postMessage(data: unknown, transfer: FakeMessagePort[] = []): void {
    if (this.closed) return;
    this.deliverToPeer(data, transfer);
  }

  /** What the far end (a child process holding this port) sent, on its way to this port's peer. */
  deliverToPeer(data: unknown, transfer: FakeMessagePort[] = []): void {
    const peer = this.peer;
    const copy = structuredClone(data);
    setImmediate(() => peer?.receive({ data: copy, ports: transfer }));
  }

  start(): void {
    this.started = true;
    for (const message of this.queue.splice(0)) this.emit('message', message);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const peer = this.peer;
    setImmediate(() => {
      if (peer && !peer.closed) {
        peer.closed = true;
        peer.emit('close');
      }
    });
  }

  private receive(message: { data: unknown; ports: FakeMessagePort[] }): void {
    if (this.closed) return;
    if (this.remote) this.remote(message.data);
    else if (this.started) this.emit('message', message);
    else this.queue.push(message);
  }
}

export class MessageChannelMain {
  readonly port1 = new FakeMessagePort();
  readonly port2 = new FakeMessagePort();

  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

let nextFakePid = 40_000;

/** Runs a utility process's module in a real Node child: tests/fakes/utility-process-child.ts gives it process.parentPort. */
const CHILD_SHIM = fileURLToPath(new URL('./utility-process-child.ts', import.meta.url));

/**
 * lib/browser/api/utility-process.ts and docs/api/utility-process.md: 'spawn' once started, an
 * optional 'error' ('FatalError', location, report) that is always followed by 'exit', and 'exit'
 * with the code, all asynchronous; after exit postMessage does nothing and kill() returns false.
 * When the child goes, the ports it held close, so main's end of each gets 'close'.
 */
export class FakeUtilityProcess extends EventEmitter {
  readonly messages: Array<{ message: unknown; transfer: FakeMessagePort[] }> = [];
  killed = false;
  exited = false;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  private readonly heldPorts: FakeMessagePort[] = [];
  private readonly child: ChildProcess | null;
  private fakePid: number | undefined = nextFakePid++;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
    real: boolean,
  ) {
    super();
    const piped = options.stdio === 'pipe';
    if (real) {
      const source = utilityProcess.realModules[path.basename(modulePath)] ?? modulePath;
      this.child = forkNode(CHILD_SHIM, [source, ...args], {
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', piped ? 'pipe' : 'inherit', piped ? 'pipe' : 'inherit', 'ipc'],
        env: { ...process.env, ...(options.env as Record<string, string> | undefined) },
      });
      this.stdout = this.child.stdout;
      this.stderr = this.child.stderr;
      this.child.on('spawn', () => this.emit('spawn'));
      this.child.on('message', (message: ChildMessage) => this.fromChild(message));
      this.child.on('exit', (code, signal) => this.ended(code ?? (signal ? 128 + 9 : 1)));
    } else {
      this.child = null;
      this.stdout = piped ? new PassThrough() : null;
      this.stderr = piped ? new PassThrough() : null;
      setImmediate(() => {
        if (!this.exited) this.emit('spawn');
      });
    }
  }

  get pid(): number | undefined {
    if (this.exited) return undefined;
    return this.child ? this.child.pid : this.fakePid;
  }

  postMessage(message: unknown, transfer: FakeMessagePort[] = []): void {
    if (this.exited) return;
    this.messages.push({ message, transfer });
    this.heldPorts.push(...transfer);
    if (!this.child) return;
    const portIds = transfer.map((port) => this.attach(port));
    this.child.send({ kind: 'parent', data: message, portIds });
  }

  kill(): boolean {
    if (this.exited) return false;
    this.killed = true;
    if (this.child) this.child.kill('SIGTERM');
    else setImmediate(() => this.ended(143));
    return true;
  }

  /** The child dies: SIGKILL for a real one, else an exit with `code`. */
  crash(options: { fatalError?: boolean; code?: number } = {}): void {
    if (this.child) {
      this.child.kill('SIGKILL');
      return;
    }
    setImmediate(() => {
      if (options.fatalError) this.emit('error', 'FatalError', 'v8::internal::Heap::FatalProcessOutOfMemory', '{"header":{}}');
      this.ended(options.code ?? 134);
    });
  }

  /** The module's own exit, e.g. process.exit(code) once main closed its port. */
  exitWith(code: number): void {
    setImmediate(() => this.ended(code));
  }

  /** The port the child received with its init message, i.e. the core's end of the channel. */
  corePort(): FakeMessagePort {
    const port = this.messages[0]?.transfer[0];
    if (!port) throw new Error('no port was sent to the utility process');
    return port;
  }

  /** Resolves with what the real child reports through the shim ('portMessage' once it receives one). */
  nextTrace(kind: string): Promise<unknown> {
    return new Promise((resolve) => this.once(`trace:${kind}`, resolve));
  }

  private ended(code: number): void {
    if (this.exited) return;
    this.exited = true;
    for (const port of this.heldPorts) port.close();
    this.emit('exit', code);
  }

  private readonly attached = new Map<number, FakeMessagePort>();

  private attach(port: FakeMessagePort): number {
    const id = this.attached.size + 1;
    this.attached.set(id, port);
    port.remote = (data) => this.child?.send({ kind: 'port', portId: id, data });
    port.on('close', () => {
      if (this.child?.connected) this.child.send({ kind: 'portClose', portId: id });
    });
    return id;
  }

  private fromChild(message: ChildMessage): void {
    if (message.kind === 'port') this.attached.get(message.portId)?.deliverToPeer(message.data);
    else if (message.kind === 'portClose') this.attached.get(message.portId)?.close();
    else if (message.kind === 'parent') this.emit('message', message.data);
    else if (message.kind === 'trace') this.emit(`trace:${message.event}`, message.detail);
  }
}

export type ChildMessage =
  | { kind: 'port'; portId: number; data: unknown }
  | { kind: 'portClose'; portId: number }
  | { kind: 'parent'; data: unknown }
  | { kind: 'trace'; event: string; detail?: unknown };

export const utilityProcess = {
  forks: [] as FakeUtilityProcess[],
  /** True: fork runs the module in a real Node child (the crash drill); false: a scripted stand-in. */
  realChildren: false,
  /** For real children: the source to run for a bundle's file name (core-host.js is built from TypeScript). */
  realModules: {} as Record<string, string>,
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
    // shell/browser/api/electron_api_utility_process.cc: "utilityProcess cannot be created before app is ready."
    requireReady('utilityProcess', 'utilityProcess cannot be created before app is ready.');
    if (!modulePath) throw new Error('Missing UtilityProcess entry script.');
    // lib/browser/api/utility-process.ts: stdio may be 'inherit', 'pipe' or 'ignore' (or an array of them).
    if (typeof options.stdio === 'string' && !['inherit', 'pipe', 'ignore'].includes(options.stdio)) {
      throw new Error('stdio must be of the following values: inherit, pipe, ignore');
    }
    if (options.serviceName != null && typeof options.serviceName !== 'string') throw new TypeError('serviceName must be a string.');
    const child = new FakeUtilityProcess(modulePath, args, options, utilityProcess.realChildren);
    utilityProcess.forks.push(child);
    return child;
  },
};

export const dialog = {
  errorBoxes: [] as Array<{ title: string; content: string }>,
  messageBoxes: [] as Array<{ window: BrowserWindow | null; options: Record<string, unknown> }>,
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push({ title, content });
  },
  /** docs/api/dialog.md: `message` is required; resolves with the button pressed. */
  showMessageBox(
    windowOrOptions: BrowserWindow | Record<string, unknown>,
    maybeOptions?: Record<string, unknown>,
  ): Promise<{ response: number; checkboxChecked: boolean }> {
    const window = windowOrOptions instanceof BrowserWindow ? windowOrOptions : null;
    const options = (window ? maybeOptions : windowOrOptions) as Record<string, unknown>;
    if (typeof options?.message !== 'string') throw new TypeError('Insufficient number of arguments.');
    dialog.messageBoxes.push({ window, options });
    return Promise.resolve({ response: 0, checkboxChecked: false });
  },
};

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Node's fetch has no file: support; Electron's net.fetch does, with a MIME type from the extension. */
export const net = {
  async fetch(url: string): Promise<Response> {
    const file = fileURLToPath(url);
    const body = await fs.readFile(file);
    const type = MIME_TYPES[path.extname(file)] ?? 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'content-type': type } });
  },
};

/**
 * The OS key store as Electron exposes it (docs/api/safe-storage.md). The fake "encrypts" with a
 * fixed XOR key: enough to prove nothing lands on disk in clear and a different key cannot read it
 * back; the sync and async APIs read each other's data, as Electron's do. On Linux the synchronous
 * calls wait for the key ring (the doc's "these calls can block the current thread"); a locked
 * key ring therefore throws here from the synchronous API, to catch code that would hang.
 */
export const safeStorage = {
  available: true,
  key: 0x5a,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  keyringLocked: false,
  syncCalls: 0,
  unlockWaiters: [] as Array<() => void>,
  unlockKeyring(): void {
    safeStorage.keyringLocked = false;
    for (const resolve of safeStorage.unlockWaiters.splice(0)) resolve();
  },
  blockSync(): void {
    safeStorage.syncCalls++;
    if (safeStorage.keyringLocked)
      throw new Error('fake safeStorage: this synchronous call would block the main process on the locked key ring');
  },
  async waitForKeyring(): Promise<void> {
    if (safeStorage.keyringLocked) await new Promise<void>((resolve) => safeStorage.unlockWaiters.push(resolve));
  },
  /** "On Linux, returns true if the app has emitted the ready event and the secret key is available." */
  isEncryptionAvailable(): boolean {
    safeStorage.blockSync();
    return app.readyState && safeStorage.available;
  },
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    await safeStorage.waitForKeyring();
    return app.readyState && safeStorage.available;
  },
  /** "`unknown` - When the function is called before app has emitted the `ready` event." */
  getSelectedStorageBackend(): string {
    return app.readyState ? safeStorage.backend : 'unknown';
  },
  encryptString(plain: string): Buffer {
    safeStorage.blockSync();
    return safeStorage.xorEncrypt(plain);
  },
  decryptString(encrypted: Buffer): string {
    safeStorage.blockSync();
    return safeStorage.xorDecrypt(encrypted);
  },
  async encryptStringAsync(plain: string): Promise<Buffer> {
    await safeStorage.waitForKeyring();
    return safeStorage.xorEncrypt(plain);
  },
  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    await safeStorage.waitForKeyring();
    return { shouldReEncrypt: false, result: safeStorage.xorDecrypt(encrypted) };
  },
  xorEncrypt(plain: string): Buffer {
    if (!safeStorage.available || !app.readyState) throw new Error('Encryption is not available.');
    return Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ safeStorage.key));
  },
  xorDecrypt(encrypted: Buffer): string {
    if (!safeStorage.available || !app.readyState) throw new Error('Decryption is not available.');
    const plain = Buffer.from(encrypted.map((b) => b ^ safeStorage.key)).toString('utf8');
    if (!plain.startsWith('{')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return plain;
  },
};

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed[key] = api;
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: Array<{ channel: string; args: unknown[] }> = [];
  respond: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: null });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return Promise.resolve(this.respond(channel, args));
  }
}

export const ipcRenderer = new FakeIpcRenderer();

/**
 * Members the fake adds for tests (recorders, switches, helpers), by export; everything else must
 * exist in electron.d.ts (tests/platform/electron-fake-conformance.test.ts).
 */
export const FAKE_ONLY_MEMBERS: Record<string, readonly string[]> = {
  app: [
    'readyState',
    'singleInstanceLock',
    'sandboxEnabled',
    'quitCalls',
    'exitCodes',
    'terminated',
    'paths',
    'appPath',
    'version',
    'quitting',
    'readyWaiters',
    'markReady',
    'lastWindowClosed',
    'notifyAndShutdown',
    'reset',
  ],
  BrowserWindow: ['options', 'loadedUrl', 'loadedHtml', 'visible', 'focused', 'minimized', 'bounds'],
  'BrowserWindow (static)': ['instances'],
  WebContents: [
    'sent',
    'windowOpenHandler',
    'printToPdfCalls',
    'printToPdfSettings',
    'printCalls',
    'reloads',
    'destroyed',
    'markDestroyed',
  ],
  WebFrameMain: [],
  Menu: ['applicationMenu'],
  screen: ['displays', 'primaryId', 'setDisplays'],
  ipcMain: ['handlers'],
  protocol: ['privileged', 'handlers'],
  Session: ['permissionRequestHandler', 'permissionCheckHandler', 'devicePermissionHandler'],
  session: [],
  MessagePortMain: ['peer', 'started', 'closed', 'remote', 'queue', 'deliverToPeer', 'receive'],
  MessageChannelMain: [],
  UtilityProcess: [
    'messages',
    'killed',
    'exited',
    'heldPorts',
    'child',
    'fakePid',
    'modulePath',
    'args',
    'options',
    'crash',
    'exitWith',
    'corePort',
    'nextTrace',
    'ended',
    'attached',
    'attach',
    'fromChild',
  ],
  utilityProcess: ['forks', 'realChildren', 'realModules'],
  dialog: ['errorBoxes', 'messageBoxes'],
  net: [],
  safeStorage: [
    'available',
    'key',
    'backend',
    'keyringLocked',
    'syncCalls',
    'unlockWaiters',
    'unlockKeyring',
    'blockSync',
    'waitForKeyring',
    'xorEncrypt',
    'xorDecrypt',
  ],
  contextBridge: ['exposed'],
  ipcRenderer: ['invocations', 'respond'],
};

/**
 * Electron's main process always has process.resourcesPath (electron.d.ts NodeJS.Process; a
 * packaged app's resources folder, else Electron's own), which plain Node under vitest lacks.
 */
const FAKE_RESOURCES_PATH = '/fake/resources';

function setResourcesPath(): void {
  Object.defineProperty(process, 'resourcesPath', { value: FAKE_RESOURCES_PATH, configurable: true, enumerable: true });
}
setResourcesPath();

/** `ready: false` starts before Electron's 'ready' (main/index.ts tests); units run after it, as in the app. */
export function resetFakeElectron(options: { ready?: boolean } = {}): void {
  app.reset(options.ready ?? true);
  setResourcesPath();
  BrowserWindow.instances.length = 0;
  pageLoading.failure = null;
  screen.removeAllListeners();
  screen.setDisplays([fakeDisplay(1, { x: 0, y: 0, width: 1920, height: 1080 })]);
  screen.removeAllListeners();
  Menu.applicationMenu = undefined;
  ipcMain.handlers.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  defaultSession = new FakeSession();
  utilityProcess.forks.length = 0;
  utilityProcess.realChildren = false;
  utilityProcess.realModules = {};
  dialog.errorBoxes.length = 0;
  dialog.messageBoxes.length = 0;
  for (const key of Object.keys(contextBridge.exposed)) delete contextBridge.exposed[key];
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.respond = () => ({ ok: true, value: null });
  pdfPrinting.respond = printFakePdf;
  silentPrinting.outcome = () => ({ success: true, failureReason: '' });
  silentPrinting.printers = [];
  safeStorage.available = true;
  safeStorage.key = 0x5a;
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.keyringLocked = false;
  safeStorage.syncCalls = 0;
  safeStorage.unlockWaiters.length = 0;
}

/** Lets queued port deliveries (setImmediate) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A tiny stand-in PDF: printToPDF in the fake returns it unless a test answers otherwise. */
export const FAKE_PDF = Buffer.from('%PDF-1.4\n% fake\n%%EOF\n');

function printFakePdf(): Promise<Buffer> {
  return Promise.resolve(Buffer.from(FAKE_PDF));
}

/** How the fake webContents.printToPDF answers; tests swap it for failures or a print that never ends. */
export const pdfPrinting: { respond: (options: Record<string, unknown>) => Promise<Buffer> } = { respond: printFakePdf };
