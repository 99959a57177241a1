import type { CliCommand } from '../cli-command';
import { adminCommand } from './admin';
import { backupCommand } from './backup';
import { demoCommand } from './demo';
import { devicesCommand } from './devices';
import { digitizeCommand } from './digitize';
import { doctorCommand } from './doctor';
import { enrollCommand } from './enroll';
import { printCommand } from './print';
import { restoreCommand } from './restore';
import { sequenceCommand } from './sequence';
import { siteCommand } from './site';
import { signCommand } from './sign';
import { statusCommand } from './status';
import { syncCommand } from './sync';
import { verifyCommand } from './verify';

/** Every `quay` command by its first word; one line per command keeps additions conflict-free. */
export const cliCommands: Record<string, CliCommand> = {
  doctor: doctorCommand,
  admin: adminCommand,
  demo: demoCommand,
  devices: devicesCommand,
  print: printCommand,
  digitize: digitizeCommand,
  enroll: enrollCommand,
  sync: syncCommand,
  status: statusCommand,
  site: siteCommand,
  sequence: sequenceCommand,
  sign: signCommand,
  verify: verifyCommand,
  backup: backupCommand,
  restore: restoreCommand,
};
