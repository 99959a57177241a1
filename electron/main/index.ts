import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { errorMessage, uiText } from '../../shared/i18n/vi';
import { resolveAppPaths } from './platform/app-paths';
import { handleAppProtocol, registerAppScheme } from './platform/app-protocol';
import { defaultCoreRequests, startCoreProcess, type CoreClient } from './platform/core-process';
import { keyStoreCredentials } from './platform/safe-storage-credentials';
import { registerIpcBridge } from './platform/ipc-bridge';
import { createMainWindow } from './platform/main-window';
import { applyAppSecurity, applySessionSecurity } from './platform/security';
import { claimSingleInstance } from './platform/single-instance';
import { startUpdater } from './platform/updater';

/** The electron-vite build layout (electron.vite.config.ts); this module becomes out/main/index.js. */
const bundleDir = path.dirname(fileURLToPath(import.meta.url));
const bundle = {
  coreHost: path.join(bundleDir, 'core-host.js'),
  preload: path.join(bundleDir, '..', 'preload', 'index.cjs'),
  renderer: path.join(bundleDir, '..', 'renderer'),
};

let mainWindow: BrowserWindow | null = null;
let core: CoreClient | null = null;

function failStartup(message: string): void {
  dialog.showErrorBox(uiText.startup.failedTitle, message);
  app.quit();
}

async function start(): Promise<void> {
  await app.whenReady();
  applySessionSecurity(session.defaultSession);
  handleAppProtocol(bundle.renderer);
  const paths = resolveAppPaths();
  core = startCoreProcess(bundle.coreHost, { ...paths, appVersion: app.getVersion() }, {
    ...defaultCoreRequests,
    credentials: keyStoreCredentials(paths.dataDir),
  });
  // The window waits for the core so a damaged or too-new database is reported before anything else.
  const startup = await core.started;
  if (!startup.ok) {
    failStartup(startup.error.message);
    return;
  }
  registerIpcBridge(core);
  mainWindow = createMainWindow({ preloadPath: bundle.preload, allowDevTools: !app.isPackaged });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void startUpdater();
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
  });
  app.exit(code);
}

const cliFlagAt = process.argv.indexOf('--cli');
if (cliFlagAt >= 0) {
  runCliMode(process.argv.slice(cliFlagAt + 1)).catch((error: unknown) => {
    console.error('[cli] failed', error);
    app.exit(70);
  });
} else if (claimSingleInstance(() => mainWindow)) {
  registerAppScheme();
  applyAppSecurity();
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.stop());
  start().catch((error: unknown) => {
    console.error('[main] startup failed', error);
    failStartup(errorMessage('INTERNAL'));
  });
}
