import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import { logDiagnostic } from './diagnostic-log';
import { checkedFeedUrl, gateLinuxUpdates } from './update-signature';

/** Counters stay open all day, so a check only at launch would leave them a day behind. */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** Shipped beside app-update.yml (electron-builder.yml extraResources); its private half signs Linux releases. */
export const UPDATE_KEY_FILE = 'update-signing-key.pem';

/**
 * Checks the generic-provider feed named in the electron-builder config (app-update.yml exists
 * only in a packaged app). Downloads happen in the background and install when the app quits.
 * An unreachable mirror is normal at a commune counter, so this never rejects: failures are logged.
 * A feed that is not https is not used at all; on Linux an update installs only once its detached
 * signature checked out (update-signature.ts, issue 17 finding 3). On Windows electron-updater
 * checks the installer's Authenticode signature against the publisher in app-update.yml.
 * `resourcesDir` is resolveAppPaths().resourcesDir — in a packaged app Electron's process.resourcesPath,
 * where electron-builder writes app-update.yml and the extraResources, the key among them.
 */
export async function startUpdater(resourcesDir: string): Promise<void> {
  if (!app.isPackaged) return;
  try {
    const feed = checkedFeedUrl(fs.readFileSync(path.join(resourcesDir, 'app-update.yml'), 'utf8'));
    if (!feed.ok || !feed.url) {
      logDiagnostic('error', `updater not started: ${feed.ok ? 'no feed URL' : feed.reason}`);
      return;
    }
    // CommonJS with a lazy getter for autoUpdater, which Node's ESM named-export detection cannot
    // see; imported here so development runs never load it.
    const { default: updater } = await import('electron-updater');
    const { autoUpdater } = updater;
    autoUpdater.on('error', (error) => logDiagnostic('error', 'updater', error));
    if (process.platform === 'linux') {
      const publicKeyPem = fs.readFileSync(path.join(resourcesDir, UPDATE_KEY_FILE), 'utf8');
      gateLinuxUpdates(autoUpdater, { feedUrl: feed.url, publicKeyPem, log: (level, message) => logDiagnostic(level, message) });
    }
    const check = () => {
      autoUpdater.checkForUpdates().catch((error: unknown) => logDiagnostic('error', 'update check failed', error));
    };
    check();
    setInterval(check, UPDATE_CHECK_INTERVAL_MS).unref();
  } catch (error) {
    logDiagnostic('error', 'updater not started', error);
  }
}
