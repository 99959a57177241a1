import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { SystemPrinter, SystemPrinters } from './system-printers';

const run = promisify(execFile);

/** Parses `lpstat -e` (one queue per line) and `lpstat -d` ("system default destination: NAME"). */
export function parseLpstat(queues: string, defaultLine: string): SystemPrinter[] {
  const fallback = /destination:\s*(\S+)/.exec(defaultLine)?.[1] ?? null;
  return queues
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((name) => ({ name, displayName: name, isDefault: name === fallback }));
}

/** The CUPS queues, for Linux counters and the CLI; an absent or stopped CUPS is an empty list. */
export class CupsSystemPrinters implements SystemPrinters {
  constructor(private readonly server: string | null = null) {}

  async list(): Promise<SystemPrinter[]> {
    const host = this.server ? ['-h', this.server] : [];
    try {
      const [queues, fallback] = await Promise.all([
        run('lpstat', [...host, '-e'], { timeout: 5000 }),
        run('lpstat', [...host, '-d'], { timeout: 5000 }).catch(() => ({ stdout: '' })),
      ]);
      return parseLpstat(queues.stdout, fallback.stdout);
    } catch {
      return [];
    }
  }
}
