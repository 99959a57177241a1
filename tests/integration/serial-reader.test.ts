import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReaderScan, ReaderState } from '../../electron/core/devices/readers/reader';
import { SerialReader } from '../../electron/core/devices/readers/serial-reader';
import { tempDir } from '../helpers/test-core';
import { PtyPair } from '../peers/pty-pair';

const CCCD = '001089012345|123456789|Nguyễn Thái Sơn|04071989|Nam|Số 12 Ngõ 34 Phố Huế, Phường Hai Bà Trưng, Hà Nội|12082021';

let pair: PtyPair | null = null;
let reader: SerialReader | null = null;
let dir: string | null = null;

afterEach(async () => {
  await reader?.stop();
  await pair?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  reader = pair = dir = null;
});

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function setup(options: { terminator?: string; idleMs?: number } = {}) {
  dir = tempDir('quay-serial-');
  pair = new PtyPair(dir);
  await pair.start();
  const scans: ReaderScan[] = [];
  const states: ReaderState[] = [];
  reader = new SerialReader(
    'serial:test',
    { path: pair.device, reopenMs: 100, ...options },
    { onScan: (s) => scans.push(s), onState: (_id, s) => states.push(s) },
  );
  await reader.start();
  return { pair, scans, states };
}

describe('serial (USB-COM) reader over a socat pty pair', () => {
  it('a CCCD payload split mid-letter across writes arrives whole, in UTF-8', async () => {
    const { pair: p, scans } = await setup();
    const bytes = Buffer.from(`${CCCD}\r`, 'utf8');
    // "ễ" is three bytes; cut after its first byte.
    const cut = Buffer.from(CCCD.slice(0, CCCD.indexOf('ễ')), 'utf8').length + 1;
    await p.write(bytes.subarray(0, cut));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await p.write(bytes.subarray(cut));
    const scan = await until(() => scans[0], 'the scan');
    expect(scan).toEqual({ readerId: 'serial:test', text: CCCD, symbology: null });
  });

  it('honours a configured terminator and splits two scans sent in one write', async () => {
    const { pair: p, scans } = await setup({ terminator: '\n' });
    await p.write(Buffer.from('HS-0001\nĐơn số 2\n', 'utf8'));
    await until(() => (scans.length === 2 ? scans : undefined), 'two scans');
    expect(scans.map((s) => s.text)).toEqual(['HS-0001', 'Đơn số 2']);
  });

  it('a reader without terminator is flushed after a quiet time', async () => {
    const { pair: p, scans } = await setup({ terminator: '\x03', idleMs: 100 });
    await p.write(Buffer.from('Hà Nội', 'utf8'));
    expect((await until(() => scans[0], 'the idle flush')).text).toBe('Hà Nội');
  });

  it('hot-plug: the reader is unplugged, reported, and reads again once plugged back in', async () => {
    const { pair: p, scans, states } = await setup();
    await p.stop();
    await until(() => (states.includes('disconnected') ? true : undefined), 'the disconnect');
    await p.start();
    await until(() => (states.filter((s) => s === 'connected').length === 2 ? true : undefined), 'the reconnect');
    await p.write(Buffer.from('000.00.06.H56-260423-0012\r'));
    expect((await until(() => scans[0], 'a scan after re-plug')).text).toBe('000.00.06.H56-260423-0012');
  });
});
