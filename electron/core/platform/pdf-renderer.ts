import type { PageSize } from '../../../shared/forms';

/**
 * Turns a form's HTML into a PDF. Electron main does it with printToPDF in production; the harness,
 * the CLI and tests use headless Chromium, the same engine.
 */
export interface PdfRenderer {
  renderPdf(html: string, options: { pageSize: PageSize }): Promise<Uint8Array>;
}
