import { BrowserWindow, screen, type Display, type WebContents } from 'electron';
import type { DisplayInfo } from '../../../shared/citizen-screen/citizen-screen-settings';
import { uiText } from '../../../shared/i18n/vi';
import { CITIZEN_PAGE } from '../../../shared/ipc/citizen-contract';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { logDiagnostic } from './diagnostic-log';
import { secureWebPreferences } from './security';

export const CITIZEN_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/${CITIZEN_PAGE}`;

/** The monitors as the admin chooses among them (Admin › citizen screen), the primary one marked. */
export function listDisplays(): DisplayInfo[] {
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((display, i) => ({
    id: display.id,
    label: display.label || String(i + 1),
    width: display.bounds.width,
    height: display.bounds.height,
    primary: display.id === primary,
  }));
}

/**
 * The citizen-facing window (issue 18 §2): full screen on the monitor the admin chose, with the same
 * sandboxed preferences as the officer's window; its page is citizen.html, whose preload exposes the
 * citizen contract only. A chosen monitor that is unplugged closes the window rather than putting
 * the citizen's screen over the officer's; plugged back, the window returns.
 */
export class CitizenWindow {
  private window: BrowserWindow | null = null;
  private displayId: number | null = null;

  constructor(private readonly options: { preloadPath: string; allowDevTools: boolean }) {
    screen.on('display-added', () => this.place(this.displayId));
    screen.on('display-removed', () => this.place(this.displayId));
  }

  /** Opens the window on `displayId`, moves it there, or closes it (null, or a monitor not connected). */
  place(displayId: number | null): void {
    this.displayId = displayId;
    const display = displayId === null ? undefined : screen.getAllDisplays().find((d) => d.id === displayId);
    if (!display) {
      this.close();
      return;
    }
    if (!this.window || this.window.isDestroyed()) {
      this.window = this.open(display);
      return;
    }
    this.window.setFullScreen(false);
    this.window.setBounds(display.bounds);
    this.window.setFullScreen(true);
  }

  /** The window's contents, which alone may call the citizen channels and hear the citizen events. */
  contents(): WebContents | null {
    return this.window && !this.window.isDestroyed() ? this.window.webContents : null;
  }

  close(): void {
    const window = this.window;
    this.window = null;
    if (window && !window.isDestroyed()) window.destroy();
  }

  private open(display: Display): BrowserWindow {
    const { x, y, width, height } = display.bounds;
    const window = new BrowserWindow({
      title: uiText.citizenScreen.title,
      x,
      y,
      width,
      height,
      fullscreen: true,
      frame: false,
      backgroundColor: '#ffffff',
      webPreferences: secureWebPreferences(this.options.preloadPath, this.options.allowDevTools),
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
      if (isMainFrame && errorCode !== -3) logDiagnostic('error', `the citizen screen failed to load: ${errorDescription} (${errorCode})`);
    });
    window.loadURL(CITIZEN_ENTRY_URL).catch(() => undefined);
    window.show();
    return window;
  }
}
