import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, type EventName } from '../../shared/ipc/contract';
import { createApi, type Transport } from '../../shared/ipc/create-api';
import type { Result } from '../../shared/ipc/result';

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

contextBridge.exposeInMainWorld('api', createApi(transport));
