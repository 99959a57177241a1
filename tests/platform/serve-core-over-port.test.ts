import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreHandle, CoreInit, CoreToMain } from '../../electron/core/host/core-protocol';
import { hostCore, serveCoreOverPort } from '../../electron/core/host/serve-core-over-port';
import { startCoreProcess } from '../../electron/main/platform/core-process';
import { errorMessage } from '../../shared/i18n/vi';
import { AppError, ok } from '../../shared/ipc/result';
import { MessageChannelMain, resetFakeElectron, settle, utilityProcess, type FakeMessagePort } from '../fakes/electron';

function fakeCore() {
  const listeners = new Set<(clientId: string | null, event: string, payload: unknown) => void>();
  return {
    dispatch: vi.fn(async (clientId: string, channel: string, input: unknown) => ok({ clientId, channel, input })),
    onEvent: vi.fn((listener: (clientId: string | null, event: string, payload: unknown) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    clientClosed: vi.fn(),
    close: vi.fn(),
    emit(clientId: string | null, event: string, payload: unknown) {
      for (const listener of listeners) listener(clientId, event, payload);
    },
    listenerCount: () => listeners.size,
  } satisfies CoreHandle & Record<string, unknown>;
}

/** Plays main's end of the channel. */
function mainEnd(port: FakeMessagePort) {
  const received: CoreToMain[] = [];
  port.on('message', ({ data }: { data: CoreToMain }) => received.push(data));
  port.start();
  return received;
}

const init: CoreInit = { type: 'init', dataDir: '/data', appVersion: '1.2.3', resourcesDir: '/res' };

beforeEach(() => {
  resetFakeElectron();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('serveCoreOverPort', () => {
  it('announces readiness, answers invokes with results under the same id', async () => {
    const { port1: main, port2: host } = new MessageChannelMain();
    const received = mainEnd(main);
    const core = fakeCore();
    void serveCoreOverPort(core, host);
    main.postMessage({ type: 'invoke', id: 7, clientId: 'w1', channel: 'auth.session', input: {} });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received).toEqual([
      { type: 'ready' },
      { type: 'result', id: 7, result: ok({ clientId: 'w1', channel: 'auth.session', input: {} }) },
    ]);
  });

  it('turns a dispatcher that throws into an INTERNAL result rather than a lost call', async () => {
    const { port1: main, port2: host } = new MessageChannelMain();
    const received = mainEnd(main);
    const core = fakeCore();
    core.dispatch.mockRejectedValueOnce(new Error('bug'));
    void serveCoreOverPort(core, host);
    main.postMessage({ type: 'invoke', id: 1, clientId: 'w1', channel: 'health.info', input: {} });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received[1]).toEqual({
      type: 'result',
      id: 1,
      result: { ok: false, error: { code: 'INTERNAL', message: errorMessage('INTERNAL') } },
    });
  });

  it('relays core events with their client id', async () => {
    const { port1: main, port2: host } = new MessageChannelMain();
    const received = mainEnd(main);
    const core = fakeCore();
    void serveCoreOverPort(core, host);
    core.emit('w1', 'session.changed', { state: 'locked', reason: 'idle' });
    core.emit(null, 'session.changed', { state: 'signedOut', reason: 'signedOut' });
    await vi.waitFor(() => expect(received).toHaveLength(3));
    expect(received.slice(1)).toEqual([
      { type: 'event', clientId: 'w1', event: 'session.changed', payload: { state: 'locked', reason: 'idle' } },
      { type: 'event', clientId: null, event: 'session.changed', payload: { state: 'signedOut', reason: 'signedOut' } },
    ]);
  });

  it('forwards closed clients', async () => {
    const { port1: main, port2: host } = new MessageChannelMain();
    mainEnd(main);
    const core = fakeCore();
    void serveCoreOverPort(core, host);
    main.postMessage({ type: 'clientClosed', clientId: 'w9' });
    await vi.waitFor(() => expect(core.clientClosed).toHaveBeenCalledWith('w9'));
  });

  it('closes the core and resolves when main closes the channel', async () => {
    const { port1: main, port2: host } = new MessageChannelMain();
    mainEnd(main);
    const core = fakeCore();
    const served = serveCoreOverPort(core, host);
    main.close();
    await served;
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(core.listenerCount()).toBe(0);
  });
});

describe('hostCore', () => {
  it('starts the core from the init message', async () => {
    const { port1: main, port2: host } = new MessageChannelMain();
    const received = mainEnd(main);
    const create = vi.fn(async () => fakeCore());
    void hostCore(init, host, create);
    await vi.waitFor(() => expect(received).toEqual([{ type: 'ready' }]));
    expect(create).toHaveBeenCalledWith({
      dataDir: '/data',
      appVersion: '1.2.3',
      resourcesDir: '/res',
      pdfRenderer: expect.objectContaining({ renderPdf: expect.any(Function) }),
      formPrint: expect.any(Function),
      devices: { systemPrinters: expect.objectContaining({ list: expect.any(Function) }) },
      citizenWindow: expect.objectContaining({ displays: expect.any(Function), place: expect.any(Function) }),
    });
  });

  it('reports an AppError from startup with its code and Vietnamese message, then waits for main', async () => {
    const { port1: main, port2: host } = new MessageChannelMain();
    const received = mainEnd(main);
    const failure = new AppError('DB_CORRUPT', { path: '/data/quay.sqlite' });
    let finished = false;
    const hosted = hostCore(init, host, () => Promise.reject(failure)).then(() => (finished = true));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toEqual({ type: 'startupFailed', error: failure.toData() });
    await settle();
    expect(finished).toBe(false);
    main.close();
    await hosted;
  });

  it('reports an unexpected startup error as INTERNAL', async () => {
    const { port1: main, port2: host } = new MessageChannelMain();
    const received = mainEnd(main);
    void hostCore(init, host, () => Promise.reject(new Error('ENOSPC')));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toEqual({ type: 'startupFailed', error: { code: 'INTERNAL', message: errorMessage('INTERNAL') } });
  });
});

describe('main and host together', () => {
  it('carries a call from the core client through the host to the core and back', async () => {
    const client = startCoreProcess('/out/main/core-host.js', init);
    const child = utilityProcess.forks[0]!;
    const core = fakeCore();
    void hostCore(child.messages[0]!.message as CoreInit, child.corePort(), async () => core);
    expect(await client.started).toEqual({ ok: true });
    expect(await client.invoke('w1', 'auth.signIn', { username: 'lan' })).toEqual(
      ok({ clientId: 'w1', channel: 'auth.signIn', input: { username: 'lan' } }),
    );
    const events = vi.fn();
    client.onEvent(events);
    core.emit('w1', 'session.changed', { state: 'locked', reason: 'idle' });
    await vi.waitFor(() => expect(events).toHaveBeenCalledWith('w1', 'session.changed', { state: 'locked', reason: 'idle' }));
    client.stop();
    await vi.waitFor(() => expect(core.close).toHaveBeenCalled());
  });
});
