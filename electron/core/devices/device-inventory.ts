import { formatMessage, uiText } from '../../../shared/i18n/vi';
import { PRINTER_CLASS, usbLabel } from '../printing/transports/usb-transport';
import type { DevicePorts } from './device-ports';
import { hidPosDevices } from './readers/hid-pos-reader';

export interface DeviceInventory {
  usbPrinters: { address: string; name: string }[];
  hidReaders: { path: string; name: string }[];
  serialPorts: { path: string; name: string }[];
  systemPrinters: { name: string; displayName: string; isDefault?: boolean }[];
  problems: string[];
}

/** What is plugged in, read without the database; a bus that cannot be read is a problem line, not a failure. */
export async function inventory(ports: DevicePorts): Promise<DeviceInventory> {
  const problems: string[] = [];
  // The Devices tab shows these to the site's IT person: what could not be read and what still works,
  // in Vietnamese, with the system's own words kept last for a technician (issue 13 point 10).
  const attempt = async <T>(
    work: () => Promise<T[]>,
    what: Exclude<keyof typeof uiText.devices.inventoryProblems, 'details'>,
  ): Promise<T[]> => {
    try {
      return await work();
    } catch (error) {
      const details = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      problems.push(`${uiText.devices.inventoryProblems[what]} ${formatMessage(uiText.devices.inventoryProblems.details, { details })}`);
      return [];
    }
  };
  const [usb, hid, serial, system] = await Promise.all([
    attempt(() => ports.usb.getDevices(), 'USB'),
    attempt(() => hidPosDevices(ports.hid), 'HID'),
    attempt(() => ports.serialPorts(), 'COM'),
    attempt(() => ports.systemPrinters.list(), 'OS'),
  ]);
  return {
    usbPrinters: usb
      .filter((d) => d.configurations.some((c) => c.interfaces.some((i) => i.alternate.interfaceClass === PRINTER_CLASS)))
      .map((d) => ({ address: usbLabel(d.vendorId, d.productId), name: [d.manufacturerName, d.productName].filter(Boolean).join(' ') })),
    hidReaders: hid.map((d) => ({ path: d.path!, name: [d.manufacturer, d.product].filter(Boolean).join(' ') })),
    serialPorts: serial.map((p) => ({ path: p.path, name: p.manufacturer ?? '' })),
    systemPrinters: system,
    problems,
  };
}
