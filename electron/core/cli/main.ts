import { findRepoRoot } from '../host/repo-root';
import { runCli } from './run-cli';

const exitCode = await runCli(process.argv.slice(2), {
  io: {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stdin: process.stdin,
    env: process.env,
  },
  resourcesDir: process.env.QUAY_RESOURCES_DIR ?? findRepoRoot(),
  appVersion: process.env.npm_package_version ?? '0.0.0-dev',
});
process.exitCode = exitCode;
