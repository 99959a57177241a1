import { app, type Session, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * antd's CSS-in-JS injects <style> elements, hence 'unsafe-inline' for styles only. Scanned page
 * thumbnails are shown from blob: and data: URLs. Printed forms are previewed as PDFs the page
 * makes itself: a blob: frame, whose built-in PDF viewer is a plugin (object-src). Everything else
 * stays on the app's own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "media-src 'none'",
  'object-src blob:',
  'frame-src blob:',
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function secureWebPreferences(preloadPath: string, allowDevTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: allowDevTools,
  };
}

/** Must run before `ready`: sandboxing is decided when the first renderer is created. */
export function applyAppSecurity(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

/**
 * Every web contents, including ones we never meant to create, stays on the app origin: a
 * dropped file, a link or a compromised page must not turn the window into a browser.
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Devices are reached from the core, never from web APIs, so the renderer needs no permission at all. */
export function applySessionSecurity(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
