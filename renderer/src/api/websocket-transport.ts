import type { EventName } from '../../../shared/ipc/contract';
import type { Transport } from '../../../shared/ipc/create-api';
import { fail, type Result } from '../../../shared/ipc/result';
import type { WireFrame, WireRequest } from '../../../shared/ipc/wire';

/**
 * The development harness's loopback transport. One socket per page; the harness ties the
 * session to it, so there is deliberately no reconnect — a dropped socket means the session is
 * gone and every call says so instead of silently starting a new, signed-out one.
 */
export function createWebSocketTransport(url: string): Transport {
  const socket = new WebSocket(url);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const queued: string[] = [];
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const frame of queued.splice(0)) socket.send(frame);
  });

  socket.addEventListener('message', (message) => {
    if (typeof message.data !== 'string') return;
    const frame = JSON.parse(message.data) as WireFrame;
    if (frame.kind === 'result') {
      const settle = pending.get(frame.id);
      pending.delete(frame.id);
      settle?.(frame.result);
    } else {
      for (const listener of listeners) listener(frame.event as EventName, frame.payload);
    }
  });

  socket.addEventListener('close', () => {
    closed = true;
    queued.length = 0;
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
