import type { Browser, BrowserContext } from 'playwright-core';
import type { PageSize } from '../../../shared/forms';
import { AppError } from '../../../shared/ipc/result';
import { withFormFile } from './form-page-file';
import type { PdfRenderer } from './pdf-renderer';

/**
 * Flags verified with Debian's chromium (docs/architecture.md §10): no sandbox when running as root, and without
 * the networking flags it floods a closed network with update and sync requests.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export interface ChromiumPdfRendererOptions {
  executablePath?: string;
  timeoutMs?: number;
  /** A browser the caller already runs (tests that also take screenshots); the caller closes it. */
  browser?: Browser;
}

interface Session {
  browser: Browser;
  context: BrowserContext;
}

/**
 * Renders form HTML to PDF in headless Chromium, for the harness, the CLI and tests, where there is
 * no Electron. One browser and one context serve every render, since starting either takes most of
 * a second; the context has JavaScript off and no network, like main's print window, so nothing
 * carries over from one page to the next.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private session: Promise<Session> | null = null;
  private readonly timeoutMs: number;
  /** Renders under way, which close() lets finish: a page pulled from under its navigation left a late event that
   * playwright-core threw in the host process ("Object with guid response@… was not bound"). */
  private readonly rendering = new Set<Promise<unknown>>();

  constructor(private readonly options: ChromiumPdfRendererOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async renderPdf(html: string, { pageSize }: { pageSize: PageSize }): Promise<Uint8Array> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('PDF_RENDER_TIMEOUT', { seconds: Math.round(this.timeoutMs / 1000) })), this.timeoutMs);
    });
    try {
      const rendered = this.render(html, pageSize);
      const settled = rendered.catch(() => undefined);
      this.rendering.add(settled);
      void settled.then(() => this.rendering.delete(settled));
      return await Promise.race([rendered, timeout]);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('PDF_RENDER_FAILED', { details: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    const started = session && (await session.catch(() => null));
    if (!started) return;
    // Bounded like a render: one that hangs past its own timeout does not hold the close.
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.rendering), new Promise((resolve) => (bound = setTimeout(resolve, this.timeoutMs)))]);
    clearTimeout(bound);
    await started.context.close();
    if (!this.options.browser) await started.browser.close();
  }

  private start(): Promise<Session> {
    this.session ??= (async () => {
      const browser =
        this.options.browser ??
        // playwright-core takes seconds to import: loaded with the first render, not with the core.
        (await (
          await import('playwright-core')
        ).chromium.launch({
          executablePath: this.options.executablePath ?? process.env.QUAY_CHROMIUM ?? DEFAULT_CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        }));
      try {
        return { browser, context: await browser.newContext({ javaScriptEnabled: false, offline: true }) };
      } catch (error) {
        if (!this.options.browser) await browser.close();
        throw error;
      }
    })().catch((error: unknown) => {
      // A failed start is not kept: the next render tries again.
      this.session = null;
      throw error;
    });
    return this.session;
  }

  private async render(html: string, pageSize: PageSize): Promise<Uint8Array> {
    const { context } = await this.start();
    const page = await context.newPage();
    try {
      // From a file like main's print window (docs/architecture.md §6), so the harness and CLI take the path Electron
      // takes, URL limits included; setContent would hide them.
      await withFormFile(html, (url) => page.goto(url, { waitUntil: 'load', timeout: this.timeoutMs }));
      // The form's @page rule decides; `format` only applies should a document lack one.
      const pdf = await page.pdf({ format: pageSize, preferCSSPageSize: true, printBackground: true });
      return new Uint8Array(pdf);
    } finally {
      await page.close();
    }
  }
}
