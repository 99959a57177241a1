import { AppError } from '../../../../shared/ipc/result';
import { isStatusByte } from '../printer-status';
import type { PrinterConnection, PrinterTransport, StatusQuery } from './transport';

/** USB interface class of printers (USB Printer Class 1.1). */
export const PRINTER_CLASS = 7;

/** The slice of `usb@3`'s WebUSB device this transport uses; tests hand in a fake with the same shape. */
export interface UsbPrinterDevice {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName?: string | null;
  readonly manufacturerName?: string | null;
  readonly opened: boolean;
  readonly configuration?: UsbConfigurationLike | null;
  readonly configurations: readonly UsbConfigurationLike[];
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(value: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  transferOut(endpointNumber: number, data: Uint8Array, timeout?: number): Promise<{ bytesWritten: number; status: string }>;
  transferIn(endpointNumber: number, length: number, timeout?: number): Promise<{ data?: DataView; status: string }>;
  /** Linux only: the `usblp` kernel driver owns printer interfaces until it is detached. */
  detachKernelDriver?(interfaceNumber: number): Promise<void>;
}

export interface UsbConfigurationLike {
  configurationValue: number;
  interfaces: readonly {
    interfaceNumber: number;
    alternate: {
      interfaceClass: number;
      endpoints: readonly { endpointNumber: number; direction: 'in' | 'out'; type: string; packetSize: number }[];
    };
  }[];
}

/** Where USB devices come from: `usb@3`'s `WebUSB` in the app, a fake in tests. */
export interface UsbDeviceSource {
  getDevices(): Promise<UsbPrinterDevice[]>;
}

export interface UsbTransportOptions {
  vendorId: number;
  productId: number;
  source: UsbDeviceSource;
  /** Bytes per bulk transfer; small enough for the printer's buffer to drain between them. */
  chunkSize?: number;
  transferTimeoutMs?: number;
  statusTimeoutMs?: number;
}

export interface PrinterEndpoints {
  interfaceNumber: number;
  out: number;
  /** The bulk IN endpoint, where the printer answers `DLE EOT`; null on one-way printers. */
  in: number | null;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function usbLabel(vendorId: number, productId: number): string {
  return `usb:${hex4(vendorId)}:${hex4(productId)}`;
}

/** The first printer-class interface with a bulk OUT endpoint, and its bulk IN endpoint if any. */
export function findPrinterEndpoints(configuration: UsbConfigurationLike): PrinterEndpoints | null {
  for (const iface of configuration.interfaces) {
    if (iface.alternate.interfaceClass !== PRINTER_CLASS) continue;
    const bulk = iface.alternate.endpoints.filter((e) => e.type === 'bulk');
    const out = bulk.find((e) => e.direction === 'out');
    if (!out) continue;
    return {
      interfaceNumber: iface.interfaceNumber,
      out: out.endpointNumber,
      in: bulk.find((e) => e.direction === 'in')?.endpointNumber ?? null,
    };
  }
  return null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** usb@3 (nusb) reports an unplugged device as "device disconnected" and a timed-out transfer as cancelled. */
function transferError(error: unknown, printer: string, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  const message = messageOf(error);
  if (/disconnected|no such device|not found|no_device/i.test(message)) return new AppError('PRINTER_USB_DISCONNECTED', { printer });
  if (/cancel|timed? ?out/i.test(message))
    return new AppError('PRINTER_TIMEOUT', { printer, seconds: Math.max(1, Math.round(timeoutMs / 1000)) });
  return new AppError('PRINTER_FAULT', { printer, details: message.slice(0, 200) });
}

/**
 * A receipt printer on USB through the `usb` package's WebUSB API (docs/devices.md §2.4): the
 * printer-class interface is claimed, the job goes out in chunks on its bulk OUT endpoint and
 * status comes back on bulk IN. On Windows this needs WinUSB; with the vendor driver use the spooler.
 */
export class UsbPrinterTransport implements PrinterTransport {
  readonly label: string;
  private readonly chunkSize: number;
  private readonly transferTimeoutMs: number;
  private readonly statusTimeoutMs: number;

  constructor(private readonly options: UsbTransportOptions) {
    const valid = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xffff;
    if (!valid(options.vendorId) || !valid(options.productId))
      throw new AppError('PRINTER_CONFIG_INVALID', { details: `VID:PID ${options.vendorId}:${options.productId}` });
    this.label = usbLabel(options.vendorId, options.productId);
    this.chunkSize = options.chunkSize ?? 4096;
    if (!Number.isInteger(this.chunkSize) || this.chunkSize < 1)
      throw new AppError('PRINTER_CONFIG_INVALID', { details: `chunk ${this.chunkSize}` });
    this.transferTimeoutMs = options.transferTimeoutMs ?? 10_000;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 2000;
  }

  async open(): Promise<PrinterConnection> {
    let devices: UsbPrinterDevice[];
    try {
      devices = await this.options.source.getDevices();
    } catch (error) {
      throw new AppError('PRINTER_USB_UNAVAILABLE', { details: messageOf(error).slice(0, 200) });
    }
    const device = devices.find((d) => d.vendorId === this.options.vendorId && d.productId === this.options.productId);
    if (!device) throw new AppError('PRINTER_OFFLINE', { printer: this.label });
    try {
      if (!device.opened) await device.open();
      if (!device.configuration) await device.selectConfiguration(device.configurations[0]?.configurationValue ?? 1);
    } catch (error) {
      throw this.accessError(error);
    }
    const endpoints = device.configuration ? findPrinterEndpoints(device.configuration) : null;
    if (!endpoints) {
      await device.close().catch(() => undefined);
      throw new AppError('PRINTER_USB_NOT_PRINTER', { printer: this.label });
    }
    await this.claim(device, endpoints.interfaceNumber);
    return new UsbConnection(device, endpoints, this.label, this.chunkSize, this.transferTimeoutMs, this.statusTimeoutMs);
  }

  private async claim(device: UsbPrinterDevice, interfaceNumber: number): Promise<void> {
    try {
      await device.claimInterface(interfaceNumber);
      return;
    } catch (first) {
      if (!device.detachKernelDriver || !/busy|kernel driver/i.test(messageOf(first))) {
        await device.close().catch(() => undefined);
        throw this.accessError(first);
      }
    }
    try {
      await device.detachKernelDriver(interfaceNumber);
      await device.claimInterface(interfaceNumber);
    } catch (second) {
      await device.close().catch(() => undefined);
      throw this.accessError(second);
    }
  }

  private accessError(error: unknown): AppError {
    const message = messageOf(error);
    if (/disconnected|no such device/i.test(message)) return new AppError('PRINTER_USB_DISCONNECTED', { printer: this.label });
    return new AppError('PRINTER_USB_ACCESS_DENIED', { printer: this.label, details: message.slice(0, 200) });
  }
}

class UsbConnection implements PrinterConnection {
  readonly queryStatus: ((query: StatusQuery) => Promise<number>) | null;
  private closed = false;

  constructor(
    private readonly device: UsbPrinterDevice,
    private readonly endpoints: PrinterEndpoints,
    private readonly label: string,
    private readonly chunkSize: number,
    private readonly transferTimeoutMs: number,
    private readonly statusTimeoutMs: number,
  ) {
    this.queryStatus = endpoints.in === null ? null : (query) => this.status(query);
  }

  async write(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const chunk = bytes.subarray(offset, Math.min(offset + this.chunkSize, bytes.length));
      let result: { bytesWritten: number; status: string };
      try {
        result = await this.device.transferOut(this.endpoints.out, chunk, this.transferTimeoutMs);
      } catch (error) {
        throw transferError(error, this.label, this.transferTimeoutMs);
      }
      if (result.status !== 'ok') throw new AppError('PRINTER_FAULT', { printer: this.label, details: `USB ${result.status}` });
      // A short write is legal on bulk endpoints: the rest goes in the next transfer.
      if (result.bytesWritten <= 0) throw new AppError('PRINTER_FAULT', { printer: this.label, details: 'USB 0 bytes' });
      offset += result.bytesWritten;
    }
  }

  private async status(query: StatusQuery): Promise<number> {
    await this.write(Uint8Array.of(0x10, 0x04, query));
    const inEndpoint = this.endpoints.in!;
    const deadline = Date.now() + this.statusTimeoutMs;
    while (Date.now() < deadline) {
      let answer: { data?: DataView; status: string };
      try {
        answer = await this.device.transferIn(inEndpoint, 64, Math.max(1, deadline - Date.now()));
      } catch (error) {
        const mapped = transferError(error, this.label, this.statusTimeoutMs);
        if (mapped.code === 'PRINTER_TIMEOUT') break;
        throw mapped;
      }
      const data = answer.data;
      if (!data) continue;
      for (let i = 0; i < data.byteLength; i++) {
        // Automatic status blocks and other unsolicited bytes are skipped, not read as an answer.
        if (isStatusByte(data.getUint8(i))) return data.getUint8(i);
      }
    }
    throw new AppError('PRINTER_NO_STATUS', { printer: this.label });
  }

  async finish(): Promise<void> {
    await this.release();
  }

  abort(): void {
    void this.release().catch(() => undefined);
  }

  private async release(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Releasing an unplugged device fails; the job has already been judged by then.
    await this.device.releaseInterface(this.endpoints.interfaceNumber).catch(() => undefined);
    await this.device.close().catch(() => undefined);
  }
}
