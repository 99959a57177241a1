import type { UsbDeviceSource, UsbPrinterDevice } from './usb-transport';

/**
 * The real USB bus through `usb@3`'s WebUSB API. Loaded on first use so that machines without
 * USB printers never load the native module; `getDevices()` rejects where no USB bus exists.
 */
export function webUsbSource(): UsbDeviceSource {
  let webusb: { getDevices(): Promise<unknown[]> } | null = null;
  return {
    async getDevices() {
      if (!webusb) {
        const { WebUSB } = await import('usb');
        webusb = new WebUSB({ allowAllDevices: true });
      }
      // usb@3's device matches UsbPrinterDevice structurally except for the DOM lib's wider types.
      return (await webusb.getDevices()) as UsbPrinterDevice[];
    },
  };
}
