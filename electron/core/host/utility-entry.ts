import { createCore } from '../create-core';
import type { CoreInit } from './core-protocol';
import { hostCore, type CoreFactory, type CorePort } from './serve-core-over-port';

/**
 * What the utility process offers the core that plain Node does not. Electron's net.fetch goes
 * through Chromium's network stack: the OS proxy settings and the OS certificate store (on Windows,
 * the government PKI roots IT installs there), which Node's fetch ignores. The harness and the CLI
 * keep Node's fetch.
 */
export interface UtilityPlatform {
  fetch?: typeof fetch;
}

/** `process.parentPort` is Electron's addition to `process`, typed here by the little this file needs. */
interface ParentPort {
  once(event: 'message', listener: (event: { data: unknown; ports: CorePort[] }) => void): unknown;
}

/** The core with the utility process's fetch for its sync, where the platform gives one. */
export function withPlatformFetch(create: CoreFactory, platform: UtilityPlatform): CoreFactory {
  const { fetch } = platform;
  if (!fetch) return create;
  return (options) => create({ ...options, sync: { ...options.sync, fetch } });
}

/**
 * Serves the core in an Electron utility process: waits for main's init message and the port it
 * carries, then hosts the core until main closes the port. Started by the platform's entry
 * (electron/main/platform/core-host-entry.ts), which hands over what only Electron has.
 */
export function serveCoreOverParentPort(platform: UtilityPlatform = {}, create: CoreFactory = createCore): void {
  const { parentPort } = process as unknown as { parentPort?: ParentPort | null };
  if (!parentPort) {
    throw new Error('core-host must be started with Electron utilityProcess.fork');
  }
  parentPort.once('message', ({ data, ports }) => {
    const port = ports[0];
    if (!port) throw new Error('core-host init message carried no MessagePort');
    hostCore(data as CoreInit, port, withPlatformFetch(create, platform)).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[core] host failed', error);
        process.exit(1);
      },
    );
  });
}
