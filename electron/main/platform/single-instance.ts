import { app, type BrowserWindow } from 'electron';
import { errorMessage } from '../../../shared/i18n/vi';
import { logDiagnostic } from './diagnostic-log';

/**
 * One instance per machine: the database has one writer, and a counter officer double-clicking
 * the icon expects the open window, not a second app.
 * Returns false when another instance holds the lock; this one is then quitting.
 */
export function claimSingleInstance(currentWindow: () => BrowserWindow | null, stillStarting: () => void = () => {}): boolean {
  if (!app.requestSingleInstanceLock()) {
    logDiagnostic('info', errorMessage('APP_ALREADY_RUNNING'));
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = currentWindow();
    // Before the window exists (the core is still opening the database) the officer is told so.
    if (!window || window.isDestroyed()) {
      stillStarting();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
