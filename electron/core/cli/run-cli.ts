import { parseArgs } from 'node:util';
import { uiText } from '../../../shared/i18n/vi';
import { AppError } from '../../../shared/ipc/result';
import { createCore } from '../create-core';
import { resolveDataDir } from '../host/data-dir';
import type { CliIo } from './cli-io';
import { runAdmin } from './commands/admin';
import { diagnose, printDoctorReport } from './commands/doctor';

export interface CliContext {
  io: CliIo;
  resourcesDir: string;
  appVersion: string;
}

/** `quay …`: core functions without a window, for site IT. Returns the process exit code. */
export async function runCli(argv: string[], { io, resourcesDir, appVersion }: CliContext): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        username: { type: 'string' },
        'full-name': { type: 'string' },
        role: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [command, action] = positionals;
    if (values.help || !command) {
      io.out(uiText.cli.usage);
      return command || values.help ? 0 : 64;
    }
    const dataDir = resolveDataDir(values.data, io.env);

    if (command === 'doctor') {
      const report = diagnose(dataDir, resourcesDir);
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else printDoctorReport(report, io);
      return report.ok ? 0 : 1;
    }
    if (command === 'admin') {
      const core = await createCore({ dataDir, resourcesDir, appVersion, idleSweepMs: null });
      try {
        await runAdmin(core, { action, username: values.username, fullName: values['full-name'], role: values.role }, io);
      } finally {
        core.close();
      }
      return 0;
    }
    throw new AppError('CLI_USAGE', { details: command });
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
