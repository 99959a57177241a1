import type { PageSize } from '../../../shared/forms';
import { CupsSystemPrinters } from '../printing/form-printers/cups-system-printers';
import { PdfFilePrinter } from '../printing/form-printers/pdf-file-printer';
import { CupsFormPrinter } from '../printing/form-printers/cups-form-printer';
import { webUsbSource } from '../printing/transports/usb-device-source';
import type { Clock } from '../platform/clock';
import type { FormPrinter, HostFormPrint } from '../printing/form-printers/form-printer';
import { HostFormPrinter } from '../printing/form-printers/host-form-printer';
import { nodeHidPort, type HidPort } from './readers/hid-pos-reader';
import type { UsbDeviceSource } from '../printing/transports/usb-transport';
import type { SystemPrinters } from '../printing/form-printers/system-printers';

/** The buses and the OS printer list the device service reads; fakes in tests. */
export interface DevicePorts {
  usb: UsbDeviceSource;
  hid: HidPort;
  serialPorts: () => Promise<{ path: string; manufacturer?: string }[]>;
  systemPrinters: SystemPrinters;
}

/** The real buses and the OS printer list; each native module loads only when first asked. */
export function defaultDevicePorts(): DevicePorts {
  return {
    usb: webUsbSource(),
    hid: nodeHidPort(),
    serialPorts: async () => (await import('serialport')).SerialPort.list(),
    systemPrinters: new CupsSystemPrinters(),
  };
}

/**
 * Forms always keep their PDF, then go to the printer chosen for their page size: through Electron's
 * silent print where the host offers it (the app, every OS), else through CUPS on Linux (CLI and
 * harness). Without either they stay PDFs.
 */
export function formPrinterFor(
  platform: NodeJS.Platform,
  options: { dataDir: string; clock: Clock; queue: (pageSize: PageSize) => string | null; hostPrint?: HostFormPrint },
): FormPrinter {
  const keep = new PdfFilePrinter({ dataDir: options.dataDir, clock: options.clock });
  const { hostPrint } = options;
  if (hostPrint) return new HostFormPrinter({ keep, print: hostPrint, printerFor: (job) => options.queue(job.pageSize) });
  if (platform !== 'linux') return keep;
  return new CupsFormPrinter({ keep, queueFor: (job) => options.queue(job.pageSize) });
}
