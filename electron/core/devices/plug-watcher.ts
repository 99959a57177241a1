import type { DeviceInventory } from './device-inventory';

export interface PlugWatcherOptions {
  /** What is plugged in now (USB printers, HID-POS readers, COM ports, OS printers). */
  inventory: () => Promise<DeviceInventory>;
  onChange: () => void;
  intervalMs: number;
  /** The watch stops this long after the last `watch()` call: nobody is looking at the lists. */
  windowMs: number;
  now: () => number;
}

function fingerprint(found: DeviceInventory): string {
  return JSON.stringify([found.usbPrinters, found.hidReaders, found.serialPorts, found.systemPrinters.map((p) => p.name)]);
}

/**
 * Plug and unplug as the settings screen sees it. Neither node-hid nor serialport report hot-plug,
 * and usb@3 does not where no udev is, so the lists are compared every few seconds — but only
 * while a window is showing them, so an idle counter never probes its buses.
 */
export class PlugWatcher {
  private timer: NodeJS.Timeout | null = null;
  private watchedUntil = 0;
  private last: string | null = null;
  private busy = false;

  constructor(private readonly options: PlugWatcherOptions) {}

  /** Keeps the watch going for the next `windowMs`; starts it if needed. */
  watch(current: DeviceInventory): void {
    this.last = fingerprint(current);
    this.watchedUntil = this.options.now() + this.options.windowMs;
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async tick(): Promise<void> {
    if (this.options.now() > this.watchedUntil) return this.stop();
    if (this.busy) return;
    this.busy = true;
    try {
      const now = fingerprint(await this.options.inventory());
      if (this.last !== null && now !== this.last) this.options.onChange();
      this.last = now;
    } finally {
      this.busy = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
