import { parseArgs } from 'node:util';
import { normalizeUsername } from '../../../../shared/auth/credential-policy';
import { roles, type Role } from '../../../../shared/auth/roles';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { createCore, type Core } from '../../create-core';
import type { CliCommand } from '../cli-command';
import { cliCoreOptions } from '../cli-core';
import { cliActor } from '../cli-actor';
import { readSecretLine, type CliIo } from '../cli-io';

export interface AdminArgs {
  action: string | undefined;
  username: string | undefined;
  fullName: string | undefined;
  role: string | undefined;
}

function requireFlag(value: string | undefined, flag: string): string {
  if (!value) throw new AppError('CLI_USAGE', { details: `thiếu ${flag}` });
  return value;
}

function findAccount(core: Core, username: string) {
  const wanted = normalizeUsername(username);
  const account = core.services.accounts.list().find((a) => a.username === wanted);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
  return account;
}

export async function runAdmin(core: Core, args: AdminArgs, io: CliIo): Promise<void> {
  const username = requireFlag(args.username, '--username');
  switch (args.action) {
    case 'create': {
      const role = (args.role ?? 'admin') as Role;
      if (!roles.includes(role)) throw new AppError('CLI_USAGE', { details: `--role phải là ${roles.join('|')}` });
      const fullName = requireFlag(args.fullName, '--full-name');
      io.err(uiText.cli.passwordPrompt);
      const password = await readSecretLine(io.stdin);
      const input = { username, fullName, password };
      const account =
        core.services.auth.firstRunStatus().needsFirstAdmin && role === 'admin'
          ? await core.services.auth.createFirstAdmin(input)
          : await core.services.accounts.create(cliActor(), { ...input, role });
      io.out(formatMessage(uiText.cli.accountCreated, { username: account.username, role: uiText.roles[account.role] }));
      return;
    }
    case 'unlock': {
      const account = core.services.accounts.setLocked(cliActor(), findAccount(core, username).id, false);
      io.out(formatMessage(uiText.cli.accountUnlocked, { username: account.username }));
      return;
    }
    case 'reset-password': {
      const target = findAccount(core, username);
      io.err(uiText.cli.passwordPrompt);
      const password = await readSecretLine(io.stdin);
      const account = await core.services.accounts.resetPassword(cliActor(), target.id, password);
      io.out(formatMessage(uiText.cli.passwordReset, { username: account.username }));
      return;
    }
    default:
      throw new AppError('CLI_USAGE', { details: `admin ${args.action ?? ''}`.trim() });
  }
}

/** `quay admin create|unlock|reset-password --username …`: account rescue without a window. */
export const adminCommand: CliCommand = async (args, context) => {
  const { io } = context;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { username: { type: 'string' }, 'full-name': { type: 'string' }, role: { type: 'string' } },
  });
  // A one-off command: syncing is `quay sync`'s job, so no pass starts (and none has to be waited for at close).
  const core = await createCore(cliCoreOptions(context));
  try {
    await runAdmin(core, { action: positionals[0], username: values.username, fullName: values['full-name'], role: values.role }, io);
  } finally {
    await core.close();
  }
  return 0;
};
