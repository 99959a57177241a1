import { CITIZEN_SOCKET_PATH, createCitizenApi, type CitizenApi, type CitizenTransport } from '../../../shared/ipc/citizen-contract';
import { fail, type Result } from '../../../shared/ipc/result';
import { HARNESS_SECRET_FRAGMENT, type WireFrame, type WireRequest } from '../../../shared/ipc/wire';

declare global {
  interface Window {
    /** Exposed by the citizen window's own preload (electron/preload/citizen.ts): the citizen contract only. */
    citizenApi?: CitizenApi;
  }
}

/**
 * The harness's citizen socket: a secret of its own in the page's fragment, and a server side that
 * dispatches only the citizen contract. No reconnect, as for the officer's page.
 */
function citizenSocketTransport(): CitizenTransport {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const secret = fragment.get(HARNESS_SECRET_FRAGMENT) ?? '';
  const socket = new WebSocket(`ws://${location.host}${CITIZEN_SOCKET_PATH}?secret=${encodeURIComponent(secret)}`);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const queued: string[] = [];
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let nextId = 1;
  let closed = false;
  socket.addEventListener('open', () => {
    for (const frame of queued.splice(0)) socket.send(frame);
  });
  socket.addEventListener('message', (message) => {
    if (typeof message.data !== 'string') return;
    const frame = JSON.parse(message.data) as WireFrame;
    if (frame.kind === 'result') {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else for (const listener of listeners) listener(frame.event, frame.payload);
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const settle of pending.values()) settle(fail('TRANSPORT_CLOSED'));
    pending.clear();
  });
  return {
    invoke(channel, input) {
      if (closed) return Promise.resolve(fail('TRANSPORT_CLOSED'));
      const request: WireRequest = { id: nextId++, channel, input };
      const frame = JSON.stringify(request);
      return new Promise((resolve) => {
        pending.set(request.id, resolve);
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
        else queued.push(frame);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const citizenApi: CitizenApi = window.citizenApi ?? createCitizenApi(citizenSocketTransport());
