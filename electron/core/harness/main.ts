import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/ipc/result';
import { resolveDataDir } from '../host/data-dir';
import { startHarness } from './start-harness';

/** `npm run start:web`: the whole app in a browser on loopback, for development only. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '5180' },
    },
  });
  const harness = await startHarness({ dataDir: resolveDataDir(values.data), host: values.host, port: Number(values.port) });
  console.log(`Quầy Một Cửa (harness) — open ${harness.url}`);
  console.log(`Citizen-facing screen — open ${harness.citizenUrl}`);
  console.log(`Data folder: ${harness.core.services.health.info().dataDir}`);
  const stop = () => void harness.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
