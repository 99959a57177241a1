import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { printHtmlSilently } from '../../electron/main/platform/form-print';
import { renderPdfInWindow } from '../../electron/main/platform/pdf-renderer';
import { renderForm } from '../../shared/forms';
import { BrowserWindow, resetFakeElectron } from '../fakes/electron';
import { dossier, site } from '../helpers/form-fixtures';

/**
 * Issue 17 finding 9: forms went to the print window as `data:` URLs, which Chromium refuses over 2 MB (the fake
 * electron module refuses them as Electron's LoadURL does), so a register of a busy month could not be printed.
 */
const ROWS = 5_000;

function bigRegister(): string {
  const template = dossier();
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    ...template,
    id: `row-${i}`,
    code: `000.00.06.H56-260423-${String(i + 1).padStart(4, '0')}`,
    register: { book: 'b2026', number: i + 1 },
  }));
  return renderForm('register', '2018', { site, rows, fromLocal: '2026-04-01', toLocal: '2026-04-30' }).html;
}

describe('printing a 5,000-row register (finding 9)', () => {
  let html: string;
  beforeEach(() => {
    resetFakeElectron();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    html ??= bigRegister();
  });

  it('is larger than the 2 MB a URL may carry', () => {
    expect(encodeURIComponent(html).length).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('prints silently: the window loads the whole form from a private file, removed afterwards', async () => {
    await printHtmlSilently(html, { pageSize: 'A4', deviceName: 'HP_A4', copies: 1 });
    const window = BrowserWindow.instances[0]!;
    expect(window.loadedUrl).toMatch(/^file:/);
    expect(window.loadedHtml).toBe(html);
    expect(window.webContents.printCalls).toHaveLength(1);
    expect(fs.existsSync(fileURLToPath(window.loadedUrl!))).toBe(false);
  });

  it('renders to PDF the same way', async () => {
    const pdf = await renderPdfInWindow(html, { pageSize: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(0);
    const window = BrowserWindow.instances[0]!;
    expect(window.loadedHtml).toBe(html);
    expect(fs.existsSync(fileURLToPath(window.loadedUrl!))).toBe(false);
  });
});
