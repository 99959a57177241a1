import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CORE_SERVICE_NAME, startCoreProcess } from '../../electron/main/platform/core-process';
import type { MainToCore } from '../../electron/core/host/core-protocol';
import { errorMessage } from '../../shared/i18n/vi';
import { ok } from '../../shared/ipc/result';
import { resetFakeElectron, settle, utilityProcess, type FakeMessagePort } from '../fakes/electron';

const init = { dataDir: '/data', appVersion: '1.2.3', resourcesDir: '/res' };
const transportClosed = { ok: false, error: { code: 'TRANSPORT_CLOSED', message: errorMessage('TRANSPORT_CLOSED') } };

/** Plays the core's end of the channel. */
function coreEnd(port: FakeMessagePort) {
  const received: MainToCore[] = [];
  port.on('message', ({ data }: { data: MainToCore }) => received.push(data));
  port.start();
  return received;
}

let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  resetFakeElectron();
  warn = vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('startCoreProcess', () => {
  it('forks the core host as a named utility process and hands it one port with the init message', () => {
    startCoreProcess('/out/main/core-host.js', init);
    const [child] = utilityProcess.forks;
    expect(child?.modulePath).toBe('/out/main/core-host.js');
    expect(child?.args).toEqual([]);
    expect(child?.options).toEqual({ serviceName: CORE_SERVICE_NAME });
    expect(child?.messages).toHaveLength(1);
    expect(child?.messages[0]?.message).toEqual({ type: 'init', ...init });
    expect(child?.messages[0]?.transfer).toHaveLength(1);
  });

  it('reports a started core, and a core that could not start with its reason', async () => {
    const good = startCoreProcess('/core.js', init);
    utilityProcess.forks[0]!.corePort().postMessage({ type: 'ready' });
    expect(await good.started).toEqual({ ok: true });

    const bad = startCoreProcess('/core.js', init);
    const error = { code: 'DB_CORRUPT', message: errorMessage('DB_CORRUPT', { path: '/data/quay.sqlite' }) };
    utilityProcess.forks[1]!.corePort().postMessage({ type: 'startupFailed', error });
    expect(await bad.started).toEqual({ ok: false, error });
  });

  it('matches results to calls by id, whatever order they come back in', async () => {
    const client = startCoreProcess('/core.js', init);
    const port = utilityProcess.forks[0]!.corePort();
    const received = coreEnd(port);
    const first = client.invoke('w1', 'auth.session', {});
    const second = client.invoke('w2', 'health.info', {});
    await settle();
    expect(received).toEqual([
      { type: 'invoke', id: 1, clientId: 'w1', channel: 'auth.session', input: {} },
      { type: 'invoke', id: 2, clientId: 'w2', channel: 'health.info', input: {} },
    ]);
    port.postMessage({ type: 'result', id: 2, result: ok('second') });
    port.postMessage({ type: 'result', id: 1, result: ok('first') });
    expect(await first).toEqual(ok('first'));
    expect(await second).toEqual(ok('second'));
  });

  it('delivers core events to subscribers until they unsubscribe', async () => {
    const client = startCoreProcess('/core.js', init);
    const port = utilityProcess.forks[0]!.corePort();
    const listener = vi.fn();
    const unsubscribe = client.onEvent(listener);
    port.postMessage({ type: 'event', clientId: 'w1', event: 'session.changed', payload: { state: 'locked' } });
    await settle();
    expect(listener).toHaveBeenCalledWith('w1', 'session.changed', { state: 'locked' });
    unsubscribe();
    port.postMessage({ type: 'event', clientId: null, event: 'session.changed', payload: {} });
    await settle();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('passes closed clients on to the core', async () => {
    const client = startCoreProcess('/core.js', init);
    const received = coreEnd(utilityProcess.forks[0]!.corePort());
    client.clientClosed('w1');
    await settle();
    expect(received).toEqual([{ type: 'clientClosed', clientId: 'w1' }]);
  });

  it('fails pending and later calls with TRANSPORT_CLOSED when the utility process exits', async () => {
    const client = startCoreProcess('/core.js', init);
    const child = utilityProcess.forks[0]!;
    child.corePort().postMessage({ type: 'ready' });
    await client.started;
    const pending = [client.invoke('w1', 'auth.session', {}), client.invoke('w1', 'health.info', {})];
    child.emit('exit', 134);
    expect(await Promise.all(pending)).toEqual([transportClosed, transportClosed]);
    expect(await client.invoke('w1', 'auth.session', {})).toEqual(transportClosed);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('134'));
  });

  it('reports a core that died before starting as TRANSPORT_CLOSED', async () => {
    const client = startCoreProcess('/core.js', init);
    utilityProcess.forks[0]!.emit('exit', 1);
    expect(await client.started).toEqual(transportClosed);
  });

  it('fails pending calls when the core closes its end of the channel', async () => {
    const client = startCoreProcess('/core.js', init);
    const pending = client.invoke('w1', 'auth.session', {});
    utilityProcess.forks[0]!.corePort().close();
    expect(await pending).toEqual(transportClosed);
  });

  it('stop closes the channel so the core can close its database', async () => {
    const client = startCoreProcess('/core.js', init);
    const port = utilityProcess.forks[0]!.corePort();
    const closed = vi.fn();
    port.on('close', closed);
    coreEnd(port);
    client.stop();
    await settle();
    expect(closed).toHaveBeenCalled();
    expect(await client.invoke('w1', 'auth.session', {})).toEqual(transportClosed);
  });
});
