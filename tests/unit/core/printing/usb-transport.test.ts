import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReceiptPrinter } from '../../../../electron/core/printing/receipt-printer';
import { SlipRenderer } from '../../../../electron/core/printing/slip-renderer';
import { findPrinterEndpoints, UsbPrinterTransport } from '../../../../electron/core/printing/transports/usb-transport';
import { receivedSlip } from '../../../../shared/printing/slip-layout';
import { fakeUsbSource, FakeUsbPrinter } from '../../../fakes/webusb-printer';
import { dossier, site } from '../../../helpers/form-fixtures';
import { repoRoot } from '../../../helpers/test-core';
import { PRINTER_STATES, StreamParser } from '../../../peers/escpos-tcp-peer';

const renderer = new SlipRenderer(path.join(repoRoot, 'build', 'fonts'));
const blocks = receivedSlip(site, dossier(), '80mm');

function setup(device = new FakeUsbPrinter(), options: { chunkSize?: number } = {}) {
  const transport = new UsbPrinterTransport({
    vendorId: 0x0416,
    productId: 0x5011,
    source: fakeUsbSource(device),
    statusTimeoutMs: 200,
    ...options,
  });
  return { device, transport, printer: new ReceiptPrinter(renderer, transport, { paper: '80mm', qr: 'native' }) };
}

describe('USB transport: endpoint selection', () => {
  it('picks the printer-class interface and its bulk endpoints, skipping other classes', () => {
    const device = new FakeUsbPrinter();
    expect(findPrinterEndpoints(device.configurations[0]!)).toEqual({ interfaceNumber: 1, out: 2, in: 1 });
  });

  it('a one-way printer has no IN endpoint: no status, the job is only handed over', async () => {
    const { device, printer } = setup(new FakeUsbPrinter({ withBulkIn: false }));
    const result = await printer.print(blocks);
    expect(result.outcome).toBe('handedOver');
    expect(device.transfers.every((t) => t.endpoint === 2)).toBe(true);
  });

  it('a device without a printer interface is refused with a clear message', async () => {
    const { printer } = setup(new FakeUsbPrinter({ printerInterface: false }));
    await expect(printer.print(blocks)).rejects.toMatchObject({
      code: 'PRINTER_USB_NOT_PRINTER',
      message: expect.stringContaining('usb:0416:5011'),
    });
  });

  it('detaches the usblp kernel driver when it holds the interface (Linux)', async () => {
    const device = new FakeUsbPrinter();
    device.kernelDriverAttached = true;
    expect((await setup(device).printer.print(blocks)).outcome).toBe('printed');
  });

  it('no such device plugged in: PRINTER_OFFLINE; no USB bus at all: PRINTER_USB_UNAVAILABLE', async () => {
    const other = new FakeUsbPrinter({ productId: 0x9999 });
    await expect(setup(other).printer.print(blocks)).rejects.toMatchObject({ code: 'PRINTER_OFFLINE' });
    const source = fakeUsbSource();
    source.reject = new Error('getDevices error: /sys/bus/usb/devices/ not found (errno 2)');
    const transport = new UsbPrinterTransport({ vendorId: 0x0416, productId: 0x5011, source });
    await expect(transport.open()).rejects.toMatchObject({
      code: 'PRINTER_USB_UNAVAILABLE',
      message: expect.stringContaining('/sys/bus/usb'),
    });
  });

  it('rejects an impossible VID:PID in the settings', () => {
    expect(() => new UsbPrinterTransport({ vendorId: 0x10000, productId: 1, source: fakeUsbSource() })).toThrow(
      expect.objectContaining({ code: 'PRINTER_CONFIG_INVALID' }),
    );
  });
});

describe('USB transport: the job', () => {
  it('sends the slip in chunks no larger than asked, and it decodes pixel for pixel', async () => {
    const { device, printer } = setup(undefined, { chunkSize: 512 });
    const prepared = printer.prepare(blocks);
    const result = await printer.print(blocks);
    expect(result).toEqual({ outcome: 'printed', paperNearEnd: false, bytes: prepared.bytes.length });
    const jobTransfers = device.transfers.filter((t) => t.bytes.length !== 3 || t.bytes[0] !== 0x10);
    expect(Math.max(...jobTransfers.map((t) => t.bytes.length))).toBe(512);
    expect(jobTransfers.reduce((n, t) => n + t.bytes.length, 0)).toBe(prepared.bytes.length);

    const parser = new StreamParser(() => undefined);
    parser.feed(Buffer.from(device.written()));
    const image = parser.image();
    const rasters = prepared.parts.flatMap((p) => (p.kind === 'raster' ? [p.bitmap.data] : []));
    expect(Buffer.from(image.data).equals(Buffer.concat(rasters))).toBe(true);
    expect(parser.job.statusQueries).toEqual([1, 2, 4, 1, 2, 4]);
    expect(parser.job.cut).toBe(true);
    // The interface is given back and the device closed after the job.
    expect(device.claimed.size).toBe(0);
    expect(device.opened).toBe(false);
  });

  it('continues after a short write instead of losing the rest of the chunk', async () => {
    const device = new FakeUsbPrinter();
    device.maxPerTransfer = 100;
    const { printer } = setup(device, { chunkSize: 4096 });
    const prepared = printer.prepare(blocks);
    await printer.print(blocks);
    const parser = new StreamParser(() => undefined);
    parser.feed(Buffer.from(device.written()));
    expect(parser.job.unknown).toEqual([]);
    expect(parser.image().height).toBe(
      prepared.parts.flatMap((p) => (p.kind === 'raster' ? [p.bitmap.height] : [])).reduce((a, b) => a + b, 0),
    );
  });
});

describe('USB transport: faults are never reported printed', () => {
  it('unplugged mid-job: PRINTER_USB_DISCONNECTED in Vietnamese, and the device is let go', async () => {
    const device = new FakeUsbPrinter();
    device.unplugAfterBytes = 3000;
    const { printer } = setup(device, { chunkSize: 1024 });
    await expect(printer.print(blocks)).rejects.toMatchObject({
      code: 'PRINTER_USB_DISCONNECTED',
      message: expect.stringContaining('rút cáp USB'),
    });
    expect(device.opened).toBe(false);
  });

  it('paper out after the job, cover open before it: their own codes', async () => {
    const late = new FakeUsbPrinter();
    const { printer } = setup(late);
    const original = late.transferOut.bind(late);
    late.transferOut = async (endpoint, data) => {
      const result = await original(endpoint, data);
      if (data.length > 3) late.status = PRINTER_STATES.paperOut;
      return result;
    };
    await expect(printer.print(blocks)).rejects.toMatchObject({ code: 'PRINTER_PAPER_OUT' });
    const cover = new FakeUsbPrinter();
    cover.status = PRINTER_STATES.coverOpen;
    await expect(setup(cover).printer.print(blocks)).rejects.toMatchObject({ code: 'PRINTER_COVER_OPEN' });
    expect(cover.transfers.every((t) => t.bytes.length === 3)).toBe(true);
  });

  it('a printer silent on bulk IN: PRINTER_NO_STATUS', async () => {
    const device = new FakeUsbPrinter();
    device.silent = true;
    await expect(setup(device).printer.print(blocks)).rejects.toMatchObject({ code: 'PRINTER_NO_STATUS' });
  });

  it('a stalled endpoint: PRINTER_FAULT', async () => {
    const device = new FakeUsbPrinter();
    device.stall = true;
    await expect(setup(device).printer.print(blocks)).rejects.toMatchObject({
      code: 'PRINTER_FAULT',
      message: expect.stringContaining('stall'),
    });
  });

  it('permission denied on open: PRINTER_USB_ACCESS_DENIED names the cause', async () => {
    const device = new FakeUsbPrinter();
    device.open = () => Promise.reject(new Error('failed to open device: permission denied'));
    await expect(setup(device).printer.print(blocks)).rejects.toMatchObject({
      code: 'PRINTER_USB_ACCESS_DENIED',
      message: expect.stringContaining('permission denied'),
    });
  });
});
