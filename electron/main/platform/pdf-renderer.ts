import type { PageSize } from '../../../shared/forms';
import { withFormFile } from '../../core/platform/form-page-file';
import { hiddenPrintWindow } from './form-print';

/** A print that has not finished by then is stuck (Electron issues #20634, #22365); the window goes. */
export const PDF_WINDOW_TIMEOUT_MS = 30_000;

const NO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };

/**
 * Prints a form's HTML to PDF in a throw-away hidden window, sandboxed, with JavaScript off, since
 * the form is data rendered by the core and needs none. The page size is passed explicitly because
 * printToPDF defaults to Letter (docs/devices.md §2.5); the form's @page rule, which preferCSSPageSize
 * honours, says the same. Margins are zero because the form's @page rule carries its own and
 * Electron would otherwise add 0.4 inch on every side (lib/browser/print-to-pdf.ts), which the
 * Chromium host the harness and CLI use does not. The window is destroyed whatever happens.
 */
export async function renderPdfInWindow(
  html: string,
  options: { pageSize: PageSize },
  timeoutMs = PDF_WINDOW_TIMEOUT_MS,
): Promise<Uint8Array> {
  const window = hiddenPrintWindow();
  let timer: NodeJS.Timeout | undefined;
  try {
    const printed = (async () => {
      await withFormFile(html, (url) => window.loadURL(url));
      return window.webContents.printToPDF({
        pageSize: options.pageSize,
        printBackground: true,
        preferCSSPageSize: true,
        margins: NO_MARGINS,
      });
    })();
    // Once the timeout has won, the abandoned print fails as its window is destroyed; nobody waits for it.
    printed.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`printToPDF did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    return new Uint8Array(await Promise.race([printed, timeout]));
  } finally {
    clearTimeout(timer);
    if (!window.isDestroyed()) window.destroy();
  }
}
