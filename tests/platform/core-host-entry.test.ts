import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreHandle } from '../../electron/core/host/core-protocol';
import { withPlatformFetch } from '../../electron/core/host/utility-entry';
import { MessageChannelMain, resetFakeElectron } from '../fakes/electron';
import { tempDir } from '../helpers/test-core';

const handle: CoreHandle = { dispatch: vi.fn(), onEvent: () => () => {}, clientClosed: vi.fn(), close: vi.fn(async () => {}) };
const createCore = vi.hoisted(() => vi.fn());
vi.mock('../../electron/core/create-core', () => ({ createCore }));

afterEach(() => {
  delete (process as unknown as { parentPort?: unknown }).parentPort;
});

describe("the core's utility-process entry", () => {
  it("hands the core Electron's net.fetch for its sync, which goes through the OS proxy and certificate store", async () => {
    resetFakeElectron();
    createCore.mockResolvedValue(handle);
    const parentPort = new EventEmitter();
    (process as unknown as { parentPort: EventEmitter }).parentPort = parentPort;
    await import('../../electron/main/platform/core-host-entry');
    const { port1, port2 } = new MessageChannelMain();
    port1.start();
    parentPort.emit('message', { data: { type: 'init', dataDir: '/data', appVersion: '1', resourcesDir: '/res' }, ports: [port2] });
    await vi.waitFor(() => expect(createCore).toHaveBeenCalledTimes(1));
    const fetch = createCore.mock.calls[0]![0].sync.fetch as typeof globalThis.fetch;
    // The fake net.fetch reads file: URLs, which Node's fetch cannot: proof the core got Electron's.
    const file = path.join(tempDir(), 'gateway.json');
    fs.writeFileSync(file, '{"ok":true}');
    expect(await (await fetch(pathToFileURL(file))).json()).toEqual({ ok: true });
    // Main closing the port ends the host, which then ends the process.
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    port1.close();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    exit.mockRestore();
  });

  it('leaves Node fetch in place where the host offers none (harness, CLI, tests)', async () => {
    const create = vi.fn(async () => handle);
    const options = { dataDir: '/d', appVersion: '1', resourcesDir: '/r', pdfRenderer: { renderPdf: vi.fn() } };
    expect(withPlatformFetch(create, {})).toBe(create);
    const own = vi.fn() as unknown as typeof fetch;
    await withPlatformFetch(create, { fetch: own })({ ...options, sync: { credentials: undefined } });
    expect(create).toHaveBeenCalledWith({ ...options, sync: { credentials: undefined, fetch: own } });
  });
});
