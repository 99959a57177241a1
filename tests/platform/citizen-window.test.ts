import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerCitizenBridge } from '../../electron/main/platform/citizen-bridge';
import { CITIZEN_ENTRY_URL, CitizenWindow, listDisplays } from '../../electron/main/platform/citizen-window';
import { registerIpcBridge } from '../../electron/main/platform/ipc-bridge';
import { CITIZEN_IPC_EVENT_CHANNEL, CITIZEN_IPC_PREFIX, citizenChannelNames } from '../../shared/ipc/citizen-contract';
import { IPC_PREFIX } from '../../shared/ipc/contract';
import { ok, type Result } from '../../shared/ipc/result';
import { BrowserWindow, fakeDisplay, FakeWebContents, FakeWebFrame, ipcMain, resetFakeElectron, screen } from '../fakes/electron';

const LAPTOP = fakeDisplay(1, { x: 0, y: 0, width: 1366, height: 768 }, { label: 'Built-in', internal: true });
const FACING = fakeDisplay(7, { x: 1366, y: 0, width: 1920, height: 1080 }, { label: 'DELL P2419H' });
const TABLET = fakeDisplay(9, { x: 3286, y: 0, width: 1280, height: 800 });

beforeEach(() => {
  resetFakeElectron();
  screen.setDisplays([LAPTOP, FACING], 1);
});

const windows = () => BrowserWindow.getAllWindows();

describe('the citizen-facing window', () => {
  it('lists the monitors for the admin, the primary one marked, unnamed ones by number', () => {
    screen.setDisplays([LAPTOP, FACING, TABLET], 1);
    expect(listDisplays()).toEqual([
      { id: 1, label: 'Built-in', width: 1366, height: 768, primary: true },
      { id: 7, label: 'DELL P2419H', width: 1920, height: 1080, primary: false },
      { id: 9, label: '3', width: 1280, height: 800, primary: false },
    ]);
  });

  it('opens full screen on the chosen monitor, sandboxed, showing citizen.html', () => {
    const citizen = new CitizenWindow({ preloadPath: '/app/preload/index.cjs', allowDevTools: false });
    citizen.place(7);
    expect(windows()).toHaveLength(1);
    const [window] = windows() as [BrowserWindow];
    expect(window.getBounds()).toEqual(FACING.bounds);
    expect(window.isFullScreen()).toBe(true);
    expect(window.loadedUrl).toBe(CITIZEN_ENTRY_URL);
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      preload: '/app/preload/index.cjs',
    });
    expect(citizen.contents()).toBe(window.webContents);
  });

  it('moves to another monitor, closes when none is chosen or the chosen one is unplugged, and returns when it is back', () => {
    const citizen = new CitizenWindow({ preloadPath: '/p.cjs', allowDevTools: false });
    citizen.place(7);
    screen.setDisplays([LAPTOP, FACING, TABLET], 1);
    citizen.place(9);
    expect(windows()).toHaveLength(1);
    expect(windows()[0]!.getBounds()).toEqual(TABLET.bounds);
    expect(windows()[0]!.isFullScreen()).toBe(true);

    screen.setDisplays([LAPTOP, FACING], 1);
    expect(windows()).toHaveLength(0);
    expect(citizen.contents()).toBeNull();
    screen.setDisplays([LAPTOP, FACING, TABLET], 1);
    expect(windows()).toHaveLength(1);
    expect(windows()[0]!.getBounds()).toEqual(TABLET.bounds);

    citizen.place(null);
    expect(windows()).toHaveLength(0);
  });
});

describe('the citizen bridge', () => {
  function fakeCore() {
    let emit: (event: string, payload: unknown) => void = () => {};
    return {
      invokeCitizen: vi.fn(async (..._args: unknown[]): Promise<Result<unknown>> => ok({ kind: 'blank' })),
      onCitizenEvent: vi.fn((listener: (event: string, payload: unknown) => void) => {
        emit = listener;
        return () => {};
      }),
      emit: (event: string, payload: unknown) => emit(event, payload),
      invoke: vi.fn(async (): Promise<Result<unknown>> => ok({})),
      clientClosed: vi.fn(),
      onEvent: vi.fn(() => () => {}),
    };
  }
  const eventFrom = (sender: FakeWebContents) => ({ sender, senderFrame: sender.mainFrame }) as never;
  const handler = (name: string) => ipcMain.handlers.get(name) as unknown as (event: unknown, input: unknown) => Promise<Result<unknown>>;

  it('answers the citizen window alone, on its two channels, and sends it alone the citizen events', async () => {
    const core = fakeCore();
    const citizen = new FakeWebContents();
    citizen.mainFrame = new FakeWebFrame('app://renderer/citizen.html');
    const officer = new FakeWebContents();
    registerCitizenBridge(core, () => citizen as never);
    registerIpcBridge(core);

    expect([...ipcMain.handlers.keys()].filter((name) => name.startsWith(CITIZEN_IPC_PREFIX)).sort()).toEqual(
      citizenChannelNames.map((name) => CITIZEN_IPC_PREFIX + name).sort(),
    );
    expect(await handler(`${CITIZEN_IPC_PREFIX}citizen.current`)(eventFrom(citizen), {})).toEqual(ok({ kind: 'blank' }));
    expect(core.invokeCitizen).toHaveBeenCalledWith('citizen.current', {});
    // The officer's window may not call the citizen's channels, nor the citizen's window the officer's.
    expect(await handler(`${CITIZEN_IPC_PREFIX}citizen.rate`)(eventFrom(officer), { token: 't', rating: 'satisfied' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    expect(await handler(`${IPC_PREFIX}dossier.search`)(eventFrom(citizen), { text: 'Nguyễn' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    expect(core.invoke).not.toHaveBeenCalled();
    expect(await handler(`${CITIZEN_IPC_PREFIX}citizen.rate`)(eventFrom(citizen), { token: 't', rating: 'great' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    core.emit('citizen.screen', { kind: 'thanks' });
    expect(citizen.sent).toEqual([{ channel: CITIZEN_IPC_EVENT_CHANNEL, args: ['citizen.screen', { kind: 'thanks' }] }]);
    expect(officer.sent).toEqual([]);
  });
});
