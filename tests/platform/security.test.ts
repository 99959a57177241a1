import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../electron/main/platform/app-origin';
import { createMainWindow } from '../../electron/main/platform/main-window';
import {
  applyAppSecurity,
  applySessionSecurity,
  CONTENT_SECURITY_POLICY,
  secureWebPreferences,
} from '../../electron/main/platform/security';
import { uiText } from '../../shared/i18n/vi';
import { app, BrowserWindow, Menu, resetFakeElectron, session, type FakeWebContents } from '../fakes/electron';

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

beforeEach(() => resetFakeElectron());

describe('webPreferences baseline', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs', false);

  it('sandboxes the renderer and isolates the preload world', () => {
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
  });

  it('gives the page no Node.js, in any frame or worker', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content, webviews and experimental features', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('passes the preload path and the devtools switch through', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(true);
  });
});

describe('main window', () => {
  it('is created with the secure preferences, loads the app origin and shows once painted', () => {
    const window = createMainWindow({
      preloadPath: '/out/preload/index.cjs',
      allowDevTools: false,
      onLoadFailed: vi.fn(),
      onRendererReloaded: vi.fn(),
    }) as unknown as BrowserWindow;
    expect(window.options.webPreferences).toEqual(secureWebPreferences('/out/preload/index.cjs', false));
    expect(window.options.title).toBe(uiText.appName);
    expect(window.loadedUrl).toBe(APP_ENTRY_URL);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('removes the default (English, reload/devtools) menu', () => {
    createMainWindow({ preloadPath: '/p.cjs', allowDevTools: false, onLoadFailed: vi.fn(), onRendererReloaded: vi.fn() });
    expect(Menu.applicationMenu).toBeNull();
  });
});

describe('content security policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('denies by default and allows scripts only from the app itself', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('blocks plugins and framing except the PDF previews the page makes itself, base rewriting and form posts', () => {
    expect(policy.get('object-src')).toEqual(['blob:']);
    expect(policy.get('frame-src')).toEqual(['blob:']);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('lets the page talk to nothing but its own origin', () => {
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('app-wide guards', () => {
  let contents: FakeWebContents;

  beforeEach(() => {
    // app.enableSandbox() may only run before 'ready'; windows only after it.
    resetFakeElectron({ ready: false });
    applyAppSecurity();
    app.markReady();
    contents = new BrowserWindow({}).webContents;
  });

  it('enables the sandbox for every renderer', () => {
    expect(app.sandboxEnabled).toBe(true);
  });

  it.each(['https://example.com/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)'])(
    'blocks navigation to %s',
    (url) => {
      const event = navigationEvent(url);
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault).toHaveBeenCalled();
    },
  );

  it('allows navigation within the app origin', () => {
    const event = navigationEvent('app://renderer/index.html#/admin');
    contents.emit('will-navigate', event, event.url);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('blocks redirects off the app origin', () => {
    const event = navigationEvent('https://example.com/');
    contents.emit('will-redirect', event, event.url);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
  });

  it('refuses to attach webviews', () => {
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  beforeEach(() => applySessionSecurity(session.defaultSession as never));

  it.each(['media', 'geolocation', 'notifications', 'hid', 'usb', 'clipboard-read', 'openExternal'])(
    'denies a %s request',
    (permission) => {
      const callback = vi.fn();
      session.defaultSession.permissionRequestHandler?.({} as never, permission as never, callback as never, {} as never);
      expect(callback).toHaveBeenCalledWith(false);
    },
  );

  it('answers every permission check with no', () => {
    for (const permission of ['media', 'serial', 'fullscreen']) {
      expect(session.defaultSession.permissionCheckHandler?.(null as never, permission as never)).toBe(false);
    }
  });

  it('grants no device access', () => {
    expect(session.defaultSession.devicePermissionHandler?.({ deviceType: 'usb' } as never)).toBe(false);
  });
});
