import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Two linked pseudo-terminals from `socat` (docs/devices.md §6): the reader under test opens `device`,
 * the test plays the reader hardware by writing to `host`. Stopping socat is a cable pulled out;
 * starting it again on the same paths is the reader plugged back in.
 */
export class PtyPair {
  readonly device: string;
  readonly host: string;
  private child: ChildProcess | null = null;

  constructor(dir: string) {
    this.device = path.join(dir, 'reader');
    this.host = path.join(dir, 'host');
  }

  async start(): Promise<void> {
    const child = spawn('socat', [`pty,raw,echo=0,link=${this.device}`, `pty,raw,echo=0,link=${this.host}`], { stdio: 'ignore' });
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (!(fs.existsSync(this.device) && fs.existsSync(this.host))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error('socat did not create the pty pair');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Writes bytes as the reader hardware would, waiting until they are handed to the pty. */
  async write(bytes: Uint8Array): Promise<void> {
    const handle = await fs.promises.open(this.host, 'w');
    try {
      await handle.write(bytes);
    } finally {
      await handle.close();
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    // socat removes its links on exit; wait so a restart does not race with the removal.
    const deadline = Date.now() + 5000;
    while ((fs.existsSync(this.device) || fs.existsSync(this.host)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
