import type { ChildProcess } from 'node:child_process';

/** How long a scan process gets to let go of the device after SIGTERM before it is killed outright. */
const KILL_GRACE_MS = 3000;

/**
 * A scan process must not outlive its batch: the consumer may stop iterating at any page. A
 * backend stuck in a USB read may ignore SIGTERM (scanimage's handler only asks the backend to
 * cancel), so SIGKILL follows if it has not exited by then.
 */
export function stopProcess(child: ChildProcess, graceMs = KILL_GRACE_MS): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const hard = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, graceMs);
  hard.unref();
  child.once('exit', () => clearTimeout(hard));
}
