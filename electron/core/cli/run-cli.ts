import { uiText } from '../../../shared/i18n/vi';
import { AppError } from '../../../shared/ipc/result';
import { resolveDataDir } from '../host/data-dir';
import type { CliContext } from './cli-command';
import { cliCommands } from './commands';

export type { CliContext } from './cli-command';

/**
 * `quay [--data DIR] <command> …`: core functions without a window, for site IT. Global flags
 * (`--data`, `--help`) may stand anywhere; everything else belongs to the command. Returns the
 * process exit code.
 */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  const { io } = context;
  try {
    const { dataFlag, help, rest } = splitGlobalFlags(argv);
    const [command, ...args] = rest;
    if (help || !command) {
      io.out(uiText.cli.usage);
      return command || help ? 0 : 64;
    }
    const run = Object.hasOwn(cliCommands, command) ? cliCommands[command] : undefined;
    if (!run) throw new AppError('CLI_USAGE', { details: command });
    const dataDir = resolveDataDir(dataFlag, io.env);
    const credentials = (await context.openCredentials?.(dataDir)) ?? undefined;
    const atRestSecret = (await context.openAtRestSecret?.(dataDir)) ?? undefined;
    const code = await run(args, { ...context, dataDir, credentials, atRestSecret });
    // The key store may still be writing an enrolment when the command returns.
    await credentials?.settled();
    return code;
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`${error.code}: ${error.message}`);
      if (error.code === 'CLI_USAGE') io.err(uiText.cli.usage);
      return error.code === 'CLI_USAGE' ? 64 : 2;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`CLI_USAGE: ${(error as Error).message}`);
      io.err(uiText.cli.usage);
      return 64;
    }
    io.err(`INTERNAL: ${String((error as Error)?.stack ?? error)}`);
    return 70;
  }
}

function splitGlobalFlags(argv: string[]): { dataFlag: string | undefined; help: boolean; rest: string[] } {
  let dataFlag: string | undefined;
  let help = false;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--data') {
      dataFlag = argv[i + 1];
      if (dataFlag === undefined) throw new AppError('CLI_USAGE', { details: '--data' });
      i += 1;
    } else if (arg.startsWith('--data=')) dataFlag = arg.slice('--data='.length);
    else if (arg === '--help' || arg === '-h') help = true;
    else rest.push(arg);
  }
  return { dataFlag, help, rest };
}
