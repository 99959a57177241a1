import type { UsbConfigurationLike, UsbDeviceSource, UsbPrinterDevice } from '../../electron/core/printing/transports/usb-transport';
import { PRINTER_STATES, type StatusBytes } from '../peers/escpos-tcp-peer';

/**
 * A USB receipt printer as `usb@3`'s WebUSB API shows it: a configuration with a HID interface
 * first and the printer-class interface (bulk OUT 2, bulk IN 1) second, every transfer recorded,
 * `DLE EOT` answered on bulk IN, and faults that real devices produce with usb@3's own messages.
 */
export class FakeUsbPrinter implements UsbPrinterDevice {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName = 'POS-80 USB';
  readonly manufacturerName = 'Fake';
  opened = false;
  configuration: UsbConfigurationLike | null = null;
  readonly configurations: UsbConfigurationLike[];
  claimed = new Set<number>();
  /** Each bulk OUT transfer as it arrived. */
  readonly transfers: { endpoint: number; bytes: Uint8Array }[] = [];
  status: StatusBytes = PRINTER_STATES.ready;
  /** The printer stops answering `DLE EOT`. */
  silent = false;
  /** `usblp` holds the interface until detached (Linux). */
  kernelDriverAttached = false;
  /** The cable comes out once this many job bytes have arrived. */
  unplugAfterBytes: number | null = null;
  /** The device accepts at most this many bytes per transfer (a short write). */
  maxPerTransfer = Infinity;
  /** Every transfer stalls. */
  stall = false;
  unplugged = false;
  private pendingAnswers: number[] = [];
  private received = 0;

  constructor(options: { vendorId?: number; productId?: number; withBulkIn?: boolean; printerInterface?: boolean } = {}) {
    this.vendorId = options.vendorId ?? 0x0416;
    this.productId = options.productId ?? 0x5011;
    const printerEndpoints = [
      ...(options.withBulkIn === false ? [] : [{ endpointNumber: 1, direction: 'in' as const, type: 'bulk', packetSize: 64 }]),
      { endpointNumber: 2, direction: 'out' as const, type: 'bulk', packetSize: 64 },
    ];
    this.configurations = [
      {
        configurationValue: 1,
        interfaces: [
          {
            interfaceNumber: 0,
            alternate: { interfaceClass: 3, endpoints: [{ endpointNumber: 3, direction: 'out', type: 'bulk', packetSize: 64 }] },
          },
          ...(options.printerInterface === false
            ? []
            : [{ interfaceNumber: 1, alternate: { interfaceClass: 7, endpoints: printerEndpoints } }]),
        ],
      },
    ];
  }

  /** Every job byte written, in order. */
  written(): Uint8Array {
    return Buffer.concat(this.transfers.map((t) => t.bytes));
  }

  private check(operation: string): void {
    if (this.unplugged) throw new Error(`${operation} error: device disconnected`);
  }

  async open(): Promise<void> {
    this.check('open');
    this.opened = true;
  }

  async close(): Promise<void> {
    this.opened = false;
    this.claimed.clear();
  }

  async selectConfiguration(value: number): Promise<void> {
    this.check('selectConfiguration');
    this.configuration = this.configurations.find((c) => c.configurationValue === value) ?? null;
  }

  async claimInterface(n: number): Promise<void> {
    this.check('claimInterface');
    if (!this.opened) throw new Error('claimInterface error: invalid state');
    if (this.kernelDriverAttached) throw new Error('claimInterface error: interface is busy');
    this.claimed.add(n);
  }

  async releaseInterface(n: number): Promise<void> {
    this.check('releaseInterface');
    this.claimed.delete(n);
  }

  async detachKernelDriver(): Promise<void> {
    this.kernelDriverAttached = false;
  }

  async transferOut(endpoint: number, data: Uint8Array): Promise<{ bytesWritten: number; status: string }> {
    this.check('transferOut');
    if (!this.claimed.has(1) || endpoint !== 2) throw new Error('transferOut error: endpoint not found');
    if (this.stall) return { bytesWritten: 0, status: 'stall' };
    const isQuery = data.length === 3 && data[0] === 0x10 && data[1] === 0x04;
    let take = Math.min(data.length, this.maxPerTransfer);
    if (!isQuery && this.unplugAfterBytes !== null && this.received + take >= this.unplugAfterBytes) {
      take = this.unplugAfterBytes - this.received;
      this.transfers.push({ endpoint, bytes: data.slice(0, take) });
      this.received += take;
      this.unplugged = true;
      throw new Error('transferOut error: device disconnected');
    }
    this.transfers.push({ endpoint, bytes: data.slice(0, take) });
    if (isQuery) {
      if (!this.silent)
        this.pendingAnswers.push([this.status.printer, this.status.offlineCause, this.status.errorCause, this.status.paper][data[2]! - 1]!);
    } else this.received += take;
    return { bytesWritten: take, status: 'ok' };
  }

  async transferIn(endpoint: number, length: number): Promise<{ data?: DataView; status: string }> {
    this.check('transferIn');
    if (endpoint !== 1) throw new Error('transferIn error: endpoint not found');
    // Like a real bulk IN with nothing to say: the transfer times out and usb@3 cancels it.
    if (this.pendingAnswers.length === 0) throw new Error('transferIn error: transfer was cancelled');
    const answer = Uint8Array.from(this.pendingAnswers.splice(0, length));
    return { data: new DataView(answer.buffer), status: 'ok' };
  }
}

export function fakeUsbSource(...devices: UsbPrinterDevice[]): UsbDeviceSource & { reject: Error | null } {
  return {
    reject: null,
    async getDevices() {
      if (this.reject) throw this.reject;
      return devices;
    },
  };
}
