import { describe, expect, it } from 'vitest';
import { parsePrinterAddress, receiptTransportSchema } from '../../../shared/devices/device-settings';

describe('parsePrinterAddress', () => {
  it('reads every kind of receipt printer address site IT types', () => {
    expect(parsePrinterAddress('tcp://192.168.1.50:9100')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100, statusQuery: true });
    expect(parsePrinterAddress(' tcp://may-in-quay-1 ')).toEqual({ kind: 'tcp', host: 'may-in-quay-1', port: 9100, statusQuery: true });
    expect(parsePrinterAddress('cups:XP80')).toEqual({ kind: 'cups', queue: 'XP80' });
    expect(parsePrinterAddress('usb:0416:5011')).toEqual({ kind: 'usb', vendorId: 0x0416, productId: 0x5011 });
    expect(parsePrinterAddress('file:/tmp/slip.bin')).toEqual({ kind: 'file', path: '/tmp/slip.bin' });
  });

  it('takes a Windows printer installed with its vendor driver by its system name, spaces included', () => {
    expect(parsePrinterAddress('driver:XP-80C (copy 1)')).toEqual({ kind: 'driver', printer: 'XP-80C (copy 1)' });
    expect(receiptTransportSchema.parse({ kind: 'driver', printer: 'EPSON TM-T82III Receipt' })).toEqual({
      kind: 'driver',
      printer: 'EPSON TM-T82III Receipt',
    });
  });

  it('refuses what is none of them', () => {
    for (const bad of [
      '',
      'driver:',
      'driver:   ',
      'tcp://host:0',
      'tcp://host:70000',
      'cups:-oraw',
      'usb:416:5011',
      'lpt1',
      'http://192.168.1.5',
    ]) {
      expect(parsePrinterAddress(bad)).toBeNull();
    }
    expect(receiptTransportSchema.safeParse({ kind: 'driver', printer: '' }).success).toBe(false);
  });
});
