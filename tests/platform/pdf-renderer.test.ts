import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreHandle, CoreInit, CorePlatform } from '../../electron/core/host/core-protocol';
import { hostCore } from '../../electron/core/host/serve-core-over-port';
import { defaultCoreRequests, startCoreProcess } from '../../electron/main/platform/core-process';
import { renderPdfInWindow } from '../../electron/main/platform/pdf-renderer';
import { errorMessage } from '../../shared/i18n/vi';
import { AppError } from '../../shared/ipc/result';
import { BrowserWindow, FAKE_PDF, pdfPrinting, resetFakeElectron, utilityProcess } from '../fakes/electron';

const HTML = '<!DOCTYPE html><html lang="vi"><body><p>Nguyễn Thị Hồng Nhung &amp; #1</p></body></html>';

beforeEach(() => {
  resetFakeElectron();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

function onlyWindow(): BrowserWindow {
  expect(BrowserWindow.instances).toHaveLength(1);
  return BrowserWindow.instances[0]!;
}

describe('renderPdfInWindow', () => {
  it('prints in a hidden (not offscreen), sandboxed window with JavaScript off', async () => {
    await renderPdfInWindow(HTML, { pageSize: 'A5' });
    const window = onlyWindow();
    expect(window.options).toMatchObject({ show: false });
    expect(window.options.webPreferences).toEqual(
      expect.objectContaining({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, devTools: false }),
    );
    expect(window.options.webPreferences).not.toHaveProperty('offscreen');
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    expect(window.visible).toBe(false);
  });

  it('loads the HTML intact from a file, not a data: URL (Chromium refuses URLs over 2 MB)', async () => {
    await renderPdfInWindow(HTML, { pageSize: 'A5' });
    expect(onlyWindow().loadedUrl).toMatch(/^file:/);
    expect(onlyWindow().loadedHtml).toBe(HTML);
  });

  it.each([['A5'], ['A4']] as const)(
    'asks printToPDF for %s, backgrounds and the CSS page size, and returns the bytes',
    async (pageSize) => {
      const pdf = await renderPdfInWindow(HTML, { pageSize });
      expect(onlyWindow().webContents.printToPdfCalls).toEqual([
        { pageSize, printBackground: true, preferCSSPageSize: true, margins: { top: 0, bottom: 0, left: 0, right: 0 } },
      ]);
      expect(pdf).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(pdf)).toEqual(FAKE_PDF);
    },
  );

  it("adds no margins of Electron's own (0.4 in by default), so the PDF matches the Chromium host's", async () => {
    await renderPdfInWindow(HTML, { pageSize: 'A4' });
    expect(onlyWindow().webContents.printToPdfSettings[0]).toMatchObject({ marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0 });
  });

  it('destroys the window after printing', async () => {
    await renderPdfInWindow(HTML, { pageSize: 'A5' });
    expect(onlyWindow().isDestroyed()).toBe(true);
  });

  it('surfaces a printing failure and still destroys the window', async () => {
    pdfPrinting.respond = () => Promise.reject(new Error('Printing failed'));
    await expect(renderPdfInWindow(HTML, { pageSize: 'A5' })).rejects.toThrow('Printing failed');
    expect(onlyWindow().isDestroyed()).toBe(true);
  });

  it('surfaces a page that does not load, without printing it', async () => {
    vi.spyOn(BrowserWindow.prototype, 'loadURL').mockRejectedValueOnce(new Error('ERR_INVALID_URL'));
    await expect(renderPdfInWindow(HTML, { pageSize: 'A5' })).rejects.toThrow('ERR_INVALID_URL');
    const window = onlyWindow();
    expect(window.webContents.printToPdfCalls).toEqual([]);
    expect(window.isDestroyed()).toBe(true);
  });

  it('gives up on a print that never finishes and destroys its window', async () => {
    pdfPrinting.respond = () => new Promise(() => {});
    await expect(renderPdfInWindow(HTML, { pageSize: 'A4' }, 30)).rejects.toThrow('printToPDF did not finish within 30 ms');
    expect(onlyWindow().isDestroyed()).toBe(true);
  });
});

describe('the core asks main for a PDF', () => {
  const init: CoreInit = { type: 'init', dataDir: '/data', appVersion: '1.2.3', resourcesDir: '/res' };
  const core: CoreHandle = { dispatch: vi.fn(), onEvent: () => () => {}, clientClosed: vi.fn(), close: vi.fn() };

  async function hostedPlatform(): Promise<{ platform: CorePlatform; stop: () => void }> {
    const client = startCoreProcess('/out/main/core-host.js', init);
    const child = utilityProcess.forks[0]!;
    let platform: CorePlatform | null = null;
    void hostCore(child.messages[0]!.message as CoreInit, child.corePort(), async (options) => {
      platform = options;
      return core;
    });
    expect(await client.started).toEqual({ ok: true });
    return { platform: platform!, stop: () => client.stop() };
  }

  it('gets the bytes printed by a main-side window, which is then gone', async () => {
    const { platform, stop } = await hostedPlatform();
    const pdf = await platform.pdfRenderer.renderPdf(HTML, { pageSize: 'A5' });
    expect(Buffer.from(pdf)).toEqual(FAKE_PDF);
    expect(onlyWindow().webContents.printToPdfCalls[0]).toMatchObject({ pageSize: 'A5' });
    expect(onlyWindow().isDestroyed()).toBe(true);
    stop();
  });

  it("gets PDF_RENDER_FAILED with main's reason when printing fails", async () => {
    pdfPrinting.respond = () => Promise.reject(new Error('Printer driver crashed'));
    const { platform, stop } = await hostedPlatform();
    const failure = await platform.pdfRenderer.renderPdf(HTML, { pageSize: 'A4' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('PDF_RENDER_FAILED');
    expect((failure as AppError).message).toBe(errorMessage('PDF_RENDER_FAILED', { details: 'Printer driver crashed' }));
    stop();
  });

  it('lets main answer through an injected renderer too', async () => {
    const renderPdf = vi.fn(async () => new Uint8Array([1, 2, 3]));
    const client = startCoreProcess('/core.js', init, { ...defaultCoreRequests, renderPdf });
    const child = utilityProcess.forks[0]!;
    let platform: CorePlatform | null = null;
    void hostCore(init, child.corePort(), async (options) => {
      platform = options;
      return core;
    });
    await client.started;
    expect(await platform!.pdfRenderer.renderPdf('<p>x</p>', { pageSize: 'A4' })).toEqual(new Uint8Array([1, 2, 3]));
    expect(renderPdf).toHaveBeenCalledWith('<p>x</p>', { pageSize: 'A4' });
    expect(BrowserWindow.instances).toHaveLength(0);
    client.stop();
  });
});
