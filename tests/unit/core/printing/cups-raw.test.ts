import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CupsRawTransport } from '../../../../electron/core/printing/transports/cups-raw';

// A stand-in for CUPS' lp with its argument handling and messages: the real spooler needs a private
// cupsd (docs/devices.md §2.6), which is a later step.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-lp-'));
const lp = path.join(dir, 'lp');
fs.writeFileSync(
  lp,
  `#!/bin/sh
[ "$1" = "-d" ] && [ "$3" = "-o" ] && [ "$4" = "raw" ] || { echo "lp: bad arguments $*" >&2; exit 2; }
case "$2" in
  missing) cat >/dev/null; echo "lp: The printer or class does not exist." >&2; exit 1;;
  paused) cat >/dev/null; echo "lp: Destination \\"paused\\" is not accepting jobs." >&2; exit 1;;
  slow) sleep 5;;
esac
cat > "${dir}/$2.bin"
echo "request id is $2-1 (1 file(s))"
`,
  { mode: 0o755 },
);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function send(queue: string, bytes: Uint8Array, options: { command?: string; timeoutMs?: number } = {}): Promise<void> {
  const connection = await new CupsRawTransport({
    queue,
    command: options.command ?? lp,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  }).open();
  expect(connection.queryStatus).toBeNull();
  await connection.write(bytes);
  await connection.finish();
}

describe('CupsRawTransport', () => {
  it('hands the job to lp -d QUEUE -o raw on stdin, byte for byte', async () => {
    const job = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    await send('thermal', job);
    expect(fs.readFileSync(path.join(dir, 'thermal.bin')).equals(Buffer.from(job))).toBe(true);
  });

  it('maps the spooler’s refusals to Vietnamese errors', async () => {
    await expect(send('missing', Uint8Array.of(1, 2, 3))).rejects.toMatchObject({
      code: 'PRINTER_QUEUE_NOT_FOUND',
      message: expect.stringContaining('“missing”'),
    });
    await expect(send('paused', Uint8Array.of(1))).rejects.toMatchObject({ code: 'PRINTER_OFFLINE' });
    await expect(send('thermal', Uint8Array.of(1), { command: path.join(dir, 'no-such-lp') })).rejects.toMatchObject({
      code: 'PRINTER_SPOOLER_MISSING',
    });
    await expect(send('slow', Uint8Array.of(1), { timeoutMs: 200 })).rejects.toMatchObject({ code: 'PRINTER_TIMEOUT' });
  });

  it('refuses queue names lp would read as options or paths', () => {
    for (const bad of ['-o', 'a b', 'x/y', '', 'a#1']) {
      expect(() => new CupsRawTransport({ queue: bad })).toThrow(expect.objectContaining({ code: 'PRINTER_CONFIG_INVALID' }));
    }
  });
});
