import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startUpdater, UPDATE_CHECK_INTERVAL_MS, UPDATE_KEY_FILE } from '../../electron/main/platform/updater';
import { app, resetFakeElectron } from '../fakes/electron';
import { repoRoot, tempDir } from '../helpers/test-core';

const autoUpdater = vi.hoisted(() => ({
  handlers: new Map<string, (payload: unknown) => void>(),
  autoInstallOnAppQuit: true,
  on(event: string, handler: (payload: unknown) => void) {
    autoUpdater.handlers.set(event, handler);
    return autoUpdater;
  },
  checkForUpdates: vi.fn(),
}));

vi.mock('electron-updater', () => ({ default: { autoUpdater } }));

const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
let logged: ReturnType<typeof vi.spyOn>;
let resourcesDir: string;

/** A packaged app's resources folder as electron-builder lays it out: app-update.yml and the shipped key. */
function packagedResources(feedUrl: string, withKey = true): string {
  const dir = tempDir('quay-resources-');
  fs.writeFileSync(path.join(dir, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: quay-mot-cua-updater\n`);
  if (withKey) fs.copyFileSync(path.join(repoRoot, 'build', UPDATE_KEY_FILE), path.join(dir, UPDATE_KEY_FILE));
  return dir;
}

function onPlatform(name: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { ...platform, value: name });
}

beforeEach(() => {
  resetFakeElectron();
  autoUpdater.handlers.clear();
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.checkForUpdates.mockReset().mockResolvedValue(null);
  logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.useFakeTimers({ toFake: ['setInterval'] });
  resourcesDir = packagedResources('https://updates.example.vn/quay/');
});

afterEach(() => {
  vi.useRealTimers();
  Object.defineProperty(process, 'platform', platform);
  fs.rmSync(resourcesDir, { recursive: true, force: true });
});

describe('updater', () => {
  it('does nothing in an unpackaged app', async () => {
    await startUpdater(resourcesDir);
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('checks at launch and again every interval when packaged', async () => {
    app.isPackaged = true;
    await startUpdater(resourcesDir);
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('logs a failed check instead of crashing', async () => {
    app.isPackaged = true;
    autoUpdater.checkForUpdates.mockRejectedValue(new Error('getaddrinfo ENOTFOUND'));
    await expect(startUpdater(resourcesDir)).resolves.toBeUndefined();
    await vi.waitFor(() =>
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('update check failed: Error: getaddrinfo ENOTFOUND')),
    );
  });

  it('logs updater error events', async () => {
    app.isPackaged = true;
    await startUpdater(resourcesDir);
    autoUpdater.handlers.get('error')?.(new Error('bad signature'));
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('updater: Error: bad signature'));
  });

  it('never checks a feed that is not https', async () => {
    app.isPackaged = true;
    fs.rmSync(resourcesDir, { recursive: true, force: true });
    resourcesDir = packagedResources('http://updates.example.vn/quay/');
    await startUpdater(resourcesDir);
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('updater not started: the feed is not https (http:)'));
  });

  it('on Linux installs nothing on quit until a download is verified', async () => {
    app.isPackaged = true;
    onPlatform('linux');
    await startUpdater(resourcesDir);
    expect(autoUpdater.autoInstallOnAppQuit).toBe(false);
    expect(autoUpdater.handlers.has('update-downloaded')).toBe(true);
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('on Linux without the shipped key does not check for updates at all', async () => {
    app.isPackaged = true;
    onPlatform('linux');
    fs.rmSync(path.join(resourcesDir, UPDATE_KEY_FILE));
    await expect(startUpdater(resourcesDir)).resolves.toBeUndefined();
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('updater not started'));
  });

  it('on Windows leaves installing on quit to electron-updater, which checks the publisher', async () => {
    app.isPackaged = true;
    onPlatform('win32');
    await startUpdater(resourcesDir);
    expect(autoUpdater.autoInstallOnAppQuit).toBe(true);
    expect(autoUpdater.handlers.has('update-downloaded')).toBe(false);
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
  });
});
