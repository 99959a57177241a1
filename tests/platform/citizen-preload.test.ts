import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CITIZEN_IPC_EVENT_CHANNEL, CITIZEN_IPC_PREFIX, type CitizenApi } from '../../shared/ipc/citizen-contract';
import { contextBridge, ipcRenderer, resetFakeElectron } from '../fakes/electron';

beforeAll(async () => {
  resetFakeElectron();
  vi.stubGlobal('location', new URL('app://renderer/citizen.html'));
  await import('../../electron/preload/index');
});

describe('preload of the citizen-facing window', () => {
  it('exposes the citizen contract alone, never the officer api', () => {
    expect(Object.keys(contextBridge.exposed)).toEqual(['citizenApi']);
    expect(Object.keys(contextBridge.exposed.citizenApi as object).sort()).toEqual(['current', 'onScreen', 'rate']);
  });

  it('calls the citizen-prefixed channels and hears only valid screens on its event channel', async () => {
    const api = contextBridge.exposed.citizenApi as CitizenApi;
    ipcRenderer.respond = () => ({ ok: true, value: {} });
    await api.rate({ token: 't1', rating: 'neutral' });
    expect(ipcRenderer.invocations.at(-1)).toEqual({
      channel: `${CITIZEN_IPC_PREFIX}citizen.rate`,
      args: [{ token: 't1', rating: 'neutral' }],
    });
    const shown: unknown[] = [];
    api.onScreen((screen) => shown.push(screen));
    ipcRenderer.emit(CITIZEN_IPC_EVENT_CHANNEL, {}, 'citizen.screen', { kind: 'thanks' });
    ipcRenderer.emit(CITIZEN_IPC_EVENT_CHANNEL, {}, 'citizen.screen', { kind: 'draft' });
    expect(shown).toEqual([{ kind: 'thanks' }]);
  });
});
