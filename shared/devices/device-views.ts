import { z } from 'zod';
import { scannerRefSchema } from '../digitize/page-view';

/** A scan from a HID-POS or serial reader, classified in the core (shared/devices/reader-route.ts). */
export const routedScanSchema = z.object({
  readerId: z.string(),
  text: z.string(),
  symbology: z.string().nullable(),
  kind: z.enum(['cccd', 'cccdRejected', 'dossierCode', 'unknown']),
  dossierCode: z.string().nullable(),
  at: z.string(),
});

export const deviceListSchema = z.object({
  usbPrinters: z.array(z.object({ address: z.string(), name: z.string() })),
  hidReaders: z.array(z.object({ path: z.string(), name: z.string() })),
  serialPorts: z.array(z.object({ path: z.string(), name: z.string() })),
  systemPrinters: z.array(z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean().optional() })),
  readers: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['hid', 'serial']),
      state: z.enum(['connected', 'disconnected']),
      detail: z.string().nullable(),
    }),
  ),
  receiptPrinter: z.object({ configured: z.boolean(), lastOutcome: z.string().nullable(), lastError: z.string().nullable() }),
  recentScans: z.array(routedScanSchema),
  problems: z.array(z.string()),
});

export const slipResultSchema = z.object({ jobId: z.string(), outcome: z.enum(['printed', 'handedOver']), paperNearEnd: z.boolean() });

export const deviceTestInputSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('receiptPrinter') }),
  z.object({ target: z.literal('reader'), seconds: z.number().int().min(1).max(60).default(15) }),
  z.object({ target: z.literal('formPrinter'), pageSize: z.enum(['A5', 'A4']) }),
  /** One page with one of the admin's scan profiles. */
  z.object({ target: z.literal('scanner'), scanner: scannerRefSchema, profileId: z.string().max(64) }),
]);

export const deviceTestResultSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('receiptPrinter'), outcome: z.enum(['printed', 'handedOver']), paperNearEnd: z.boolean() }),
  z.object({ target: z.literal('reader'), scan: routedScanSchema }),
  z.object({ target: z.literal('formPrinter'), printer: z.string().nullable(), printed: z.boolean(), savedPath: z.string().nullable() }),
  z.object({
    target: z.literal('scanner'),
    widthPx: z.number().int(),
    heightPx: z.number().int(),
    resolutionDpi: z.number().nullable(),
    /** JPEG thumbnail of the page as it came off the scanner. */
    thumbnailBase64: z.string(),
  }),
]);

/** What changed, for the status bar: the receipt printer's last result or a reader's connection. */
export const deviceStatusEventSchema = z.object({
  receiptPrinter: z.object({ outcome: z.string().nullable(), error: z.string().nullable() }).optional(),
  reader: z.object({ id: z.string(), state: z.enum(['connected', 'disconnected']) }).optional(),
  /** Something was plugged in or out while the settings screen was showing the lists. */
  plugged: z.literal(true).optional(),
});
