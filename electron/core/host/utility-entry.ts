import { createCore } from '../create-core';
import type { CoreInit } from './core-protocol';
import { hostCore, type CorePort } from './serve-core-over-port';

/**
 * Entry of the Electron utilityProcess. Plain Node: `process.parentPort` is Electron's addition to
 * `process`, typed here by the little this file needs instead of importing 'electron'.
 */
interface ParentPort {
  once(event: 'message', listener: (event: { data: unknown; ports: CorePort[] }) => void): unknown;
}

const { parentPort } = process as unknown as { parentPort?: ParentPort | null };
if (!parentPort) {
  throw new Error('core-host must be started with Electron utilityProcess.fork');
}

parentPort.once('message', ({ data, ports }) => {
  const port = ports[0];
  if (!port) throw new Error('core-host init message carried no MessagePort');
  hostCore(data as CoreInit, port, createCore).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('[core] host failed', error);
      process.exit(1);
    },
  );
});
