import path from 'node:path';
import { OutboxSyncRepository } from '../../../db/repositories/outbox-sync-repository';
import type { OpenedDatabase } from '../../../db/open';
import { FileStore } from '../platform/file-store';
import type { Clock } from '../platform/clock';
import { BlobBundler } from './blob-bundler';
import { BlobUploader } from './blob-uploader';
import { CommandFiles } from './command-files';
import { FileCredentialStore, type CredentialStore } from './credential-store';
import { GatewayClient } from './gateway-client';
import { SyncEngine, type SyncEngineDeps } from './sync-engine';

export { FileCredentialStore, type CredentialStore, type DeviceCredential } from './credential-store';
export { GatewayClient, normalizeGatewayUrl } from './gateway-client';
export { BlobUploader } from './blob-uploader';
export { backoffDelay, SyncEngine, type PushSummary, type SyncStatus, type SyncStep } from './sync-engine';

export const CREDENTIAL_FILE_NAME = 'device-credential.json';

/**
 * Wiring for the composition root: the gateway client over a credential store (a 0600 file in the
 * data folder unless the host passes one backed by the OS key store) and the engine over the outbox.
 */
export function createSync(options: {
  database: OpenedDatabase;
  dataDir: string;
  /** The core's file store (its key may come from the OS key store); absent, one keyed from keys/ under dataDir. */
  files?: FileStore;
  clock: Clock;
  credentials?: CredentialStore;
  fetch?: typeof fetch;
  timeoutMs?: number;
  log?: SyncEngineDeps['log'];
  engine?: Pick<SyncEngineDeps, 'batchSize' | 'backoff' | 'idleMs' | 'random'>;
  /** Pull, leases and uploads around the push; they need the client, so they are built from it. */
  steps?: (client: GatewayClient) => SyncEngineDeps['steps'];
  onStatus?: SyncEngineDeps['onStatus'];
}): { client: GatewayClient; engine: SyncEngine } {
  const credentials = options.credentials ?? new FileCredentialStore(path.join(options.dataDir, CREDENTIAL_FILE_NAME));
  // Signatures carry the machine's wall-clock time, which the gateway checks against its own.
  const client = new GatewayClient({ credentials, fetch: options.fetch, timeoutMs: options.timeoutMs });
  const { sqlite } = options.database;
  const fileStore = options.files ?? new FileStore(options.dataDir);
  const engine = new SyncEngine({
    outbox: new OutboxSyncRepository(options.database.db),
    gateway: client,
    clock: options.clock,
    transaction: (work) => sqlite.transaction(work).immediate(),
    files: new CommandFiles(
      new BlobUploader({ gateway: client, files: fileStore }),
      new BlobBundler({ gateway: client, files: fileStore }),
    ),
    log: options.log,
    steps: options.steps?.(client),
    onStatus: options.onStatus,
    ...options.engine,
  });
  return { client, engine };
}
