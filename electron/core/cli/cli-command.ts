import type { Clock } from '../platform/clock';
import type { CliIo } from './cli-io';

export interface CliContext {
  io: CliIo;
  resourcesDir: string;
  appVersion: string;
  /** Tests pin "today"; the real CLI runs on the system clock. */
  clock?: Clock;
}

/** What every `quay <command>` gets: its own arguments (after the command word) and the data folder. */
export interface CliCommandContext extends CliContext {
  dataDir: string;
}

/**
 * One `quay` command. Each parses its own flags (`node:util` parseArgs, strict) so adding a command
 * never touches another's options. Returns the process exit code.
 */
export type CliCommand = (args: string[], context: CliCommandContext) => Promise<number>;
