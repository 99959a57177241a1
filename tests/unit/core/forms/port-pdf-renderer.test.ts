import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreHandle, CoreInit, CorePlatform, CoreToMain, MainToCore } from '../../../../electron/core/host/core-protocol';
import { hostCore, portPdfRenderer } from '../../../../electron/core/host/serve-core-over-port';
import { errorMessage } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { MessageChannelMain, type FakeMessagePort } from '../../../fakes/electron';

/** Plays main: records the core's requests and answers them when told to. */
function mainEnd(port: FakeMessagePort) {
  const requests: Extract<CoreToMain, { type: 'renderPdf' }>[] = [];
  port.on('message', ({ data }: { data: CoreToMain }) => {
    if (data.type === 'renderPdf') requests.push(data);
  });
  port.start();
  return {
    requests,
    answer(message: MainToCore) {
      port.postMessage(message);
    },
  };
}

function channel() {
  const { port1, port2 } = new MessageChannelMain();
  const main = mainEnd(port1);
  port2.start();
  return { main, mainPort: port1, corePort: port2 };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('renderPdf over the core port', () => {
  it('asks main with the HTML and page size and resolves with the bytes main sends back', async () => {
    const { main, corePort } = channel();
    const renderer = portPdfRenderer(corePort);
    const pending = renderer.renderPdf('<p>Nguyễn Thị Hồng Nhung</p>', { pageSize: 'A5' });
    await vi.waitFor(() => expect(main.requests).toHaveLength(1));
    expect(main.requests[0]).toEqual({ type: 'renderPdf', id: 1, html: '<p>Nguyễn Thị Hồng Nhung</p>', pageSize: 'A5' });
    main.answer({ type: 'renderPdfResult', id: 1, ok: true, pdf: new Uint8Array([37, 80, 68, 70]) });
    expect(await pending).toEqual(new Uint8Array([37, 80, 68, 70]));
  });

  it('matches answers to requests by id, in whatever order they come', async () => {
    const { main, corePort } = channel();
    const renderer = portPdfRenderer(corePort);
    const a5 = renderer.renderPdf('a', { pageSize: 'A5' });
    const a4 = renderer.renderPdf('b', { pageSize: 'A4' });
    await vi.waitFor(() => expect(main.requests).toHaveLength(2));
    const [first, second] = [main.requests[0]!, main.requests[1]!];
    main.answer({ type: 'renderPdfResult', id: second.id, ok: true, pdf: new Uint8Array([4]) });
    main.answer({ type: 'renderPdfResult', id: first.id, ok: true, pdf: new Uint8Array([5]) });
    expect(await a5).toEqual(new Uint8Array([5]));
    expect(await a4).toEqual(new Uint8Array([4]));
  });

  it("turns main's failure into PDF_RENDER_FAILED carrying main's description", async () => {
    const { main, corePort } = channel();
    const pending = portPdfRenderer(corePort).renderPdf('x', { pageSize: 'A5' });
    await vi.waitFor(() => expect(main.requests).toHaveLength(1));
    main.answer({ type: 'renderPdfResult', id: 1, ok: false, error: 'Printing failed' });
    const error = await rejection(pending);
    expect(error.code).toBe('PDF_RENDER_FAILED');
    expect(error.message).toBe(errorMessage('PDF_RENDER_FAILED', { details: 'Printing failed' }));
  });

  it('refuses an answer without PDF bytes', async () => {
    const { main, corePort } = channel();
    const pending = portPdfRenderer(corePort).renderPdf('x', { pageSize: 'A5' });
    await vi.waitFor(() => expect(main.requests).toHaveLength(1));
    main.answer({ type: 'renderPdfResult', id: 1, ok: true, pdf: 'not bytes' as unknown as Uint8Array });
    expect((await rejection(pending)).code).toBe('PDF_RENDER_FAILED');
  });

  it('gives up with PDF_RENDER_TIMEOUT when main never answers, and ignores a late answer', async () => {
    const { main, corePort } = channel();
    const pending = portPdfRenderer(corePort, 50).renderPdf('x', { pageSize: 'A4' });
    const error = await rejection(pending);
    expect(error.code).toBe('PDF_RENDER_TIMEOUT');
    expect(error.message).toBe(errorMessage('PDF_RENDER_TIMEOUT', { seconds: 0 }));
    main.answer({ type: 'renderPdfResult', id: 1, ok: true, pdf: new Uint8Array([1]) });
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('states the timeout in seconds', async () => {
    vi.useFakeTimers();
    const { corePort } = channel();
    const pending = rejection(portPdfRenderer(corePort, 45_000).renderPdf('x', { pageSize: 'A5' }));
    await vi.advanceTimersByTimeAsync(45_000);
    expect((await pending).message).toBe(errorMessage('PDF_RENDER_TIMEOUT', { seconds: 45 }));
  });

  it('fails pending and later requests with TRANSPORT_CLOSED once the port closes', async () => {
    const { main, mainPort, corePort } = channel();
    const renderer = portPdfRenderer(corePort);
    const pending = renderer.renderPdf('x', { pageSize: 'A5' });
    await vi.waitFor(() => expect(main.requests).toHaveLength(1));
    mainPort.close();
    expect((await rejection(pending)).code).toBe('TRANSPORT_CLOSED');
    expect((await rejection(renderer.renderPdf('y', { pageSize: 'A5' }))).code).toBe('TRANSPORT_CLOSED');
  });

  it('is handed to the core factory by the host, already wired to the port', async () => {
    const { port1, port2 } = new MessageChannelMain();
    const main = mainEnd(port1);
    let platform: CorePlatform | null = null;
    const core: CoreHandle = { dispatch: vi.fn(), onEvent: () => () => {}, clientClosed: vi.fn(), close: vi.fn() };
    const init: CoreInit = { type: 'init', dataDir: '/data', appVersion: '1.0.0', resourcesDir: '/res' };
    const hosted = hostCore(init, port2, async (options) => {
      platform = options;
      return core;
    });
    await vi.waitFor(() => expect(platform).not.toBeNull());
    const pending = platform!.pdfRenderer.renderPdf('<p>x</p>', { pageSize: 'A5' });
    await vi.waitFor(() => expect(main.requests).toHaveLength(1));
    main.answer({ type: 'renderPdfResult', id: main.requests[0]!.id, ok: true, pdf: new Uint8Array([9]) });
    expect(await pending).toEqual(new Uint8Array([9]));
    port1.close();
    await hosted;
  });
});
