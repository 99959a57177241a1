import { beforeEach, describe, expect, it } from 'vitest';
import { electronPrintOptions, listSystemPrinters, printHtmlSilently } from '../../electron/main/platform/form-print';
import { BrowserWindow, resetFakeElectron, silentPrinting } from '../fakes/electron';

const HTML = '<!DOCTYPE html><html lang="vi"><body><h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1></body></html>';

beforeEach(() => resetFakeElectron());

function onlyWindow(): BrowserWindow {
  expect(BrowserWindow.instances).toHaveLength(1);
  return BrowserWindow.instances[0]!;
}

describe('silent form printing through webContents.print', () => {
  it('Form 01: two copies on A5 to the named printer, silent, no margins, backgrounds on', async () => {
    await printHtmlSilently(HTML, { pageSize: 'A5', deviceName: 'Brother_HL_L2321D', copies: 2 });
    const window = onlyWindow();
    expect(window.webContents.printCalls).toEqual([
      {
        silent: true,
        printBackground: true,
        deviceName: 'Brother_HL_L2321D',
        copies: 2,
        collate: true,
        pageSize: 'A5',
        landscape: false,
        margins: { marginType: 'none' },
      },
    ]);
    expect(window.loadedUrl).toMatch(/^file:/);
    expect(window.loadedHtml).toBe(HTML);
    expect(window.options).toMatchObject({ show: false });
    expect(window.isDestroyed()).toBe(true);
  });

  it('A4 with custom margins, and the dialog instead of silent for a preview', () => {
    expect(
      electronPrintOptions({
        pageSize: 'A4',
        deviceName: 'HP',
        copies: 1,
        margins: { top: 20, bottom: 20, left: 30, right: 30 },
        silent: false,
      }),
    ).toMatchObject({
      pageSize: 'A4',
      silent: false,
      margins: { marginType: 'custom', top: 20, bottom: 20, left: 30, right: 30 },
    });
  });

  it("a thermal slip through a vendor driver gets its own size in microns, Electron's custom page size", () => {
    expect(
      electronPrintOptions({ pageSize: { widthMicrons: 72_000, heightMicrons: 95_000 }, deviceName: 'XP-80C', copies: 1 }),
    ).toMatchObject({
      pageSize: { width: 72_000, height: 95_000 },
      deviceName: 'XP-80C',
      landscape: false,
      margins: { marginType: 'none' },
    });
  });

  it('never sends usePrinterDefaultPageSize with a page size, which Electron 42+ refuses outright', async () => {
    for (const pageSize of ['A5', 'A4', { widthMicrons: 58_000, heightMicrons: 80_000 }] as const) {
      await printHtmlSilently(HTML, { pageSize, deviceName: 'HP', copies: 1 });
    }
    const calls = BrowserWindow.instances.flatMap((window) => window.webContents.printCalls);
    expect(calls).toHaveLength(3);
    for (const call of calls) expect(call).not.toHaveProperty('usePrinterDefaultPageSize');
  });

  it('prints the register (A4) landscape as its @page rule says, so it is not shrunk onto a portrait sheet', async () => {
    await printHtmlSilently(HTML, { pageSize: 'A4', deviceName: 'HP_A4', copies: 1 });
    expect(onlyWindow().webContents.printCalls[0]).toMatchObject({ pageSize: 'A4', landscape: true });
  });

  it('prints from a plain hidden window, not an offscreen one', async () => {
    await printHtmlSilently(HTML, { pageSize: 'A5', deviceName: 'HP', copies: 1 });
    expect(onlyWindow().options.webPreferences).not.toHaveProperty('offscreen');
  });

  it('refuses to print without a device name or with impossible copies, before any window opens', async () => {
    await expect(printHtmlSilently(HTML, { pageSize: 'A5', deviceName: ' ', copies: 2 })).rejects.toThrow('deviceName');
    await expect(printHtmlSilently(HTML, { pageSize: 'A5', deviceName: 'HP', copies: 0 })).rejects.toThrow('copies');
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('a refused job rejects with Electron’s reason and the window is still destroyed', async () => {
    silentPrinting.outcome = () => ({ success: false, failureReason: 'Invalid printer settings' });
    await expect(printHtmlSilently(HTML, { pageSize: 'A5', deviceName: 'Gone', copies: 2 })).rejects.toThrow('Invalid printer settings');
    expect(onlyWindow().isDestroyed()).toBe(true);
  });

  it('a print that never calls back times out instead of hanging the counter', async () => {
    silentPrinting.outcome = () => ({ success: null, failureReason: '' });
    await expect(printHtmlSilently(HTML, { pageSize: 'A5', deviceName: 'Stuck', copies: 1 }, 50)).rejects.toThrow('did not finish');
    expect(onlyWindow().isDestroyed()).toBe(true);
  });

  it('lists the system printers by their system name, claiming no default Electron does not report', async () => {
    silentPrinting.printers = [
      { name: 'Brother_HL_L2321D', displayName: 'Brother HL-L2321D', description: '', options: { 'printer-location': 'Tầng 1' } },
      { name: 'XP-80C', displayName: '', description: '', options: {} },
    ];
    expect(await listSystemPrinters()).toEqual([
      { name: 'Brother_HL_L2321D', displayName: 'Brother HL-L2321D' },
      { name: 'XP-80C', displayName: 'XP-80C' },
    ]);
  });
});
