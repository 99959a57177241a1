import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CITIZEN_IPC_EVENT_CHANNEL, CITIZEN_IPC_PREFIX, createCitizenApi, type CitizenTransport } from '../../shared/ipc/citizen-contract';
import type { Result } from '../../shared/ipc/result';

const transport: CitizenTransport = {
  invoke: (channel, input) => ipcRenderer.invoke(CITIZEN_IPC_PREFIX + channel, input) as Promise<Result<unknown>>,
  subscribe(listener) {
    const relay = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(CITIZEN_IPC_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(CITIZEN_IPC_EVENT_CHANNEL, relay);
    };
  },
};

/**
 * The citizen-facing window's part of the preload: the citizen contract only, never the officer's
 * `window.api` (issue 18 §2). One preload serves both windows because a sandboxed preload must be a
 * single file.
 */
export function exposeCitizenApi(): void {
  contextBridge.exposeInMainWorld('citizenApi', createCitizenApi(transport));
}
