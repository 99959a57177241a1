import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpcBridge } from '../../electron/main/platform/ipc-bridge';
import type { CoreEventListener } from '../../electron/main/platform/core-process';
import { channelNames, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../shared/ipc/contract';
import { errorMessage } from '../../shared/i18n/vi';
import { ok, type Result } from '../../shared/ipc/result';
import { FakeWebContents, FakeWebFrame, ipcMain, resetFakeElectron } from '../fakes/electron';

function fakeCore() {
  let emit: CoreEventListener = () => {};
  return {
    invoke: vi.fn(async (..._args: unknown[]): Promise<Result<unknown>> => ok({ forwarded: true })),
    clientClosed: vi.fn(),
    onEvent: vi.fn((listener: CoreEventListener) => {
      emit = listener;
      return () => {};
    }),
    emit: (clientId: string | null, event: string, payload: unknown) => emit(clientId, event, payload),
  };
}

function eventFrom(sender: FakeWebContents, senderFrame: FakeWebFrame | null = sender.mainFrame) {
  return { sender, senderFrame } as never;
}

function handlerFor(channel: string) {
  const handler = ipcMain.handlers.get(IPC_PREFIX + channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler as unknown as (event: unknown, input: unknown) => Promise<Result<unknown>>;
}

let core: ReturnType<typeof fakeCore>;
let call: ReturnType<typeof registerIpcBridge>;
let window: FakeWebContents;

beforeEach(() => {
  resetFakeElectron();
  core = fakeCore();
  call = registerIpcBridge(core);
  window = new FakeWebContents();
});

describe('registration', () => {
  it('registers exactly one prefixed handler per contract channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(channelNames.map((name) => IPC_PREFIX + name).sort());
  });
});

describe('a valid call', () => {
  it('is parsed and forwarded to the core with the window as client, and the result returned', async () => {
    const result = await handlerFor('auth.signIn')(eventFrom(window), { username: 'lan', password: 'Secret123' });
    expect(result).toEqual(ok({ forwarded: true }));
    expect(core.invoke).toHaveBeenCalledWith(`webContents-${window.id}`, 'auth.signIn', {
      username: 'lan',
      password: 'Secret123',
    });
  });

  it('forwards the parsed input, with schema defaults applied', async () => {
    await handlerFor('audit.list')(eventFrom(window), {});
    expect(core.invoke).toHaveBeenCalledWith(expect.any(String), 'audit.list', { limit: 100 });
  });

  it('maps a throwing core to INTERNAL instead of rejecting into the renderer', async () => {
    core.invoke.mockRejectedValueOnce(new Error('boom'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await handlerFor('auth.session')(eventFrom(window), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('rejections', () => {
  it('refuses an unknown channel', async () => {
    const result = await call(eventFrom(window), 'system.exec', {});
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: errorMessage('UNKNOWN_CHANNEL') } });
    expect(await call(eventFrom(window), '__proto__', {})).toMatchObject({ error: { code: 'UNKNOWN_CHANNEL' } });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame is gone', async () => {
    const result = await handlerFor('auth.session')(eventFrom(window, null), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('refuses a sub-frame of the app page', async () => {
    const iframe = new FakeWebFrame('app://renderer/index.html', window.mainFrame);
    const result = await handlerFor('auth.session')(eventFrom(window, iframe), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('refuses a top-level frame that is not the window main frame', async () => {
    const stranger = new FakeWebFrame('app://renderer/index.html');
    const result = await handlerFor('auth.session')(eventFrom(window, stranger), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it.each(['https://evil.example/', 'file:///tmp/page.html', 'app://evil/index.html', 'http://127.0.0.1:5173/', 'about:blank'])(
    'refuses a main frame showing %s',
    async (url) => {
      window.mainFrame.url = url;
      const result = await handlerFor('auth.session')(eventFrom(window), {});
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      expect(core.invoke).not.toHaveBeenCalled();
    },
  );

  it('refuses a payload that does not match the schema, naming the fields', async () => {
    const result = await handlerFor('auth.signIn')(eventFrom(window), { username: 42 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: errorMessage('INVALID_INPUT', { details: 'username, password' }) },
    });
    expect(core.invoke).not.toHaveBeenCalled();
  });

  it('refuses a payload that is not an object at all', async () => {
    const result = await handlerFor('auth.session')(eventFrom(window), 'drop table');
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: errorMessage('INVALID_INPUT', { details: 'auth.session' }) },
    });
  });
});

describe('events and client lifetime', () => {
  it('relays a client event to its own window only, and broadcasts to all', async () => {
    const other = new FakeWebContents();
    await handlerFor('auth.session')(eventFrom(window), {});
    await handlerFor('auth.session')(eventFrom(other), {});

    core.emit(`webContents-${window.id}`, 'session.changed', { state: 'locked', reason: 'idle' });
    expect(window.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, args: ['session.changed', { state: 'locked', reason: 'idle' }] }]);
    expect(other.sent).toEqual([]);

    core.emit(null, 'session.changed', { state: 'signedOut', reason: 'signedOut' });
    expect(window.sent).toHaveLength(2);
    expect(other.sent).toHaveLength(1);
  });

  it('tells the core when a window goes away and stops sending to it', async () => {
    await handlerFor('auth.session')(eventFrom(window), {});
    window.markDestroyed();
    expect(core.clientClosed).toHaveBeenCalledWith(`webContents-${window.id}`);
    core.emit(null, 'session.changed', { state: 'signedOut', reason: 'signedOut' });
    expect(window.sent).toEqual([]);
  });

  it('does not track a sender it refused', async () => {
    window.mainFrame.url = 'https://evil.example/';
    await handlerFor('auth.session')(eventFrom(window), {});
    core.emit(null, 'session.changed', { state: 'signedOut', reason: 'signedOut' });
    expect(window.sent).toEqual([]);
  });
});
