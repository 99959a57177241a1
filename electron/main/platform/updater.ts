import { app } from 'electron';
import { logDiagnostic } from './diagnostic-log';

/** Counters stay open all day, so a check only at launch would leave them a day behind. */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/**
 * Checks the generic-provider feed named in the electron-builder config (app-update.yml exists
 * only in a packaged app). Downloads happen in the background and install when the app quits.
 * An unreachable mirror is normal at a commune counter, so this never rejects: failures are logged.
 */
export async function startUpdater(): Promise<void> {
  if (!app.isPackaged) return;
  try {
    // CommonJS with a lazy getter for autoUpdater, which Node's ESM named-export detection cannot
    // see; imported here so development runs never load it.
    const { default: updater } = await import('electron-updater');
    const { autoUpdater } = updater;
    autoUpdater.on('error', (error) => logDiagnostic('error', 'updater', error));
    const check = () => {
      autoUpdater.checkForUpdates().catch((error: unknown) => logDiagnostic('error', 'update check failed', error));
    };
    check();
    setInterval(check, UPDATE_CHECK_INTERVAL_MS).unref();
  } catch (error) {
    logDiagnostic('error', 'updater not started', error);
  }
}
