import { describe, expect, it, vi } from 'vitest';
import { channelNames, type EventName } from '../../../shared/ipc/contract';
import { createApi, type Transport } from '../../../shared/ipc/create-api';

function recordingTransport() {
  const calls: { channel: string; input: unknown }[] = [];
  let listener: ((event: EventName, payload: unknown) => void) | undefined;
  const transport: Transport = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      return { ok: true, value: { echoed: channel } };
    },
    subscribe: (l) => {
      listener = l;
      return () => (listener = undefined);
    },
  };
  return { transport, calls, emit: (event: EventName, payload: unknown) => listener?.(event, payload) };
}

describe('createApi', () => {
  it('exposes every contract channel as namespace.method', () => {
    const api = createApi(recordingTransport().transport) as unknown as Record<string, Record<string, unknown>>;
    for (const name of channelNames) {
      const [ns, method] = name.split('.') as [string, string];
      expect(typeof api[ns]?.[method], name).toBe('function');
    }
  });

  it('passes the channel name and input to the transport', async () => {
    const { transport, calls } = recordingTransport();
    const api = createApi(transport);
    const result = await api.auth.signIn({ username: 'canbo01', password: 'x' });
    expect(calls).toEqual([{ channel: 'auth.signIn', input: { username: 'canbo01', password: 'x' } }]);
    expect(result).toEqual({ ok: true, value: { echoed: 'auth.signIn' } });
  });

  it('sends an empty object when a channel takes no input', async () => {
    const { transport, calls } = recordingTransport();
    await createApi(transport).app.firstRunStatus();
    expect(calls[0]!.input).toEqual({});
  });

  it('turns a transport failure into a TRANSPORT_CLOSED result instead of throwing', async () => {
    const api = createApi({ invoke: () => Promise.reject(new Error('port closed')), subscribe: () => () => undefined });
    const result = await api.health.info();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('TRANSPORT_CLOSED');
      expect(result.error.message).toMatch(/Mất kết nối/);
    }
  });

  it('delivers only the subscribed event and stops after unsubscribe', () => {
    const { transport, emit } = recordingTransport();
    const api = createApi(transport);
    const listener = vi.fn();
    const off = api.on('session.changed', listener);
    emit('session.changed', { state: 'locked', reason: 'idle' });
    expect(listener).toHaveBeenCalledWith({ state: 'locked', reason: 'idle' });
    off();
    emit('session.changed', { state: 'signedOut', reason: 'signedOut' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('refuses to subscribe to an event the contract does not define', () => {
    const api = createApi(recordingTransport().transport);
    expect(() => api.on('nope' as EventName, () => undefined)).toThrow(/Unknown event/);
  });

  it('is frozen so a page script cannot swap a method', () => {
    const api = createApi(recordingTransport().transport);
    expect(Object.isFrozen(api)).toBe(true);
  });
});
