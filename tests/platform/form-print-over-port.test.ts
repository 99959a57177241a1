import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreHandle, CoreInit, CorePlatform } from '../../electron/core/host/core-protocol';
import { hostCore } from '../../electron/core/host/serve-core-over-port';
import { defaultCoreRequests, startCoreProcess, type CoreRequests } from '../../electron/main/platform/core-process';
import { errorMessage } from '../../shared/i18n/vi';
import { AppError } from '../../shared/ipc/result';
import { BrowserWindow, resetFakeElectron, silentPrinting, utilityProcess } from '../fakes/electron';

const HTML = '<!DOCTYPE html><html lang="vi"><body><p>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</p></body></html>';
const init: CoreInit = { type: 'init', dataDir: '/data', appVersion: '1.2.3', resourcesDir: '/res' };
const core: CoreHandle = { dispatch: vi.fn(), onEvent: () => () => {}, clientClosed: vi.fn(), close: vi.fn() };

beforeEach(() => {
  resetFakeElectron();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

/** Main and the core host joined by the fake utility process, as in the packaged app. */
async function hostedPlatform(requests: CoreRequests = defaultCoreRequests): Promise<{ platform: CorePlatform; stop: () => void }> {
  const client = startCoreProcess('/out/main/core-host.js', init, requests);
  let platform: CorePlatform | null = null;
  void hostCore(init, utilityProcess.forks[0]!.corePort(), async (options) => {
    platform = options;
    return core;
  });
  expect(await client.started).toEqual({ ok: true });
  return { platform: platform!, stop: () => client.stop() };
}

describe('the core asks main to print a form silently', () => {
  it('prints once to the named printer with the page size, no dialog and no margins, from a window that is then gone', async () => {
    const { platform, stop } = await hostedPlatform();
    await platform.formPrint!(HTML, { pageSize: 'A5', deviceName: 'Canon_LBP2900' });
    expect(BrowserWindow.instances).toHaveLength(1);
    const window = BrowserWindow.instances[0]!;
    expect(window.webContents.printCalls).toEqual([
      expect.objectContaining({
        silent: true,
        deviceName: 'Canon_LBP2900',
        pageSize: 'A5',
        copies: 1,
        landscape: false,
        margins: { marginType: 'none' },
      }),
    ]);
    expect(window.isDestroyed()).toBe(true);
    stop();
  });

  it("gets PRINTER_SPOOLER_FAILED with the spooler's reason when the printer refuses the job", async () => {
    silentPrinting.outcome = () => ({ success: false, failureReason: 'Printer is offline' });
    const { platform, stop } = await hostedPlatform();
    const failure = await platform.formPrint!(HTML, { pageSize: 'A4', deviceName: 'HP_A4' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('PRINTER_SPOOLER_FAILED');
    expect((failure as AppError).message).toBe(errorMessage('PRINTER_SPOOLER_FAILED', { printer: 'HP_A4', details: 'Printer is offline' }));
    stop();
  });

  it('fails pending prints with TRANSPORT_CLOSED when main goes away, instead of hanging the reception', async () => {
    silentPrinting.outcome = () => ({ success: null, failureReason: '' });
    const { platform, stop } = await hostedPlatform();
    const pending = platform.formPrint!(HTML, { pageSize: 'A5', deviceName: 'Canon_LBP2900' }).catch((error: unknown) => error);
    stop();
    const failure = await pending;
    expect((failure as AppError).code).toBe('TRANSPORT_CLOSED');
  });
});

describe('the core asks main for the system printers', () => {
  it("lists the printers Electron sees, so Windows counters pick the spooler's names", async () => {
    silentPrinting.printers = [
      { name: 'Canon_LBP2900', displayName: 'Canon LBP2900 (tầng 1)', description: '', options: {} },
      { name: 'XP-80C', displayName: '', description: '', options: {} },
    ];
    const { platform, stop } = await hostedPlatform();
    expect(await platform.devices!.systemPrinters.list()).toEqual([
      { name: 'Canon_LBP2900', displayName: 'Canon LBP2900 (tầng 1)' },
      { name: 'XP-80C', displayName: 'XP-80C' },
    ]);
    expect(BrowserWindow.instances.every((window) => window.isDestroyed())).toBe(true);
    stop();
  });

  it('gives an empty list, not an error, when main cannot read them', async () => {
    const { platform, stop } = await hostedPlatform({
      ...defaultCoreRequests,
      listPrinters: () => Promise.reject(new Error('no spooler')),
    });
    expect(await platform.devices!.systemPrinters.list()).toEqual([]);
    stop();
  });
});
