import { SerialPort } from 'serialport';
import type { PageSize } from '../../../shared/forms';
import { CupsSystemPrinters } from '../adapters/cups-system-printers';
import { PdfFilePrinter } from '../adapters/pdf-file-printer';
import { CupsFormPrinter } from '../printing/forms/cups-form-printer';
import { webUsbSource } from '../printing/transports/usb-device-source';
import type { Clock } from '../ports/clock';
import type { FormPrinter } from '../ports/form-printer';
import type { DeviceServiceDeps } from '../services/device-service';
import { nodeHidPort } from './readers/hid-pos-reader';

export type DevicePorts = Pick<DeviceServiceDeps, 'usb' | 'hid' | 'serialPorts' | 'systemPrinters'>;

/** The real buses and the OS printer list; each native module loads only when first asked. */
export function defaultDevicePorts(): DevicePorts {
  return { usb: webUsbSource(), hid: nodeHidPort(), serialPorts: () => SerialPort.list(), systemPrinters: new CupsSystemPrinters() };
}

/**
 * Forms always keep their PDF; on Linux they then go to the CUPS queue chosen for their page size.
 * Elsewhere the Electron print path (electron/main/platform/form-print.ts) is the one to use.
 */
export function formPrinterFor(platform: NodeJS.Platform, options: { dataDir: string; clock: Clock; queue: (pageSize: PageSize) => string | null }): FormPrinter {
  const keep = new PdfFilePrinter({ dataDir: options.dataDir, clock: options.clock });
  if (platform !== 'linux') return keep;
  return new CupsFormPrinter({ keep, queueFor: (job) => options.queue(job.pageSize) });
}
