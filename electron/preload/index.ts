import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, type EventName } from '../../shared/ipc/contract';
import { createApi, type Transport } from '../../shared/ipc/create-api';
import type { Result } from '../../shared/ipc/result';
import { CITIZEN_PAGE } from '../../shared/ipc/citizen-contract';
import { exposeCitizenApi } from './citizen';

const transport: Transport = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC_PREFIX + channel, input) as Promise<Result<unknown>>,
  subscribe(listener) {
    const relay = (_event: IpcRendererEvent, name: EventName, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  },
};

// The citizen-facing window (citizen.html) gets the citizen contract and nothing of the officer's.
if (location.pathname === `/${CITIZEN_PAGE}`) exposeCitizenApi();
else contextBridge.exposeInMainWorld('api', createApi(transport));
