import { parseArgs } from 'node:util';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { inventory } from '../../devices/device-inventory';
import { defaultDevicePorts, type DevicePorts } from '../../devices/device-ports';
import type { CliCommand } from '../cli-command';

/** `quay devices list [--json]`: for site IT, what the app can see on this machine. */
export function devicesCommandWith(ports: () => DevicePorts): CliCommand {
  return async (args, { io }) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
    if (positionals[0] !== 'list') throw new AppError('CLI_USAGE', { details: `devices ${positionals.join(' ')}`.trim() });
    const found = await inventory(ports());
    if (values.json) {
      io.out(JSON.stringify(found, null, 2));
      return 0;
    }
    const section = (title: string, lines: string[]) => {
      io.out(title);
      for (const line of lines.length > 0 ? lines : [uiText.cli.devicesNone]) io.out(line);
    };
    section(
      uiText.cli.devicesUsbPrinters,
      found.usbPrinters.map((p) => `  ${p.address}  ${p.name}`),
    );
    section(
      uiText.cli.devicesHidReaders,
      found.hidReaders.map((r) => `  ${r.path}  ${r.name}`),
    );
    section(
      uiText.cli.devicesSerialPorts,
      found.serialPorts.map((p) => `  ${p.path}  ${p.name}`),
    );
    section(
      uiText.cli.devicesSystemPrinters,
      found.systemPrinters.map((p) => `  cups:${p.name}${p.isDefault ? ' *' : ''}`),
    );
    for (const problem of found.problems) io.err(formatMessage(uiText.cli.devicesProblem, { details: problem }));
    return 0;
  };
}

export const devicesCommand: CliCommand = devicesCommandWith(defaultDevicePorts);
