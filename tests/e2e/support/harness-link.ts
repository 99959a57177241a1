import WebSocket from 'ws';
import type { Result } from '../../../shared/ipc/result';
import { HARNESS_SOCKET_PATH, type WireFrame } from '../../../shared/ipc/wire';

export interface HarnessLink {
  /** Channels called through the link, in order. */
  calls: string[];
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  close(): void;
}

/**
 * A WebSocket client of the harness on the Node side of a test, so a Playwright binding can
 * stand in for the page's own socket and every call the page makes can be seen.
 */
export async function connectToHarness(harnessUrl: string, secret: string): Promise<HarnessLink> {
  const origin = new URL(harnessUrl).origin;
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}${HARNESS_SOCKET_PATH}?secret=${secret}`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as WireFrame;
    if (frame.kind !== 'result') return;
    pending.get(frame.id)?.(frame.result);
    pending.delete(frame.id);
  });
  const calls: string[] = [];
  return {
    calls,
    invoke(channel, input) {
      calls.push(channel);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, input }));
      });
    },
    close: () => socket.close(),
  };
}
