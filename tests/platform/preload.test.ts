import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../shared/ipc/contract';
import { contextBridge, ipcRenderer, resetFakeElectron } from '../fakes/electron';

type ExposedApi = Record<string, Record<string, (input?: unknown) => Promise<unknown>>> & {
  on(event: string, listener: (payload: unknown) => void): () => void;
};

let api: ExposedApi;

beforeAll(async () => {
  resetFakeElectron();
  // The officer's page; the citizen's (citizen.html) gets another API (tests/platform/citizen-preload.test.ts).
  vi.stubGlobal('location', new URL('app://renderer/index.html'));
  await import('../../electron/preload/index');
  api = contextBridge.exposed.api as ExposedApi;
});

describe('preload', () => {
  it('exposes exactly one key, api', () => {
    expect(Object.keys(contextBridge.exposed)).toEqual(['api']);
  });

  it('exposes the contract namespaces and on(), nothing else', () => {
    const namespaces = [...new Set(channelNames.map((name) => name.split('.')[0]))];
    expect(Object.keys(api).sort()).toEqual([...namespaces, 'on'].sort());
  });

  it('invokes the prefixed IPC channel and returns its result', async () => {
    ipcRenderer.respond = () => ({ ok: true, value: { needsFirstAdmin: true } });
    const result = await api.app!.firstRunStatus!();
    expect(result).toEqual({ ok: true, value: { needsFirstAdmin: true } });
    expect(ipcRenderer.invocations.at(-1)).toEqual({ channel: `${IPC_PREFIX}app.firstRunStatus`, args: [{}] });
  });

  it('passes input through unchanged for main to validate', async () => {
    await api.auth!.signIn!({ username: 'lan', password: 'x' });
    expect(ipcRenderer.invocations.at(-1)).toEqual({
      channel: `${IPC_PREFIX}auth.signIn`,
      args: [{ username: 'lan', password: 'x' }],
    });
  });

  it('delivers events from the event channel and unsubscribes', () => {
    const listener = vi.fn();
    const off = api.on('session.changed', listener);
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, 'session.changed', { state: 'locked', reason: 'idle' });
    expect(listener).toHaveBeenCalledWith({ state: 'locked', reason: 'idle' });
    off();
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });
});
