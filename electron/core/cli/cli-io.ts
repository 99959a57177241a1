import type { Readable } from 'node:stream';

/** The CLI's outside world, injected so commands are tested without spawning processes. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
}

/** Reads the first line of stdin: passwords never go on the command line, where `ps` shows them. */
export async function readSecretLine(stdin: Readable): Promise<string> {
  let buffered = '';
  for await (const chunk of stdin) {
    buffered += String(chunk);
    const newline = buffered.indexOf('\n');
    if (newline >= 0) return buffered.slice(0, newline).replace(/\r$/, '');
  }
  return buffered.replace(/\r?\n$/, '');
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ${units[unit]}`;
}
