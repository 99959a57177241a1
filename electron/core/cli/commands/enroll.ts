import os from 'node:os';
import { parseArgs } from 'node:util';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { createCore } from '../../create-core';
import type { CliCommand } from '../cli-command';
import { cliCoreOptions } from '../cli-core';

/** `quay enroll --gateway URL --code CODE [--counter NAME]`: binds this counter to the province's gateway. */
export const enrollCommand: CliCommand = async (args, context) => {
  const { io } = context;
  const { values } = parseArgs({ args, options: { gateway: { type: 'string' }, code: { type: 'string' }, counter: { type: 'string' } } });
  if (!values.gateway) throw new AppError('CLI_USAGE', { details: 'thiếu --gateway' });
  if (!values.code) throw new AppError('CLI_USAGE', { details: 'thiếu --code' });
  const counterName = values.counter ?? os.hostname();
  const core = await createCore(cliCoreOptions(context));
  try {
    const overview = await core.services.sync.enroll(
      { accountId: null, username: `cli:${os.userInfo().username}` },
      { gatewayUrl: values.gateway, code: values.code, counterName },
    );
    io.out(
      formatMessage(uiText.sync.cliEnrolled, {
        counter: counterName,
        deviceId: overview.deviceId ?? '',
        agencyCode: overview.agencyCode ?? '',
        gatewayUrl: overview.gatewayUrl ?? '',
      }),
    );
  } finally {
    await core.close();
  }
  return 0;
};
