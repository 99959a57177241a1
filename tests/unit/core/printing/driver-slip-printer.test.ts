import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createReceiptPrinter } from '../../../../electron/core/printing';
import { DriverSlipPrinter } from '../../../../electron/core/printing/driver-slip-printer';
import { SlipRenderer } from '../../../../electron/core/printing/slip-renderer';
import type { HostPageSize } from '../../../../electron/core/printing/form-printers/form-printer';
import { errorMessage } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { testSlip } from '../../../../shared/printing/slip-layout';
import { BarcodeFormat, decodePng } from '../../../helpers/decode-code';
import { repoRoot } from '../../../helpers/test-core';

const SITE = { agencyName: 'UBND xã Đông Hưng' };

function recordingHost() {
  const calls: Array<{ html: string; pageSize: HostPageSize; deviceName: string }> = [];
  return {
    calls,
    print: async (html: string, options: { pageSize: HostPageSize; deviceName: string }) => void calls.push({ html, ...options }),
  };
}

async function pngOf(html: string): Promise<Buffer> {
  const base64 = /src="data:image\/png;base64,([^"]+)"/.exec(html)?.[1];
  expect(base64).toBeDefined();
  return Buffer.from(base64!, 'base64');
}

describe('DriverSlipPrinter (a thermal printer installed with its vendor driver)', () => {
  it('prints the rendered slip as one PNG page exactly the slip’s size to the named printer, reported as handed over', async () => {
    const host = recordingHost();
    const printer = new DriverSlipPrinter(new SlipRenderer(`${repoRoot}/build/fonts`), host.print, { paper: '80mm', printer: 'XP-80C' });
    const result = await printer.print(testSlip(SITE, 'driver:XP-80C', '2026-03-02 08:00'));
    expect(result).toMatchObject({ outcome: 'handedOver', paperNearEnd: false });
    expect(host.calls).toHaveLength(1);
    const [call] = host.calls;
    expect(call!.deviceName).toBe('XP-80C');
    const png = await pngOf(call!.html);
    const { width, height } = await sharp(png).metadata();
    expect(width).toBe(576);
    // 576 dots at 8 dots/mm: 72 mm wide; the page is as tall as the slip, rounded up to a millimetre.
    expect(call!.pageSize).toEqual({ widthMicrons: 72_000, heightMicrons: Math.ceil(height! / 8) * 1000 });
    expect(call!.html).toContain('@page { size: 72mm');
    expect(result.bytes).toBe(png.length);
    // The QR is drawn into the image, so it reads back whatever the driver does with native commands.
    expect(decodePng(png, BarcodeFormat.QR_CODE)).toMatch(/^QUAY-TEST /);
  });

  it('draws 58 mm slips 384 dots wide', async () => {
    const host = recordingHost();
    const printer = new DriverSlipPrinter(new SlipRenderer(`${repoRoot}/build/fonts`), host.print, { paper: '58mm', printer: 'POS-58' });
    await printer.print(testSlip(SITE, 'driver:POS-58', '2026-03-02 08:00'));
    expect((await sharp(await pngOf(host.calls[0]!.html)).metadata()).width).toBe(384);
    expect(host.calls[0]!.pageSize).toMatchObject({ widthMicrons: 48_000 });
  });

  it('is refused with a Vietnamese message where there is no silent print (CLI, harness)', () => {
    const attempt = () =>
      createReceiptPrinter({ paper: '80mm', qr: 'raster', transport: { kind: 'driver', printer: 'XP-80C' } }, { resourcesDir: repoRoot });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(errorMessage('SLIP_DRIVER_UNAVAILABLE', { printer: 'XP-80C' }));
  });

  it('a driver that refuses the job fails the print, so the slip stays owed', async () => {
    const printer = createReceiptPrinter(
      { paper: '80mm', qr: 'raster', transport: { kind: 'driver', printer: 'XP-80C' } },
      {
        resourcesDir: repoRoot,
        hostPrint: () => Promise.reject(new AppError('PRINTER_SPOOLER_FAILED', { printer: 'XP-80C', details: 'offline' })),
      },
    );
    await expect(printer.print(testSlip(SITE, 'driver:XP-80C', '2026-03-02 08:00'))).rejects.toMatchObject({
      code: 'PRINTER_SPOOLER_FAILED',
    });
  });
});
