import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreInit } from '../../electron/core/host/core-protocol';
import { APP_ENTRY_URL } from '../../electron/main/platform/app-origin';
import { errorMessage, uiText } from '../../shared/i18n/vi';
import { channelNames, IPC_PREFIX } from '../../shared/ipc/contract';

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
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(channelNames.map((name) => IPC_PREFIX + name).sort());
    expect(fake.dialog.errorBoxes).toEqual([]);
  });

  it('closes the channel to the core when the app quits', async () => {
    const fake = await launch();
    const child = await forkedCore(fake);
    const port = child.corePort();
    const closed = vi.fn();
    port.on('close', closed);
    port.postMessage({ type: 'ready' });
    await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1));
    fake.app.quit();
    await vi.waitFor(() => expect(closed).toHaveBeenCalled());
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
    const dataDir = (await import('node:fs')).mkdtempSync((await import('node:path')).join((await import('node:os')).tmpdir(), 'quay-cli-'));
    const argv = process.argv;
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    process.argv = [argv[0]!, 'app', '--cli', 'doctor', '--data', dataDir];
    try {
      const fake = await launch();
      await vi.waitFor(() => expect(fake.app.exitCodes).toEqual([0]), { timeout: 20_000 });
      expect(fake.utilityProcess.forks).toHaveLength(0);
      expect(fake.BrowserWindow.instances).toHaveLength(0);
      expect(written.join('')).toContain('Chưa có cơ sở dữ liệu');
    } finally {
      process.argv = argv;
      write.mockRestore();
    }
  });
});
