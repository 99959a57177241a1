import type { PasswordHasher } from '../accounts/password-hasher';
import type { Clock } from '../platform/clock';
import type { CachedCredentialStore } from '../sync/credential-store';
import type { CliIo } from './cli-io';

export interface CliContext {
  io: CliIo;
  resourcesDir: string;
  appVersion: string;
  /** Tests pin "today"; the real CLI runs on the system clock. */
  clock?: Clock;
  /**
   * The device credential's store for a data folder: in the packaged app, Electron main's OS key
   * store, the same as the window's (issue 17 finding 11); absent, the core's 0600 file.
   */
  openCredentials?: (dataDir: string) => Promise<CachedCredentialStore | null>;
  /** The at-rest secret for a data folder from Electron main's OS key store (issue 17 finding 7); absent or null, the 0600 file. */
  openAtRestSecret?: (dataDir: string) => Promise<Buffer | null>;
  /** The sync's fetch: Electron's net.fetch in the packaged app, so the OS certificate store and proxy apply. */
  fetch?: typeof fetch;
  /** Tests make password hashing cheap; the real CLI hashes at production cost. */
  hasher?: PasswordHasher;
}

/** What every `quay <command>` gets: its own arguments (after the command word) and the data folder. */
export interface CliCommandContext extends CliContext {
  dataDir: string;
  credentials?: CachedCredentialStore;
  atRestSecret?: Buffer;
}

/**
 * One `quay` command. Each parses its own flags (`node:util` parseArgs, strict) so adding a command
 * never touches another's options. Returns the process exit code.
 */
export type CliCommand = (args: string[], context: CliCommandContext) => Promise<number>;
