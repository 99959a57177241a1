import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataDirOverride, resolveAppPaths } from '../../electron/main/platform/app-paths';
import { app, resetFakeElectron } from '../fakes/electron';

const resourcesPath = Object.getOwnPropertyDescriptor(process, 'resourcesPath');

beforeEach(() => resetFakeElectron());
afterEach(() => {
  if (resourcesPath) Object.defineProperty(process, 'resourcesPath', resourcesPath);
  else delete (process as { resourcesPath?: string }).resourcesPath;
});

describe('data folder', () => {
  it('uses --data DIR and --data=DIR, resolved from the working directory', () => {
    expect(dataDirOverride(['electron', '.', '--data', '/srv/quay'], {})).toBe('/srv/quay');
    expect(dataDirOverride(['quay', '--data=rel/dir'], {})).toBe(path.resolve('rel/dir'));
  });

  it('prefers the flag over QUAY_DATA_DIR, and QUAY_DATA_DIR over the default', () => {
    expect(dataDirOverride(['quay', '--data', '/flag'], { QUAY_DATA_DIR: '/env' })).toBe('/flag');
    expect(dataDirOverride(['quay'], { QUAY_DATA_DIR: '/env' })).toBe('/env');
    expect(dataDirOverride(['quay'], {})).toBeNull();
  });

  it('ignores a flag without a value', () => {
    expect(dataDirOverride(['quay', '--data'], {})).toBeNull();
    expect(dataDirOverride(['quay', '--data='], {})).toBeNull();
  });

  it("defaults to Electron's userData folder", () => {
    expect(resolveAppPaths(['quay'], {}).dataDir).toBe('/fake/user-data');
    expect(resolveAppPaths(['quay', '--data', '/x'], {}).dataDir).toBe('/x');
  });
});

describe('resources folder', () => {
  it('is the checkout in development', () => {
    expect(resolveAppPaths(['quay'], {}).resourcesDir).toBe('/fake/app');
  });

  it('is process.resourcesPath when packaged', () => {
    app.isPackaged = true;
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/quay/resources', configurable: true });
    expect(resolveAppPaths(['quay'], {}).resourcesDir).toBe('/opt/quay/resources');
  });
});
