import { BrowserWindow, Menu, type RenderProcessGoneDetails } from 'electron';
import { uiText } from '../../../shared/i18n/vi';
import { APP_ENTRY_URL } from './app-origin';
import { logDiagnostic } from './diagnostic-log';
import { secureWebPreferences } from './security';

/** A page that has not painted by then is shown anyway, so a stuck renderer is visible, not absent. */
export const READY_TO_SHOW_TIMEOUT_MS = 15_000;

export interface MainWindowOptions {
  preloadPath: string;
  allowDevTools: boolean;
  /** The app's page could not be loaded at all (a damaged install): nothing useful can be shown. */
  onLoadFailed(description: string): void;
  /** The renderer crashed or was killed and the page has been reloaded. */
  onRendererReloaded(details: RenderProcessGoneDetails): void;
  readyToShowTimeoutMs?: number;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  // The default menu is English and offers reload and devtools; edit shortcuts work without it.
  Menu.setApplicationMenu(null);
  const window = new BrowserWindow({
    title: uiText.appName,
    width: 1366,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath, options.allowDevTools),
  });
  // Showing only once painted avoids a white flash on slow counter PCs.
  const show = () => {
    clearTimeout(showAnyway);
    if (!window.isDestroyed()) window.show();
  };
  const showAnyway = setTimeout(show, options.readyToShowTimeoutMs ?? READY_TO_SHOW_TIMEOUT_MS);
  window.once('ready-to-show', show);
  window.once('closed', () => clearTimeout(showAnyway));
  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    // -3 (ERR_ABORTED) is a navigation replaced by another one, not a failure.
    if (!isMainFrame || errorCode === -3) return;
    logDiagnostic('error', `the app page failed to load: ${errorDescription} (${errorCode})`);
    options.onLoadFailed(`${errorDescription} (${errorCode})`);
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    logDiagnostic('error', `the renderer process is gone: ${details.reason} (exit code ${details.exitCode})`);
    window.webContents.reload();
    options.onRendererReloaded(details);
  });
  // A failed load is reported through 'did-fail-load' above; the rejection carries the same news.
  window.loadURL(APP_ENTRY_URL).catch(() => undefined);
  return window;
}
