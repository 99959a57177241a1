import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Quầy Một Cửa';
export const DATA_DIR_ENV = 'QUAY_DATA_DIR';

/** Mirrors Electron's `app.getPath('userData')`, so the CLI finds the data of the installed app. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

/** `--data DIR` wins over QUAY_DATA_DIR, which wins over the installed app's folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env[DATA_DIR_ENV];
  return chosen ? path.resolve(chosen) : defaultDataDir(process.platform, env);
}
