import { z } from 'zod';
import { citizenScreenSchema, type CitizenScreen } from '../citizen-screen/citizen-view';
import { dissatisfactionReasons, satisfactionLevels } from '../citizen-screen/satisfaction';
import { fail, type Result } from './result';

/**
 * The citizen-facing window's own contract (docs/architecture.md §3.2): it reads what is
 * on screen and answers the rating question, nothing else. It shares no channel with the officer's
 * contract (shared/ipc/contract.ts), has its own Electron channel prefix and, in the harness, its own
 * socket and secret, so that window can never call reception, look-up or any other channel.
 */
export const citizenChannels = {
  'citizen.current': { input: z.object({}), output: citizenScreenSchema },
  'citizen.rate': {
    input: z.object({
      token: z.string().min(1).max(64),
      rating: z.enum(satisfactionLevels),
      reasons: z.array(z.enum(dissatisfactionReasons)).max(dissatisfactionReasons.length).default([]),
    }),
    output: z.object({}),
  },
} as const;

export const citizenEvents = {
  /** What the screen shows now; pushed by the core on every change, to the citizen's window only. */
  'citizen.screen': citizenScreenSchema,
} as const;

export type CitizenChannelName = keyof typeof citizenChannels;
export type CitizenChannelInput<C extends CitizenChannelName> = z.input<(typeof citizenChannels)[C]['input']>;
export type CitizenChannelOutput<C extends CitizenChannelName> = z.output<(typeof citizenChannels)[C]['output']>;
export const citizenChannelNames = Object.keys(citizenChannels) as CitizenChannelName[];

export function isCitizenChannelName(name: unknown): name is CitizenChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(citizenChannels, name);
}

/** The page the citizen's window loads (renderer/citizen.html). */
export const CITIZEN_PAGE = 'citizen.html';
export const CITIZEN_IPC_PREFIX = 'citizen:';
export const CITIZEN_IPC_EVENT_CHANNEL = 'citizen-event';
/** The harness's socket for the citizen page, guarded by a secret of its own. */
export const CITIZEN_SOCKET_PATH = '/citizen-api';

export interface CitizenTransport {
  invoke(channel: CitizenChannelName, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export interface CitizenApi {
  current(): Promise<Result<CitizenScreen>>;
  rate(input: CitizenChannelInput<'citizen.rate'>): Promise<Result<Record<string, never>>>;
  onScreen(listener: (screen: CitizenScreen) => void): () => void;
}

export function createCitizenApi(transport: CitizenTransport): CitizenApi {
  const call = async (channel: CitizenChannelName, input: unknown) => {
    try {
      return await transport.invoke(channel, input);
    } catch {
      return fail('TRANSPORT_CLOSED');
    }
  };
  return Object.freeze({
    current: () => call('citizen.current', {}) as Promise<Result<CitizenScreen>>,
    rate: (input) => call('citizen.rate', input) as Promise<Result<Record<string, never>>>,
    onScreen: (listener) =>
      transport.subscribe((event, payload) => {
        if (event !== 'citizen.screen') return;
        const screen = citizenScreenSchema.safeParse(payload);
        if (screen.success) listener(screen.data);
      }),
  } satisfies CitizenApi);
}
