import { beforeEach, describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from '../../electron/main/platform/single-instance';
import { app, BrowserWindow, resetFakeElectron } from '../fakes/electron';

beforeEach(() => {
  resetFakeElectron();
  vi.spyOn(console, 'info').mockImplementation(() => {});
});

describe('single instance', () => {
  it('keeps running when it holds the lock', () => {
    expect(claimSingleInstance(() => null)).toBe(true);
    expect(app.quitCalls).toBe(0);
  });

  it('brings the existing window back when a second instance starts', () => {
    const window = new BrowserWindow({});
    window.minimize();
    claimSingleInstance(() => window as never);
    app.emit('second-instance', {}, ['quay'], '/');
    expect(window.isMinimized()).toBe(false);
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
  });

  it('ignores a second instance that arrives before the window exists', () => {
    claimSingleInstance(() => null);
    expect(() => app.emit('second-instance', {}, ['quay'], '/')).not.toThrow();
  });

  it('quits when another instance holds the lock', () => {
    app.singleInstanceLock = false;
    expect(claimSingleInstance(() => null)).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});
