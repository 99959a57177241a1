/**
 * A stand-in for the `electron` module under vitest, where the real one throws on import. It
 * implements only what electron/main/platform and the preload use, and records every call so
 * tests can assert the settings the app hands to Electron. Reset it between tests.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type AnyFunction = (...args: never[]) => unknown;

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  mainFrame = new FakeWebFrame('app://renderer/index.html');
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
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

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  readonly printToPdfCalls: Array<Record<string, unknown>> = [];

  printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    this.printToPdfCalls.push(options);
    return pdfPrinting.respond(options);
  }

  readonly printCalls: Array<Record<string, unknown>> = [];

  print(options: Record<string, unknown>, callback: (success: boolean, failureReason: string) => void): void {
    this.printCalls.push(options);
    const { success, failureReason } = silentPrinting.outcome(options);
    // Electron calls back asynchronously, once the job is spooled or refused.
    if (success !== null) setImmediate(() => callback(success, failureReason));
  }

  getPrintersAsync(): Promise<Array<{ name: string; displayName: string; description: string; isDefault?: boolean; options: Record<string, string> }>> {
    return Promise.resolve(silentPrinting.printers.map((p) => ({ ...p })));
  }
}

/** What `webContents.print` answers (`success: null` never calls back, as in Electron #22365) and the printers it lists. */
export const silentPrinting = {
  outcome: (_options: Record<string, unknown>): { success: boolean | null; failureReason: string } => ({ success: true, failureReason: '' }),
  printers: [] as Array<{ name: string; displayName: string; description: string; isDefault?: boolean; options: Record<string, string> }>,
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  singleInstanceLock = true;
  sandboxEnabled = false;
  quitCalls = 0;
  exitCodes: number[] = [];
  paths: Record<string, string> = { userData: '/fake/user-data' };
  appPath = '/fake/app';
  version = '0.0.0-test';

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }

  quit(): void {
    this.quitCalls++;
    this.emit('will-quit', { preventDefault() {} });
  }

  exit(code = 0): void {
    this.exitCodes.push(code);
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  enableSandbox(): void {
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

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.singleInstanceLock = true;
    this.sandboxEnabled = false;
    this.quitCalls = 0;
    this.exitCodes = [];
  }
}

export const app = new FakeApp();

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;
  focused = false;
  minimized = false;

  constructor(public readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }

  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.instances];
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
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

  isDestroyed(): boolean {
    return this.webContents.isDestroyed();
  }

  destroy(): void {
    this.webContents.destroy();
    this.emit('closed');
  }
}

export const Menu = {
  applicationMenu: undefined as unknown,
  setApplicationMenu(menu: unknown): void {
    Menu.applicationMenu = menu;
  },
};

export const ipcMain = {
  handlers: new Map<string, AnyFunction>(),
  handle(channel: string, handler: AnyFunction): void {
    // Electron refuses a second handler for a channel; so does the fake, to catch double registration.
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
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
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (protocol.handlers.has(scheme)) throw new Error(`scheme ${scheme} is already handled`);
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

export const session = { defaultSession: new FakeSession() };

/** Delivers asynchronously and queues until start(), as MessagePortMain does. */
export class FakeMessagePort extends EventEmitter {
  peer: FakeMessagePort | null = null;
  started = false;
  closed = false;
  private readonly queue: Array<{ data: unknown; ports: FakeMessagePort[] }> = [];

  postMessage(data: unknown, transfer: FakeMessagePort[] = []): void {
    if (this.closed) return;
    const peer = this.peer;
    setImmediate(() => peer?.receive({ data: structuredClone(data), ports: transfer }));
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
    if (this.started) this.emit('message', message);
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

export class FakeUtilityProcess extends EventEmitter {
  readonly messages: Array<{ message: unknown; transfer: FakeMessagePort[] }> = [];
  killed = false;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
  }

  postMessage(message: unknown, transfer: FakeMessagePort[] = []): void {
    this.messages.push({ message, transfer });
  }

  kill(): boolean {
    this.killed = true;
    this.emit('exit', 0);
    return true;
  }

  /** The port the child received with its init message, i.e. the core's end of the channel. */
  corePort(): FakeMessagePort {
    const port = this.messages[0]?.transfer[0];
    if (!port) throw new Error('no port was sent to the utility process');
    return port;
  }
}

export const utilityProcess = {
  forks: [] as FakeUtilityProcess[],
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
    const child = new FakeUtilityProcess(modulePath, args, options);
    utilityProcess.forks.push(child);
    return child;
  },
};

export const dialog = {
  errorBoxes: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push({ title, content });
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
 * The OS key store as Electron exposes it. The fake "encrypts" with a fixed XOR key: enough to prove
 * nothing lands on disk in clear and a different key cannot read it back.
 */
export const safeStorage = {
  available: true,
  key: 0x5a,
  isEncryptionAvailable(): boolean {
    return safeStorage.available;
  },
  encryptString(plain: string): Buffer {
    if (!safeStorage.available) throw new Error('Encryption is not available.');
    return Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ safeStorage.key));
  },
  decryptString(encrypted: Buffer): string {
    if (!safeStorage.available) throw new Error('Encryption is not available.');
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

export function resetFakeElectron(): void {
  app.reset();
  BrowserWindow.instances.length = 0;
  Menu.applicationMenu = undefined;
  ipcMain.handlers.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession = new FakeSession();
  utilityProcess.forks.length = 0;
  dialog.errorBoxes.length = 0;
  for (const key of Object.keys(contextBridge.exposed)) delete contextBridge.exposed[key];
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.respond = () => ({ ok: true, value: null });
  pdfPrinting.respond = printFakePdf;
  silentPrinting.outcome = () => ({ success: true, failureReason: '' });
  silentPrinting.printers = [];
  safeStorage.available = true;
  safeStorage.key = 0x5a;
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
