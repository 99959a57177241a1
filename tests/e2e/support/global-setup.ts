import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The specs test the built renderer exactly as the harness serves it, so build it once per run. */
export default function globalSetup(): void {
  const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
  execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
