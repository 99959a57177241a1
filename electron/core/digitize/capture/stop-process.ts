import type { ChildProcess } from 'node:child_process';

/** A scan process must not outlive its batch: the consumer may stop iterating at any page. */
export function stopProcess(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}
