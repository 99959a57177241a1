import { BrowserWindow, Menu } from 'electron';
import { uiText } from '../../../shared/i18n/vi';
import { APP_ENTRY_URL } from './app-origin';
import { secureWebPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  allowDevTools: boolean;
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
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('[main] renderer failed to load', error));
  return window;
}
