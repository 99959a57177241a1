import { z } from 'zod';
import { paperWidths } from '../printing/slip-layout';

/** How the receipt printer is reached; the CLI writes the same as `tcp://host:port`, `cups:NAME`, `usb:VID:PID`. */
export const receiptTransportSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tcp'),
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(9100),
    statusQuery: z.boolean().default(true),
  }),
  z.object({ kind: z.literal('cups'), queue: z.string().trim().min(1).max(127) }),
  z.object({ kind: z.literal('usb'), vendorId: z.number().int().min(0).max(0xffff), productId: z.number().int().min(0).max(0xffff) }),
  /** A printer installed with its vendor driver (Windows), printed to through the driver by its system name. */
  z.object({ kind: z.literal('driver'), printer: z.string().trim().min(1).max(200) }),
]);

export const receiptPrinterSchema = z.object({
  paper: z.enum(paperWidths).default('80mm'),
  qr: z.enum(['native', 'raster']).default('raster'),
  transport: receiptTransportSchema,
});

/** A system printer (its OS `name`) for the A5 forms and one for the A4 register; copies come from the form. */
export const formPrintersSchema = z.object({
  A5: z.string().trim().max(200).nullable().default(null),
  A4: z.string().trim().max(200).nullable().default(null),
});

export const readerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hid'), id: z.string().max(100), path: z.string().min(1).max(500) }),
  z.object({
    kind: z.literal('serial'),
    id: z.string().max(100),
    path: z.string().min(1).max(500),
    baudRate: z.number().int().min(1200).max(921600).default(9600),
    /** `\r`, `\n`, `\r\n` or any short marker the reader is set to send. */
    terminator: z.string().min(1).max(4).default('\r'),
  }),
]);

/** Keyboard-wedge timing and framing, per site (docs/devices.md §3.4). */
export const wedgeSettingsSchema = z.object({
  minLength: z.number().int().min(3).max(64).default(8),
  maxGapMs: z.number().int().min(5).max(200).default(35),
  /** Characters the reader is set to send before / after each scan; removed from what was read. */
  prefix: z.string().max(8).default(''),
  suffix: z.string().max(8).default(''),
});

export const deviceSettingsSchema = z.object({
  receiptPrinter: receiptPrinterSchema.nullable().default(null),
  formPrinters: formPrintersSchema.default({ A5: null, A4: null }),
  readers: z.array(readerSchema).max(8).default([]),
  wedge: wedgeSettingsSchema.default({ minLength: 8, maxGapMs: 35, prefix: '', suffix: '' }),
});

export type ReceiptTransportSettings = z.output<typeof receiptTransportSchema>;
export type ReceiptPrinterSettings = z.output<typeof receiptPrinterSchema>;
export type ReaderSettings = z.output<typeof readerSchema>;
export type WedgeSettings = z.output<typeof wedgeSettingsSchema>;
export type DeviceSettings = z.output<typeof deviceSettingsSchema>;

/** Parses a printer address as site IT types it; null when it is none of the known forms. */
export function parsePrinterAddress(text: string): ReceiptTransportSettings | { kind: 'file'; path: string } | null {
  const value = text.trim();
  const tcp = /^tcp:\/\/([^:/\s]+)(?::(\d{1,5}))?\/?$/i.exec(value);
  if (tcp) {
    const port = tcp[2] ? Number(tcp[2]) : 9100;
    return port >= 1 && port <= 65535 ? { kind: 'tcp', host: tcp[1]!, port, statusQuery: true } : null;
  }
  const cups = /^cups:([^\s/#\\]{1,127})$/i.exec(value);
  if (cups && !cups[1]!.startsWith('-')) return { kind: 'cups', queue: cups[1]! };
  const usb = /^usb:([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(value);
  if (usb) return { kind: 'usb', vendorId: parseInt(usb[1]!, 16), productId: parseInt(usb[2]!, 16) };
  const driver = /^driver:(.{1,200})$/i.exec(value);
  if (driver && driver[1]!.trim()) return { kind: 'driver', printer: driver[1]!.trim() };
  const file = /^file:(.+)$/i.exec(value);
  if (file) return { kind: 'file', path: file[1]! };
  return null;
}
