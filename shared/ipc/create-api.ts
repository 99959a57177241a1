import {
  channelNames,
  eventNames,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from './contract';
import { fail, type Result } from './result';

/** How calls leave a process: ipcRenderer in the preload, a WebSocket in the harness, a Playwright binding in tests. */
export interface Transport {
  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

type Namespace = ChannelName extends `${infer N}.${string}` ? N : never;

type Call<C extends ChannelName> = (
  ...args: Record<string, never> extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]
) => Promise<Result<ChannelOutput<C>>>;

export type Api = {
  [N in Namespace]: { [C in ChannelName as C extends `${N}.${infer M}` ? M : never]: Call<C> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export function createApi(transport: Transport): Api {
  const api: Record<string, unknown> = {};
  for (const name of channelNames) {
    const [namespace, method] = name.split('.') as [string, string];
    const group = (api[namespace] ??= {}) as Record<string, unknown>;
    group[method] = async (input: unknown = {}) => {
      try {
        return await transport.invoke(name, input);
      } catch {
        return fail('TRANSPORT_CLOSED');
      }
    };
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!eventNames.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    return transport.subscribe((name, payload) => {
      if (name === event) listener(payload);
    });
  };
  return Object.freeze(api) as Api;
}
