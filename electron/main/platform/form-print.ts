import { BrowserWindow } from 'electron';
import { PAGE_ORIENTATION } from '../../../shared/forms';
import type { HostPageSize } from '../../core/printing/form-printers/form-printer';
import { withFormFile } from '../../core/platform/form-page-file';

/** A print that has not called back by then is stuck (Electron issue #22365); the window goes. */
export const PRINT_WINDOW_TIMEOUT_MS = 60_000;

export interface FormPrintOptions {
  /** A form's paper, or a thermal slip's exact size when printed through a vendor driver. */
  pageSize: HostPageSize;
  /** The printer's system `name` (not its display name): Electron ignores anything else (docs/devices.md §2.5). */
  deviceName: string;
  copies: number;
  /** Margins in pixels; the forms carry their own margins in CSS, so none by default. */
  margins?: { top: number; bottom: number; left: number; right: number };
  /** False shows the system dialog: the preview fallback when silent printing misbehaves. */
  silent?: boolean;
}

/**
 * getPrintersAsync gives name, displayName, description and options only (Electron's
 * electron_api_printing.cc); which printer is the OS default is not among them, so it is not claimed.
 */
export interface SystemPrinterInfo {
  name: string;
  displayName: string;
}

/**
 * A plain hidden window: printing from an offscreen (OSR) one renders through a different
 * compositor path than the windows the forms were checked in, for no benefit here.
 */
export function hiddenPrintWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 800,
    height: 1100,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    },
  });
}

/**
 * Electron's options for one form, everything explicit: printer defaults give Letter or tiny output
 * (#9780). `usePrinterDefaultPageSize` is left out: since Electron 42 print() throws when it is
 * present alongside pageSize, whatever its value. Orientation comes from the form's paper (the
 * register is A4 landscape); a thermal slip is portrait.
 */
export function electronPrintOptions(options: FormPrintOptions): Record<string, unknown> {
  if (!options.deviceName.trim()) throw new Error('a form printer needs a deviceName');
  if (!Number.isInteger(options.copies) || options.copies < 1 || options.copies > 20)
    throw new Error(`copies must be 1–20, not ${options.copies}`);
  const { pageSize } = options;
  return {
    silent: options.silent ?? true,
    printBackground: true,
    deviceName: options.deviceName,
    copies: options.copies,
    collate: true,
    pageSize: typeof pageSize === 'string' ? pageSize : { width: pageSize.widthMicrons, height: pageSize.heightMicrons },
    landscape: typeof pageSize === 'string' && PAGE_ORIENTATION[pageSize] === 'landscape',
    margins: options.margins ? { marginType: 'custom', ...options.margins } : { marginType: 'none' },
  };
}

/**
 * Prints a form's HTML silently to a named printer from a throw-away hidden window, with the page
 * size, copies and margins stated explicitly. Resolves once Electron reports the job spooled.
 */
export async function printHtmlSilently(html: string, options: FormPrintOptions, timeoutMs = PRINT_WINDOW_TIMEOUT_MS): Promise<void> {
  const printOptions = electronPrintOptions(options);
  const window = hiddenPrintWindow();
  let timer: NodeJS.Timeout | undefined;
  try {
    await withFormFile(html, (url) => window.loadURL(url));
    const printed = new Promise<void>((resolve, reject) => {
      window.webContents.print(printOptions, (success: boolean, failureReason: string) => {
        if (success) resolve();
        else reject(new Error(failureReason || 'Print job failed'));
      });
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`print did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([printed, timeout]);
  } finally {
    clearTimeout(timer);
    if (!window.isDestroyed()) window.destroy();
  }
}

/** The OS's printers as Electron sees them (CUPS on Linux/macOS, the spooler on Windows). */
export async function listSystemPrinters(): Promise<SystemPrinterInfo[]> {
  const window = hiddenPrintWindow();
  try {
    const printers = await window.webContents.getPrintersAsync();
    return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name }));
  } finally {
    if (!window.isDestroyed()) window.destroy();
  }
}
