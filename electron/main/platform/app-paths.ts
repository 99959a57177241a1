import path from 'node:path';
import { app } from 'electron';

export const DATA_DIR_FLAG = '--data';
export const DATA_DIR_ENV = 'QUAY_DATA_DIR';

export interface AppPaths {
  dataDir: string;
  /** Holds db/migrations: extraResources when packaged, the checkout in development. */
  resourcesDir: string;
}

/** `--data DIR` or `--data=DIR` beats QUAY_DATA_DIR; relative paths are taken from the working directory. */
export function dataDirOverride(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === DATA_DIR_FLAG && argv[i + 1]) return path.resolve(argv[i + 1]!);
    if (arg.startsWith(`${DATA_DIR_FLAG}=`) && arg.length > DATA_DIR_FLAG.length + 1) {
      return path.resolve(arg.slice(DATA_DIR_FLAG.length + 1));
    }
  }
  const fromEnv = env[DATA_DIR_ENV];
  return fromEnv ? path.resolve(fromEnv) : null;
}

export function resolveAppPaths(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): AppPaths {
  return {
    dataDir: dataDirOverride(argv, env) ?? app.getPath('userData'),
    resourcesDir: app.isPackaged ? process.resourcesPath : app.getAppPath(),
  };
}
