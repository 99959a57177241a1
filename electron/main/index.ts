import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, net, session } from 'electron';
import { errorMessage, uiText } from '../../shared/i18n/vi';
import { IPC_EVENT_CHANNEL } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/result';
import { resolveAppPaths } from './platform/app-paths';
import { handleAppProtocol, registerAppScheme } from './platform/app-protocol';
import {
  CORE_STARTUP_TIMEOUT_MS,
  defaultCoreRequests,
  startCoreProcess,
  type CoreClient,
  type CoreCrash,
  type CoreStartup,
} from './platform/core-process';
import { logDiagnostic, useDiagnosticLogFile } from './platform/diagnostic-log';
import { keyStoreCredentials } from './platform/safe-storage-credentials';
import { keyStoreAtRestSecret } from './platform/safe-storage-at-rest-secret';
import { registerIpcBridge } from './platform/ipc-bridge';
import { registerCitizenBridge } from './platform/citizen-bridge';
import { CitizenWindow, listDisplays } from './platform/citizen-window';
import { createMainWindow } from './platform/main-window';
import { applyAppSecurity, applySessionSecurity } from './platform/security';
import { claimSingleInstance } from './platform/single-instance';
import { startUpdater } from './platform/updater';
import { CachedCredentialStore } from '../core/sync/credential-store';

/** The electron-vite build layout (electron.vite.config.ts); this module becomes out/main/index.js. */
const bundleDir = path.dirname(fileURLToPath(import.meta.url));
const bundle = {
  coreHost: path.join(bundleDir, 'core-host.js'),
  preload: path.join(bundleDir, '..', 'preload', 'index.cjs'),
  renderer: path.join(bundleDir, '..', 'renderer'),
};

let mainWindow: BrowserWindow | null = null;
let core: CoreClient | null = null;
let coreStopped = false;
let failing = false;

function failStartup(message: string): void {
  if (failing) return;
  failing = true;
  dialog.showErrorBox(uiText.startup.failedTitle, message);
  app.quit();
}

/** A notice for the officer over the window when there is one; it never blocks main. */
function notify(message: string): void {
  const options = { type: 'warning' as const, title: uiText.startup.noticeTitle, message, buttons: ['OK'] };
  const shown = mainWindow && !mainWindow.isDestroyed() ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  shown.catch((error: unknown) => logDiagnostic('error', 'showing a notice failed', error));
}

function coreCrashed(crash: CoreCrash): void {
  if (!crash.restarting) {
    notify(uiText.startup.coreGaveUp);
    return;
  }
  // The new core knows no session: every window goes back to sign-in, as after an idle sign-out.
  for (const window of BrowserWindow.getAllWindows()) {
    window.webContents.send(IPC_EVENT_CHANNEL, 'session.changed', { state: 'signedOut', reason: 'signedOut' });
  }
  notify(uiText.startup.coreRestarted);
}

function startupTimeout(timeoutMs: number): { result: Promise<CoreStartup>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const result = new Promise<CoreStartup>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: { code: 'APP_STARTUP_TIMEOUT', message: errorMessage('APP_STARTUP_TIMEOUT', { seconds: Math.round(timeoutMs / 1000) }) },
        }),
      timeoutMs,
    );
  });
  return { result, cancel: () => clearTimeout(timer) };
}

async function start(): Promise<void> {
  await app.whenReady();
  applySessionSecurity(session.defaultSession);
  handleAppProtocol(bundle.renderer);
  const paths = resolveAppPaths();
  useDiagnosticLogFile(paths.dataDir);
  logDiagnostic('info', `starting ${app.getVersion()} on ${process.platform}`);
  const credentials = await keyStoreCredentials(paths.dataDir);
  let credentialUnreadable = false;
  const credential = credentials
    ? await credentials.load().catch((error: unknown) => {
        // The file stays until the admin enrols again, which overwrites it.
        credentialUnreadable = error instanceof AppError && error.code === 'SYNC_CREDENTIAL_UNREADABLE';
        logDiagnostic('error', 'the device credential could not be read', error);
        return null;
      })
    : undefined;
  // Where the OS has a real key store, the at-rest secret lives there too (issue 17 finding 7).
  const atRestSecret = credentials ? await keyStoreAtRestSecret(paths.dataDir) : null;
  // The citizen-facing window goes on the monitor the admin chose; the core says which (issue 18 §2).
  const citizenWindow = new CitizenWindow({ preloadPath: bundle.preload, allowDevTools: !app.isPackaged });
  core = startCoreProcess(
    bundle.coreHost,
    {
      ...paths,
      appVersion: app.getVersion(),
      ...(credential === undefined ? {} : { credential }),
      ...(atRestSecret ? { dataAtRestSecret: atRestSecret.toString('hex') } : {}),
    },
    {
      ...defaultCoreRequests,
      credentials,
      citizenWindow: { displays: async () => listDisplays(), place: (displayId) => citizenWindow.place(displayId) },
    },
    { onCrash: coreCrashed },
  );
  // The window waits for the core so a damaged or too-new database is reported before anything else.
  const timeout = startupTimeout(CORE_STARTUP_TIMEOUT_MS);
  const startup = await Promise.race([core.started, timeout.result]);
  timeout.cancel();
  if (!startup.ok) {
    logDiagnostic('error', `the core did not start: ${startup.error.code}`);
    failStartup(startup.error.message);
    return;
  }
  registerIpcBridge(core);
  registerCitizenBridge(core, () => citizenWindow.contents());
  mainWindow = createMainWindow({
    preloadPath: bundle.preload,
    allowDevTools: !app.isPackaged,
    onLoadFailed: (details) => failStartup(errorMessage('APP_WINDOW_LOAD_FAILED', { details })),
    onRendererReloaded: () => notify(uiText.startup.rendererGone),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
    // The officer's window is the app: the citizen's closes with it, so the app can quit.
    citizenWindow.close();
  });
  if (credentialUnreadable) notify(uiText.startup.credentialUnreadable);
  void startUpdater(paths.resourcesDir);
}

/**
 * `<app> --cli …` runs the `quay` CLI inside the packaged app: the runAsNode fuse is off, so the
 * executable itself is the only Node available on a counter PC. No window, no single-instance lock.
 */
async function runCliMode(args: string[]): Promise<void> {
  // Loaded only in CLI mode, so the GUI process does not load the database stack at start-up.
  const { runCli } = await import('../core/cli/run-cli');
  const code = await runCli(args, {
    io: {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      stdin: process.stdin,
      env: process.env,
    },
    resourcesDir: resolveAppPaths().resourcesDir,
    appVersion: app.getVersion(),
    // Chromium's network stack, as the window's core uses: the OS certificate store (a province's
    // government CA) and proxy settings apply to `quay enroll` and `quay sync` too (issue 17 finding 1).
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
    // The same OS key store as the window's core (issue 17 finding 11); safeStorage needs the app ready.
    openCredentials: async (dataDir) => {
      await app.whenReady();
      const store = await keyStoreCredentials(dataDir);
      return store ? CachedCredentialStore.open(store) : null;
    },
    openAtRestSecret: async (dataDir) => {
      await app.whenReady();
      return (await keyStoreCredentials(dataDir)) ? keyStoreAtRestSecret(dataDir) : null;
    },
  });
  app.exit(code);
}

const cliFlagAt = process.argv.indexOf('--cli');
if (cliFlagAt >= 0) {
  runCliMode(process.argv.slice(cliFlagAt + 1)).catch((error: unknown) => {
    console.error('[cli] failed', error);
    app.exit(70);
  });
} else if (
  claimSingleInstance(
    () => mainWindow,
    () => notify(uiText.startup.stillStarting),
  )
) {
  registerAppScheme();
  applyAppSecurity();
  app.on('window-all-closed', () => app.quit());
  // The core closes its database when its port closes; quitting waits for its process to exit.
  app.on('will-quit', (event) => {
    if (!core || coreStopped) return;
    event.preventDefault();
    void core.stop().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });
  start().catch((error: unknown) => {
    logDiagnostic('error', 'startup failed', error);
    failStartup(errorMessage('INTERNAL'));
  });
}
