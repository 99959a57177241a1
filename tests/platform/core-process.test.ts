import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CORE_SERVICE_NAME, startCoreProcess, type CoreCrash } from '../../electron/main/platform/core-process';
import type { CoreInit, MainToCore } from '../../electron/core/host/core-protocol';
import { errorMessage } from '../../shared/i18n/vi';
import { ok } from '../../shared/ipc/result';
import { resetFakeElectron, settle, utilityProcess, type FakeMessagePort, type FakeUtilityProcess } from '../fakes/electron';

const init = { dataDir: '/data', appVersion: '1.2.3', resourcesDir: '/res' };
const transportClosed = { ok: false, error: { code: 'TRANSPORT_CLOSED', message: errorMessage('TRANSPORT_CLOSED') } };
const coreRestarted = { ok: false, error: { code: 'CORE_RESTARTED', message: errorMessage('CORE_RESTARTED') } };
const CREDENTIAL = {
  gatewayUrl: 'https://dongbo.thanhhoa.gov.vn',
  deviceId: 'dev-1',
  secret: 's',
  agencyCode: '000.00.06.H56',
  enrolledAt: '2026-11-25T01:00:00.000Z',
};

/** Plays the core's end of the channel. */
function coreEnd(port: FakeMessagePort) {
  const received: MainToCore[] = [];
  port.on('message', ({ data }: { data: MainToCore }) => received.push(data));
  port.start();
  return received;
}

/** The core in the nth fork, once it has been forked, answering ready. */
async function readyCore(n: number): Promise<{ child: FakeUtilityProcess; received: MainToCore[] }> {
  await vi.waitFor(() => expect(utilityProcess.forks.length).toBeGreaterThan(n));
  const child = utilityProcess.forks[n]!;
  const port = child.corePort();
  const received = coreEnd(port);
  port.postMessage({ type: 'ready' });
  return { child, received };
}

let logged: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  resetFakeElectron();
  logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('startCoreProcess', () => {
  it('forks the core host as a named utility process with piped output and hands it one port with the init message', () => {
    startCoreProcess('/out/main/core-host.js', init);
    const [child] = utilityProcess.forks;
    expect(child?.modulePath).toBe('/out/main/core-host.js');
    expect(child?.args).toEqual([]);
    expect(child?.options).toEqual({ serviceName: CORE_SERVICE_NAME, stdio: 'pipe' });
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
    const { child, received } = await readyCore(0);
    const first = client.invoke('w1', 'auth.session', {});
    const second = client.invoke('w2', 'health.info', {});
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received).toEqual([
      { type: 'invoke', id: 1, clientId: 'w1', channel: 'auth.session', input: {} },
      { type: 'invoke', id: 2, clientId: 'w2', channel: 'health.info', input: {} },
    ]);
    child.corePort().postMessage({ type: 'result', id: 2, result: ok('second') });
    child.corePort().postMessage({ type: 'result', id: 1, result: ok('first') });
    expect(await first).toEqual(ok('first'));
    expect(await second).toEqual(ok('second'));
  });

  it('delivers core events to subscribers until they unsubscribe', async () => {
    const client = startCoreProcess('/core.js', init);
    const { child } = await readyCore(0);
    const listener = vi.fn();
    const unsubscribe = client.onEvent(listener);
    child.corePort().postMessage({ type: 'event', clientId: 'w1', event: 'session.changed', payload: { state: 'locked' } });
    await vi.waitFor(() => expect(listener).toHaveBeenCalledWith('w1', 'session.changed', { state: 'locked' }));
    unsubscribe();
    child.corePort().postMessage({ type: 'event', clientId: null, event: 'session.changed', payload: {} });
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

  it('reports a core that died before starting as TRANSPORT_CLOSED and does not start it again', async () => {
    const crashes: CoreCrash[] = [];
    const client = startCoreProcess('/core.js', init, undefined, { onCrash: (crash) => crashes.push(crash) });
    utilityProcess.forks[0]!.crash({ code: 1 });
    expect(await client.started).toEqual(transportClosed);
    await settle();
    expect(utilityProcess.forks).toHaveLength(1);
    expect(crashes).toEqual([]);
    expect(await client.invoke('w1', 'auth.session', {})).toEqual(transportClosed);
  });
});

describe('a core that dies after it started', () => {
  it("survives the core's fatal error: listens for 'error', starts a new core with the same init, and calls go on", async () => {
    const crashes: CoreCrash[] = [];
    const client = startCoreProcess('/core.js', init, undefined, { onCrash: (crash) => crashes.push(crash) });
    const events = vi.fn();
    client.onEvent(events);
    const first = await readyCore(0);
    await client.started;
    const pending = client.invoke('w1', 'health.info', {});
    await vi.waitFor(() => expect(first.received).toHaveLength(1));

    // Out of memory during OCR: Electron emits 'error', then 'exit'. Without a listener Node would throw in main.
    first.child.crash({ fatalError: true, code: 133 });
    expect(await pending).toEqual(coreRestarted);
    expect(crashes).toEqual([{ restarting: true }]);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('core process FatalError'));

    const second = await readyCore(1);
    expect(second.child.messages[0]?.message).toEqual({ type: 'init', ...init });
    const after = client.invoke('w1', 'auth.session', {});
    await vi.waitFor(() => expect(second.received).toHaveLength(1));
    second.child.corePort().postMessage({ type: 'result', id: (second.received[0] as { id: number }).id, result: ok('new core') });
    expect(await after).toEqual(ok('new core'));
    second.child.corePort().postMessage({ type: 'event', clientId: null, event: 'sync.progress', payload: {} });
    await vi.waitFor(() => expect(events).toHaveBeenCalledWith(null, 'sync.progress', {}));
  });

  it('a call made while the core restarts waits for the new core instead of failing', async () => {
    const client = startCoreProcess('/core.js', init);
    const first = await readyCore(0);
    await client.started;
    first.child.crash();
    await settle();
    const waiting = client.invoke('w1', 'health.info', {});
    const second = await readyCore(1);
    await vi.waitFor(() => expect(second.received).toHaveLength(1));
    second.child.corePort().postMessage({ type: 'result', id: (second.received[0] as { id: number }).id, result: ok('answered') });
    expect(await waiting).toEqual(ok('answered'));
  });

  it('gives the new core the credential the old one last enrolled, not the one it started with', async () => {
    const saved: unknown[] = [];
    const client = startCoreProcess(
      '/core.js',
      { ...init, credential: null },
      {
        renderPdf: vi.fn(),
        printForm: vi.fn(),
        listPrinters: vi.fn(),
        credentials: { save: async (c) => void saved.push(c), clear: async () => {} },
      },
    );
    const first = await readyCore(0);
    await client.started;
    first.child.corePort().postMessage({ type: 'credentialSave', credential: CREDENTIAL });
    await vi.waitFor(() => expect(saved).toEqual([CREDENTIAL]));
    first.child.crash();
    const second = await readyCore(1);
    expect(second.child.messages[0]?.message).toEqual({ type: 'init', ...init, credential: CREDENTIAL } satisfies CoreInit);
  });

  it('kills and replaces a core that closed its port but kept running, so two never hold the database', async () => {
    const client = startCoreProcess('/core.js', init);
    const first = await readyCore(0);
    await client.started;
    const pending = client.invoke('w1', 'auth.session', {});
    await vi.waitFor(() => expect(first.received).toHaveLength(1));
    first.child.corePort().close();
    expect(await pending).toEqual(coreRestarted);
    expect(first.child.killed).toBe(true);
    await readyCore(1);
    expect(first.child.exited).toBe(true);
  });

  it('stops restarting a core that keeps dying, and says so once', async () => {
    let clock = 0;
    const crashes: CoreCrash[] = [];
    const client = startCoreProcess('/core.js', init, undefined, {
      onCrash: (crash) => crashes.push(crash),
      maxRestarts: 2,
      restartWindowMs: 60_000,
      now: () => clock,
    });
    for (let n = 0; n < 3; n++) {
      const { child } = await readyCore(n);
      await client.started;
      clock += 1_000;
      child.crash();
    }
    await vi.waitFor(() => expect(crashes).toEqual([{ restarting: true }, { restarting: true }, { restarting: false }]));
    expect(utilityProcess.forks).toHaveLength(3);
    expect(await client.invoke('w1', 'auth.session', {})).toEqual(transportClosed);
  });

  it('forgives crashes older than the window', async () => {
    let clock = 0;
    const crashes: CoreCrash[] = [];
    const client = startCoreProcess('/core.js', init, undefined, {
      onCrash: (crash) => crashes.push(crash),
      maxRestarts: 1,
      restartWindowMs: 60_000,
      now: () => clock,
    });
    for (let n = 0; n < 3; n++) {
      const { child } = await readyCore(n);
      await client.started;
      clock += 61_000;
      child.crash();
    }
    await readyCore(3);
    expect(crashes).toEqual([{ restarting: true }, { restarting: true }, { restarting: true }]);
  });
});

describe('stopping the core', () => {
  it('closes the channel and resolves only once the process has exited, so the database is closed before the app quits', async () => {
    const client = startCoreProcess('/core.js', init);
    const { child } = await readyCore(0);
    await client.started;
    const closed = vi.fn();
    child.corePort().on('close', closed);
    let stopped = false;
    const stopping = client.stop().then(() => (stopped = true));
    await vi.waitFor(() => expect(closed).toHaveBeenCalled());
    await settle();
    expect(stopped).toBe(false);
    child.exitWith(0);
    await stopping;
    expect(child.killed).toBe(false);
    expect(utilityProcess.forks).toHaveLength(1);
    expect(await client.invoke('w1', 'auth.session', {})).toEqual(transportClosed);
  });

  it('kills a core that does not exit in time', async () => {
    const client = startCoreProcess('/core.js', init, undefined, { stopTimeoutMs: 30 });
    const { child } = await readyCore(0);
    await client.started;
    await client.stop();
    expect(child.killed).toBe(true);
    expect(child.exited).toBe(true);
    expect(utilityProcess.forks).toHaveLength(1);
  });
});
