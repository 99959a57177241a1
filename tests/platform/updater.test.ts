import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startUpdater, UPDATE_CHECK_INTERVAL_MS } from '../../electron/main/platform/updater';
import { app, resetFakeElectron } from '../fakes/electron';

const autoUpdater = vi.hoisted(() => ({
  handlers: new Map<string, (error: Error) => void>(),
  on(event: string, handler: (error: Error) => void) {
    autoUpdater.handlers.set(event, handler);
    return autoUpdater;
  },
  checkForUpdates: vi.fn(),
}));

vi.mock('electron-updater', () => ({ default: { autoUpdater } }));

let logged: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  resetFakeElectron();
  autoUpdater.handlers.clear();
  autoUpdater.checkForUpdates.mockReset().mockResolvedValue(null);
  logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.useFakeTimers({ toFake: ['setInterval'] });
});

afterEach(() => vi.useRealTimers());

describe('updater', () => {
  it('does nothing in an unpackaged app', async () => {
    await startUpdater();
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('checks at launch and again every interval when packaged', async () => {
    app.isPackaged = true;
    await startUpdater();
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('logs a failed check instead of crashing', async () => {
    app.isPackaged = true;
    autoUpdater.checkForUpdates.mockRejectedValue(new Error('getaddrinfo ENOTFOUND'));
    await expect(startUpdater()).resolves.toBeUndefined();
    await vi.waitFor(() =>
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('update check failed: Error: getaddrinfo ENOTFOUND')),
    );
  });

  it('logs updater error events', async () => {
    app.isPackaged = true;
    await startUpdater();
    autoUpdater.handlers.get('error')?.(new Error('bad signature'));
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('updater: Error: bad signature'));
  });
});
