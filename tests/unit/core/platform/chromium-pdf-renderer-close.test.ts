import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../../../electron/core/platform/chromium-pdf-renderer';

/** A browser whose page navigation waits for the test to let it go, recording the order of what happens. */
function heldBrowser() {
  const events: string[] = [];
  let release!: () => void;
  const navigated = new Promise<void>((resolve) => (release = resolve));
  const page = {
    goto: async () => {
      events.push('goto');
      await navigated;
      events.push('loaded');
      return null;
    },
    pdf: async () => Buffer.from('%PDF-1.7\n%%EOF\n'),
    close: async () => void events.push('page closed'),
  };
  const context = { newPage: async () => page, close: async () => void events.push('context closed') };
  const browser = { newContext: async () => context, close: async () => void events.push('browser closed') } as unknown as Browser;
  return { browser, events, release };
}

describe('ChromiumPdfRenderer.close', () => {
  it('lets a render under way finish before it closes the context under it', async () => {
    const { browser, events, release } = heldBrowser();
    const renderer = new ChromiumPdfRenderer({ browser, timeoutMs: 60_000 });
    const rendering = renderer.renderPdf('<p>Phiếu</p>', { pageSize: 'A5' });
    await expect.poll(() => events.includes('goto')).toBe(true);

    const closing = renderer.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).not.toContain('context closed');

    release();
    await closing;
    expect(await rendering).toBeInstanceOf(Uint8Array);
    // The caller's browser stays open; only the renderer's context goes, after the page.
    expect(events).toEqual(['goto', 'loaded', 'page closed', 'context closed']);
  });

  it('does not wait past its timeout for a render that hangs', async () => {
    const { browser, events } = heldBrowser();
    const renderer = new ChromiumPdfRenderer({ browser, timeoutMs: 50 });
    const rendering = renderer.renderPdf('<p>Phiếu</p>', { pageSize: 'A5' });
    await expect(rendering).rejects.toMatchObject({ code: 'PDF_RENDER_TIMEOUT' });
    await renderer.close();
    expect(events).toContain('context closed');
  });
});
