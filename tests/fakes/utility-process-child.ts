/**
 * Runs a utility-process module (argv[2]) in a plain Node child for the fake utilityProcess,
 * giving it what Electron gives one: `process.parentPort` (lib/utility/parent-port.ts), whose
 * 'message' events carry MessagePortMain-like ports. Messages travel over Node's IPC channel with
 * the advanced (structured clone) serialisation, as MessagePortMain clones them.
 */
import { EventEmitter } from 'node:events';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ChildMessage } from './electron';

const send = (message: ChildMessage) => process.send?.(message);

class ChildPort extends EventEmitter {
  private started = false;
  private closed = false;
  private readonly queue: unknown[] = [];

  constructor(private readonly id: number) {
    super();
  }

  postMessage(data: unknown): void {
    if (!this.closed) send({ kind: 'port', portId: this.id, data });
  }

  start(): void {
    this.started = true;
    for (const data of this.queue.splice(0)) this.emit('message', { data, ports: [] });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    send({ kind: 'portClose', portId: this.id });
    this.emit('close');
  }

  receive(data: unknown): void {
    if (this.closed) return;
    // Lets a test act once the core has a call in hand (the crash drill kills it then).
    send({ kind: 'trace', event: 'portMessage', detail: (data as { type?: string })?.type });
    if (this.started) this.emit('message', { data, ports: [] });
    else this.queue.push(data);
  }

  remoteClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

/** Queues main's messages until the module listens, as lib/utility/init.ts starts the port on the first 'message' listener. */
class ParentPort extends EventEmitter {
  private started = false;
  private readonly queue: Array<{ data: unknown; ports: ChildPort[] }> = [];

  constructor() {
    super();
    this.on('newListener', (name: string) => {
      if (name === 'message' && !this.started) setImmediate(() => this.start());
    });
  }

  postMessage(data: unknown): void {
    send({ kind: 'parent', data });
  }

  start(): void {
    this.started = true;
    for (const message of this.queue.splice(0)) this.emit('message', message);
  }

  deliver(message: { data: unknown; ports: ChildPort[] }): void {
    if (this.started) this.emit('message', message);
    else this.queue.push(message);
  }
}

const ports = new Map<number, ChildPort>();
const parentPort = new ParentPort();
(process as unknown as { parentPort: ParentPort }).parentPort = parentPort;

type ParentMessage =
  | { kind: 'parent'; data: unknown; portIds: number[] }
  | { kind: 'port'; portId: number; data: unknown }
  | { kind: 'portClose'; portId: number };

process.on('message', (message: ParentMessage) => {
  if (message.kind === 'parent') {
    const carried = message.portIds.map((id) => {
      const port = new ChildPort(id);
      ports.set(id, port);
      return port;
    });
    parentPort.deliver({ data: message.data, ports: carried });
  } else if (message.kind === 'port') {
    ports.get(message.portId)?.receive(message.data);
  } else {
    ports.get(message.portId)?.remoteClosed();
  }
});
// Electron ends a utility process when main goes; so does the stand-in.
process.on('disconnect', () => process.exit(0));

register('./utility-electron-hooks.mjs', import.meta.url);

const modulePath = process.argv[2];
if (!modulePath) throw new Error('utility-process-child: no module path');
await import(pathToFileURL(modulePath).href);
