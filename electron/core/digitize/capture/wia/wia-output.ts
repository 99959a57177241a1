import { AppError } from '../../../../../shared/ipc/result';

export type WiaEvent =
  | { event: 'device'; id: string; name: string }
  | { event: 'page'; index: number; path: string }
  | { event: 'error'; hresult: string; message: string }
  | { event: 'done' };

/** One stdout line of the WIA script; anything else PowerShell prints (warnings, banners) is ignored. */
export function parseWiaLine(line: string): WiaEvent | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  try {
    const value = JSON.parse(text) as Partial<Record<string, unknown>>;
    if (value.event === 'device' && typeof value.id === 'string') return { event: 'device', id: value.id, name: typeof value.name === 'string' ? value.name : value.id };
    if (value.event === 'page' && typeof value.path === 'string' && typeof value.index === 'number') return { event: 'page', index: value.index, path: value.path };
    if (value.event === 'error' && typeof value.hresult === 'string') return { event: 'error', hresult: value.hresult.toUpperCase().replace(/^0X/, '0x'), message: String(value.message ?? '') };
    if (value.event === 'done') return { event: 'done' };
  } catch {
    return null;
  }
  return null;
}

/**
 * WIA's HRESULTs (docs/devices.md §1.5). Paper empty after ≥ 1 page is how a feeder batch ends, so it
 * is not an error then.
 */
export function wiaFailure(hresult: string, message: string, scanner: string, pages: number): AppError | null {
  switch (hresult) {
    case '0x80210003':
      return pages > 0 ? null : new AppError('SCANNER_FEEDER_EMPTY', { scanner });
    case '0x80210002':
      return new AppError('SCANNER_JAMMED', { scanner, pages });
    case '0x80210006':
      return new AppError('SCANNER_BUSY', { scanner });
    case '0x80210016':
      return new AppError('SCANNER_COVER_OPEN', { scanner });
    case '0x80210005':
    case '0x80210015':
      return pages > 0 ? new AppError('SCANNER_DISCONNECTED', { scanner, pages }) : new AppError('SCANNER_NOT_FOUND', { scanner });
    default:
      return new AppError('SCANNER_IO_ERROR', { scanner, pages, details: `${hresult} ${message}`.trim() });
  }
}
