import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreInit } from '../../electron/core/host/core-protocol';
import { APP_ENTRY_URL } from '../../electron/main/platform/app-origin';
import { CORE_STARTUP_TIMEOUT_MS, CORE_STOP_TIMEOUT_MS } from '../../electron/main/platform/core-process';
import { READY_TO_SHOW_TIMEOUT_MS } from '../../electron/main/platform/main-window';
import { errorMessage, uiText } from '../../shared/i18n/vi';
import { channelNames, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../shared/ipc/contract';
import { CITIZEN_IPC_PREFIX, citizenChannelNames } from '../../shared/ipc/citizen-contract';

type Fake = typeof import('../fakes/electron');

/** index.ts starts the app on import, so each test gets fresh modules and a fresh fake. */
async function launch(prepare: (fake: Fake) => void = () => {}): Promise<Fake> {
  vi.resetModules();
  const fake = await import('../fakes/electron');
  fake.resetFakeElectron({ ready: false });
  prepare(fake);
  await import('../../electron/main/index');
  // Electron finishes starting after the main script has run its synchronous part.
  fake.app.markReady();
  return fake;
}

async function forkedCore(fake: Fake) {
  await vi.waitFor(() => expect(fake.utilityProcess.forks).toHaveLength(1));
  return fake.utilityProcess.forks[0]!;
}

beforeEach(() => {
  vi.stubEnv('QUAY_DATA_DIR', '/srv/quay-data');
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('main process composition', () => {
  it('shows the core startup failure in a Vietnamese error box and quits', async () => {
    const fake = await launch();
    const child = await forkedCore(fake);
    const message = errorMessage('DB_CORRUPT', { path: '/srv/quay-data/quay.sqlite' });
    child.corePort().postMessage({ type: 'startupFailed', error: { code: 'DB_CORRUPT', message } });

    await vi.waitFor(() => expect(fake.dialog.errorBoxes).toHaveLength(1));
    expect(fake.dialog.errorBoxes[0]).toEqual({ title: uiText.startup.failedTitle, content: message });
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('starts the core with the data folder and version, then opens the secured window', async () => {
    const fake = await launch();
    const child = await forkedCore(fake);
    expect(child.modulePath).toMatch(/[/\\]core-host\.js$/);
    expect(child.messages[0]?.message).toEqual({
      type: 'init',
      dataDir: '/srv/quay-data',
      appVersion: fake.app.getVersion(),
      resourcesDir: fake.app.getAppPath(),
      // The fake has a key store and nothing is enrolled yet.
      credential: null,
      // The at-rest secret main made and keeps with the OS key store (issue 17 finding 7).
      dataAtRestSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
    } satisfies CoreInit);
    expect(fake.BrowserWindow.instances).toHaveLength(0);

    child.corePort().postMessage({ type: 'ready' });
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1));
    const window = fake.BrowserWindow.instances[0]!;
    expect(window.loadedUrl).toBe(APP_ENTRY_URL);
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      preload: expect.stringMatching(/[/\\]preload[/\\]index\.cjs$/),
    });
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.protocol.privileged.map((scheme) => scheme.scheme)).toEqual(['app']);
    expect(fake.protocol.handlers.has('app')).toBe(true);
    expect(fake.session.defaultSession.permissionRequestHandler).not.toBeNull();
    // The officer's contract, and the citizen-facing window's own two calls (issue 18 §2).
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
      [...channelNames.map((name) => IPC_PREFIX + name), ...citizenChannelNames.map((name) => CITIZEN_IPC_PREFIX + name)].sort(),
    );
    expect(fake.dialog.errorBoxes).toEqual([]);
  });

  it('quits only after the core process has exited, so its database is closed', async () => {
    const fake = await launch();
    const child = await forkedCore(fake);
    const port = child.corePort();
    const closed = vi.fn();
    port.on('close', closed);
    port.postMessage({ type: 'ready' });
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1));
    fake.app.quit();
    await vi.waitFor(() => expect(closed).toHaveBeenCalled());
    expect(fake.BrowserWindow.instances[0]!.isDestroyed()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.app.terminated).toBe(false);
    // The host closes the database once the port closes, then exits.
    child.exitWith(0);
    await vi.waitFor(() => expect(fake.app.terminated).toBe(true));
    expect(child.killed).toBe(false);
  });

  it('tells the officer in Vietnamese and signs every window out when the core crashes, and carries on with a new core', async () => {
    const fake = await launch();
    const child = await forkedCore(fake);
    child.corePort().postMessage({ type: 'ready' });
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1));
    const window = fake.BrowserWindow.instances[0]!;
    child.crash({ fatalError: true });
    await vi.waitFor(() => expect(fake.dialog.messageBoxes).toHaveLength(1));
    expect(fake.dialog.messageBoxes[0]).toMatchObject({ window, options: { type: 'warning', message: uiText.startup.coreRestarted } });
    expect(window.webContents.sent).toContainEqual({
      channel: IPC_EVENT_CHANNEL,
      args: ['session.changed', { state: 'signedOut', reason: 'signedOut' }],
    });
    await vi.waitFor(() => expect(fake.utilityProcess.forks).toHaveLength(2));
    expect(fake.utilityProcess.forks[1]!.messages[0]?.message).toEqual(child.messages[0]?.message);
    expect(fake.dialog.errorBoxes).toEqual([]);
  });

  it('gives up with a Vietnamese error box when the core does not start in time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const fake = await launch();
      await forkedCore(fake);
      await vi.advanceTimersByTimeAsync(CORE_STARTUP_TIMEOUT_MS);
      expect(fake.dialog.errorBoxes).toEqual([
        { title: uiText.startup.failedTitle, content: errorMessage('APP_STARTUP_TIMEOUT', { seconds: CORE_STARTUP_TIMEOUT_MS / 1000 }) },
      ]);
      expect(fake.BrowserWindow.instances).toHaveLength(0);
      // Quitting stops the stuck core, killing it when it does not exit.
      await vi.advanceTimersByTimeAsync(CORE_STOP_TIMEOUT_MS * 2);
      expect(fake.utilityProcess.forks[0]!.killed).toBe(true);
      expect(fake.app.terminated).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('quits with a Vietnamese error box when the app page cannot be loaded', async () => {
    const fake = await launch((f) => {
      f.pageLoading.failure = { errorCode: -6, errorDescription: 'ERR_FILE_NOT_FOUND' };
    });
    const child = await forkedCore(fake);
    child.corePort().postMessage({ type: 'ready' });
    await vi.waitFor(() => expect(fake.dialog.errorBoxes).toHaveLength(1));
    expect(fake.dialog.errorBoxes[0]).toEqual({
      title: uiText.startup.failedTitle,
      content: errorMessage('APP_WINDOW_LOAD_FAILED', { details: 'ERR_FILE_NOT_FOUND (-6)' }),
    });
    expect(fake.app.quitCalls).toBe(1);
  });

  it('reloads a crashed page and says so; shows a window that never paints rather than nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const fake = await launch();
      const child = await forkedCore(fake);
      child.corePort().postMessage({ type: 'ready' });
      await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1));
      const window = fake.BrowserWindow.instances[0]!;
      expect(window.visible).toBe(false);
      await vi.advanceTimersByTimeAsync(READY_TO_SHOW_TIMEOUT_MS);
      expect(window.visible).toBe(true);
      window.webContents.emit('render-process-gone', fake.electronEvent(), { reason: 'oom', exitCode: 0 });
      expect(window.webContents.reloads).toBe(1);
      expect(fake.dialog.messageBoxes.map((box) => box.options.message)).toEqual([uiText.startup.rendererGone]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a second launch during start-up, before the window exists, with a Vietnamese notice', async () => {
    const fake = await launch();
    await forkedCore(fake);
    fake.app.emit('second-instance', fake.electronEvent(), ['quay'], '/');
    expect(fake.dialog.messageBoxes.map((box) => box.options.message)).toEqual([uiText.startup.stillStarting]);
  });

  it('says so when the key-store credential can no longer be decrypted, and starts the core unenrolled', async () => {
    const dataDir = (await import('node:fs')).mkdtempSync(
      (await import('node:path')).join((await import('node:os')).tmpdir(), 'quay-main-'),
    );
    (await import('node:fs')).writeFileSync((await import('node:path')).join(dataDir, 'device-credential.enc'), 'another machine’s key');
    vi.stubEnv('QUAY_DATA_DIR', dataDir);
    const fake = await launch();
    const child = await forkedCore(fake);
    expect(child.messages[0]?.message).toMatchObject({ credential: null });
    child.corePort().postMessage({ type: 'ready' });
    await vi.waitFor(() =>
      expect(fake.dialog.messageBoxes.map((box) => box.options.message)).toEqual([uiText.startup.credentialUnreadable]),
    );
  });

  it('quits at once, starting nothing, when another instance is running', async () => {
    const fake = await launch((f) => {
      f.app.singleInstanceLock = false;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.utilityProcess.forks).toHaveLength(0);
    expect(fake.protocol.privileged).toHaveLength(0);
  });

  it('runs the quay CLI headless with --cli: no window, no core process, exit code from the command', async () => {
    const dataDir = (await import('node:fs')).mkdtempSync(
      (await import('node:path')).join((await import('node:os')).tmpdir(), 'quay-cli-'),
    );
    const argv = process.argv;
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    process.argv = [argv[0]!, 'app', '--cli', 'doctor', '--data', dataDir];
    try {
      const fake = await launch();
      // The CLI's whole module graph is loaded on first use: at load 20 on two cores that took over 20 s.
      await vi.waitFor(() => expect(fake.app.exitCodes).toEqual([0]), { timeout: 90_000 });
      expect(fake.utilityProcess.forks).toHaveLength(0);
      expect(fake.BrowserWindow.instances).toHaveLength(0);
      expect(written.join('')).toContain('Chưa có cơ sở dữ liệu');
    } finally {
      process.argv = argv;
      write.mockRestore();
    }
  }, 120_000);
});
