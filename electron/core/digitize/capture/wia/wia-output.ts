import { z } from 'zod';
import { AppError } from '../../../../../shared/ipc/result';

export type WiaEvent =
  | { event: 'device'; id: string; name: string }
  | { event: 'page'; index: number; path: string }
  | { event: 'error'; hresult: string; message: string }
  | { event: 'done' };

const wiaLineSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('device'), id: z.string(), name: z.unknown() }),
  z.object({ event: z.literal('page'), index: z.number(), path: z.string() }),
  z.object({ event: z.literal('error'), hresult: z.string(), message: z.unknown() }),
  z.object({ event: z.literal('done') }),
]);

/** One stdout line of the WIA script; anything else PowerShell prints (warnings, banners) is ignored. */
export function parseWiaLine(line: string): WiaEvent | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = wiaLineSchema.safeParse(value);
  if (!parsed.success) return null;
  const wia = parsed.data;
  switch (wia.event) {
    case 'device':
      return { event: 'device', id: wia.id, name: typeof wia.name === 'string' ? wia.name : wia.id };
    case 'page':
      return { event: 'page', index: wia.index, path: wia.path };
    case 'error':
      return { event: 'error', hresult: wia.hresult.toUpperCase().replace(/^0X/, '0x'), message: String(wia.message ?? '') };
    case 'done':
      return { event: 'done' };
  }
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
