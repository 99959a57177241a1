import { HID_POS_USAGE_PAGE, HidPosAssembler, stripReportId } from './hid-pos-report';
import type { BarcodeReader, ReaderCallbacks } from './reader';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  product?: string;
  manufacturer?: string;
  usagePage?: number;
}

export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

/** node-hid's async API (never the blocking one: enumeration can take seconds on Windows). */
export interface HidPort {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

/** node-hid, loaded on first use: it needs libusb-1.0 on Linux and throws without it. */
export function nodeHidPort(): HidPort {
  const load = () => import('node-hid');
  return {
    async devices() {
      return (await load()).devicesAsync();
    },
    async open(path) {
      return (await load()).HIDAsync.open(path);
    },
  };
}

/** HID-POS readers among the HID devices: the bar code scanner usage page (keyboard-mode readers are not here). */
export async function hidPosDevices(port: HidPort): Promise<HidDeviceInfo[]> {
  return (await port.devices()).filter((d) => d.usagePage === HID_POS_USAGE_PAGE && d.path);
}

/** One HID-POS reader by its OS path; reports are joined into whole scans before decoding. */
export class HidPosReader implements BarcodeReader {
  private handle: HidHandle | null = null;
  private readonly assembler = new HidPosAssembler();

  constructor(
    readonly id: string,
    private readonly path: string,
    private readonly port: HidPort,
    private readonly callbacks: ReaderCallbacks,
  ) {}

  async start(): Promise<void> {
    const handle = await this.port.open(this.path);
    this.handle = handle;
    handle.on('data', (data) => {
      const report = stripReportId(new Uint8Array(data));
      const scan = report && this.assembler.push(report);
      if (scan) this.callbacks.onScan({ readerId: this.id, text: scan.text, symbology: scan.symbology || null });
    });
    handle.on('error', (error) => {
      this.assembler.reset();
      this.handle = null;
      this.callbacks.onState(this.id, 'disconnected', error.message);
    });
    this.callbacks.onState(this.id, 'connected');
  }

  async stop(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }
}
