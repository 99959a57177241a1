import { describe, expect, it } from 'vitest';
import { HidPosReader, hidPosDevices, type HidHandle, type HidPort } from '../../../../electron/core/devices/readers/hid-pos-reader';
import { HidPosAssembler, hidPosReports, stripReportId } from '../../../../electron/core/devices/readers/hid-pos-report';
import type { ReaderScan, ReaderState } from '../../../../electron/core/devices/readers/reader';

const CCCD = '001089012345|123456789|Nguyễn Thái Sơn|04071989|Nam|Số 12 Ngõ 34 Phố Huế, Phường Hai Bà Trưng, Hà Nội|12082021';

describe('HID-POS scanned-data reports', () => {
  it('reads a short code from one report with its AIM identifier', () => {
    const [report] = hidPosReports(Buffer.from('000.00.06.H56-260423-0012'), ']C0');
    const scan = new HidPosAssembler().push(report!);
    expect(scan).toMatchObject({ symbology: ']C0', text: '000.00.06.H56-260423-0012' });
  });

  it('joins a CCCD payload spread over several reports, a Vietnamese letter split between two, and decodes it whole', () => {
    const bytes = Buffer.from(CCCD, 'utf8');
    const reports = hidPosReports(bytes);
    expect(reports.length).toBeGreaterThan(2);
    // Proof the split falls inside a multi-byte letter somewhere: a per-report decode would garble it.
    const perReport = reports.map((r) => Buffer.from(r.subarray(4, 4 + r[0]!)).toString('utf8')).join('');
    expect(perReport).not.toBe(CCCD);

    const assembler = new HidPosAssembler();
    const results = reports.map((r) => assembler.push(r));
    expect(results.slice(0, -1)).toEqual(results.slice(0, -1).map(() => null));
    expect(results.at(-1)).toMatchObject({ symbology: ']Q1', text: CCCD });
    expect(Buffer.from(results.at(-1)!.bytes).equals(bytes)).toBe(true);
  });

  it('a length byte larger than the report cannot read past the data area', () => {
    const report = hidPosReports(Buffer.from('ABC'))[0]!;
    report[0] = 250;
    const scan = new HidPosAssembler().push(report)!;
    expect(scan.bytes.length).toBe(58);
    expect(scan.text.startsWith('ABC')).toBe(true);
  });

  it('strips a leading report id 2, and ignores other numbered reports', () => {
    const report = hidPosReports(Buffer.from('X'))[0]!;
    expect(stripReportId(Uint8Array.from([2, ...report]))).toEqual(report);
    expect(stripReportId(Uint8Array.from([0x10, ...report]))).toBeNull();
    expect(stripReportId(report)).toBe(report);
  });

  it('starts a fresh scan after a reset (reader unplugged mid-scan)', () => {
    const assembler = new HidPosAssembler();
    const [first] = hidPosReports(Buffer.from(CCCD));
    assembler.push(first!);
    assembler.reset();
    expect(assembler.push(hidPosReports(Buffer.from('HS-1'))[0]!)!.text).toBe('HS-1');
  });
});

class FakeHid implements HidHandle {
  private data: ((d: Buffer) => void) | null = null;
  private error: ((e: Error) => void) | null = null;
  closed = false;
  on(event: 'data' | 'error', listener: ((d: Buffer) => void) & ((e: Error) => void)) {
    if (event === 'data') this.data = listener;
    else this.error = listener;
    return this;
  }
  send(report: Uint8Array) {
    this.data?.(Buffer.from(report));
  }
  unplug() {
    this.error?.(new Error('could not read from HID device'));
  }
  async close() {
    this.closed = true;
  }
}

describe('node-hid adapter', () => {
  it('lists only bar code scanner page devices and turns reports (with report id, as on Windows) into scans', async () => {
    const handle = new FakeHid();
    const port: HidPort = {
      devices: async () => [
        { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw0', usagePage: 0x8c, product: 'Honeywell 1900' },
        { vendorId: 0x0c2e, productId: 0x0b62, path: '/dev/hidraw1', usagePage: 0x01, product: 'keyboard mode' },
      ],
      open: async () => handle,
    };
    expect((await hidPosDevices(port)).map((d) => d.path)).toEqual(['/dev/hidraw0']);
    const scans: ReaderScan[] = [];
    const states: ReaderState[] = [];
    const reader = new HidPosReader('hid:0c2e:0b61', '/dev/hidraw0', port, {
      onScan: (s) => scans.push(s),
      onState: (_id, s) => states.push(s),
    });
    await reader.start();
    for (const report of hidPosReports(Buffer.from(CCCD))) handle.send(Uint8Array.from([2, ...report]));
    expect(scans).toEqual([{ readerId: 'hid:0c2e:0b61', text: CCCD, symbology: ']Q1' }]);
    handle.unplug();
    expect(states).toEqual(['connected', 'disconnected']);
    await reader.stop();
  });
});
