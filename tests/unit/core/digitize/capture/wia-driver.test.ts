import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseWiaLine, wiaFailure } from '../../../../../electron/core/digitize/capture/wia/wia-output';
import { WIA_PNG_FORMAT, WIA_SCRIPT, wiaScanArgs } from '../../../../../electron/core/digitize/capture/wia/wia-script';
import { WiaDriver, type WiaProcess } from '../../../../../electron/core/digitize/capture/wia/wia-driver';
import type { ScanProfile } from '../../../../../electron/core/digitize/types';
import { collectPages } from '../../../../helpers/collect-pages';

/**
 * WIA needs Windows and a scanner, so here the PowerShell process is a fake that plays what the
 * script prints on Windows (JSON lines, recorded HRESULTs) and saves page files where the real
 * script would. What runs for real: script text, arguments, line parsing, HRESULT mapping, page
 * reading and the driver's control flow.
 */
type Step = { page: 'png' | 'bmp' } | { line: string } | { exit: number };

interface FakeRun {
  command: string;
  args: string[];
  script: string;
  killed: boolean;
}

const png = await sharp({ create: { width: 40, height: 60, channels: 3, background: '#ffffff' } })
  .png()
  .toBuffer();
const bmp = (() => {
  const width = 4;
  const height = 2;
  const rowSize = width * 3;
  const data = Buffer.alloc(54 + rowSize * height);
  data.fill(0x80, 54);
  data.write('BM', 0, 'ascii');
  data.writeUInt32LE(data.length, 2);
  data.writeUInt32LE(54, 10);
  data.writeUInt32LE(40, 14);
  data.writeInt32LE(width, 18);
  data.writeInt32LE(height, 22);
  data.writeUInt16LE(1, 26);
  data.writeUInt16LE(24, 28);
  return data;
})();

function fakePowerShell(steps: Step[], runs: FakeRun[], pauseAfterPages = Infinity) {
  return (command: string, args: string[]): WiaProcess => {
    const scriptPath = args[args.indexOf('-File') + 1]!;
    const run: FakeRun = { command, args, script: readFileSync(scriptPath, 'utf8'), killed: false };
    runs.push(run);
    const child = new EventEmitter() as EventEmitter & WiaProcess;
    const stdout = new PassThrough();
    Object.assign(child, { stdout, kill: () => ((run.killed = true), stdout.end(), setImmediate(() => child.emit('close', null))) });
    const outDir = args[args.indexOf('-OutDir') + 1] ?? '';
    void (async () => {
      let index = 0;
      for (const step of steps) {
        await new Promise((resolve) => setImmediate(resolve));
        if (run.killed) return;
        if ('page' in step) {
          const file = path.join(outDir, `page-${String(index).padStart(4, '0')}.${step.page}`);
          writeFileSync(file, step.page === 'png' ? png : bmp);
          stdout.write(`${JSON.stringify({ event: 'page', index, path: file })}\r\n`);
          index++;
          if (index >= pauseAfterPages) return;
        } else if ('line' in step) {
          stdout.write(`${step.line}\r\n`);
        } else {
          stdout.end();
          child.emit('close', step.exit);
        }
      }
    })();
    return child;
  };
}

const ADF: ScanProfile = { resolutionDpi: 300, colorMode: 'gray', source: 'adf' };
const DEVICE = '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001';
const error = (hresult: string, message = '') => ({ line: JSON.stringify({ event: 'error', hresult, message }) });
const done = [{ line: '{"event":"done"}' }, { exit: 0 }];

function driverWith(steps: Step[], runs: FakeRun[] = [], pauseAfterPages?: number) {
  return new WiaDriver({ spawn: fakePowerShell(steps, runs, pauseAfterPages) });
}

describe('WIA script and arguments', () => {
  it('passes the device and folder as arguments, never inside the script text', () => {
    const args = wiaScanArgs("dev'; Remove-Item C:\\ -Recurse; '", 'C:\\Temp\\quay-wia-1', {
      resolutionDpi: 300,
      colorMode: 'bw',
      source: 'adf-duplex',
    });
    expect(args).toEqual([
      '-Mode',
      'scan',
      '-DeviceId',
      "dev'; Remove-Item C:\\ -Recurse; '",
      '-OutDir',
      'C:\\Temp\\quay-wia-1',
      '-Dpi',
      '300',
      '-Intent',
      '4',
      '-Handling',
      '5',
    ]);
    expect(WIA_SCRIPT).not.toContain('Remove-Item');
  });

  it('sets intent, resolution and document handling by their WIA property ids and transfers PNG', () => {
    for (const id of ['3088', '3096']) expect(WIA_SCRIPT).toContain(`Set-WiaProperty $device.Properties ${id}`);
    for (const id of ['6146', '6147', '6148']) expect(WIA_SCRIPT).toContain(`Set-WiaProperty $item.Properties ${id}`);
    expect(WIA_SCRIPT).toContain(`$item.Transfer('${WIA_PNG_FORMAT}')`);
    expect(WIA_SCRIPT).toContain('New-Object -ComObject WIA.DeviceManager');
    // Flatbed (2) takes one page; a feeder loops until WIA raises an error such as paper empty.
    expect(WIA_SCRIPT).toMatch(/if \(\$Handling -eq 2\) \{ break \}/);
  });
});

describe('WIA output parsing', () => {
  it('reads the JSON lines and ignores whatever else PowerShell prints', () => {
    expect(parseWiaLine('{"event":"page","index":2,"path":"C:\\\\t\\\\page-0002.png"}\r')).toEqual({
      event: 'page',
      index: 2,
      path: 'C:\\t\\page-0002.png',
    });
    expect(parseWiaLine('{"event":"error","hresult":"0x80210003","message":"Paper empty"}')).toEqual({
      event: 'error',
      hresult: '0x80210003',
      message: 'Paper empty',
    });
    expect(parseWiaLine('WARNING: something')).toBeNull();
    expect(parseWiaLine('{not json')).toBeNull();
  });

  it.each([
    ['0x80210003', 0, 'SCANNER_FEEDER_EMPTY'],
    ['0x80210003', 4, null],
    ['0x80210002', 2, 'SCANNER_JAMMED'],
    ['0x80210006', 0, 'SCANNER_BUSY'],
    ['0x80210016', 0, 'SCANNER_COVER_OPEN'],
    ['0x80210015', 0, 'SCANNER_NOT_FOUND'],
    ['0x80210005', 3, 'SCANNER_DISCONNECTED'],
    ['0x80004005', 1, 'SCANNER_IO_ERROR'],
  ])('maps HRESULT %s after %i pages to %s', (hresult, pages, code) => {
    expect(wiaFailure(hresult, '', 'Canon LiDE', pages)?.code ?? null).toBe(code);
  });
});

describe('WIA driver with a recorded PowerShell', () => {
  it('yields each saved page and ends normally when the feeder reports paper empty', async () => {
    const runs: FakeRun[] = [];
    const steps: Step[] = [{ page: 'png' }, { page: 'png' }, { page: 'png' }, error('0x80210003', 'Paper empty'), ...done];
    const { pages, error: failure } = await collectPages(driverWith(steps, runs).scan(DEVICE, ADF, new AbortController().signal));
    expect(failure).toBeNull();
    expect(pages.map((p) => [p.index, p.mediaType, p.resolutionDpi])).toEqual([
      [0, 'image/png', 300],
      [1, 'image/png', 300],
      [2, 'image/png', 300],
    ]);
    expect(runs[0]!.command).toBe('powershell.exe');
    expect(runs[0]!.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File']);
    expect(runs[0]!.script).toBe(`\uFEFF${WIA_SCRIPT}`);
  });

  it('keeps the pages before a jam and raises the jam after them', async () => {
    const { pages, error: failure } = await collectPages(
      driverWith([{ page: 'png' }, { page: 'png' }, error('0x80210002', 'Paper jam'), ...done]).scan(
        DEVICE,
        ADF,
        new AbortController().signal,
      ),
    );
    expect(pages).toHaveLength(2);
    expect(failure?.code).toBe('SCANNER_JAMMED');
    expect(failure?.message).toContain('sau 2 trang');
  });

  it('reports an empty feeder, a busy device and a missing device', async () => {
    for (const [hresult, code] of [
      ['0x80210003', 'SCANNER_FEEDER_EMPTY'],
      ['0x80210006', 'SCANNER_BUSY'],
      ['0x80210015', 'SCANNER_NOT_FOUND'],
    ]) {
      const { pages, error: failure } = await collectPages(
        driverWith([error(hresult!), ...done]).scan(DEVICE, ADF, new AbortController().signal),
      );
      expect([pages.length, failure?.code]).toEqual([0, code]);
    }
  });

  it('converts a BMP that a driver returned instead of PNG', async () => {
    const { pages } = await collectPages(
      driverWith([{ page: 'bmp' }, ...done]).scan(DEVICE, { ...ADF, source: 'flatbed' }, new AbortController().signal),
    );
    expect(pages[0]!.mediaType).toBe('image/png');
    const { data, info } = await sharp(pages[0]!.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, data[0]]).toEqual([4, 2, 0x80]);
  });

  it('kills PowerShell on abort and ends with SCANNER_CANCELLED after the pages so far', async () => {
    const runs: FakeRun[] = [];
    const controller = new AbortController();
    const got = [];
    let failure: unknown = null;
    try {
      for await (const page of driverWith([{ page: 'png' }, { page: 'png' }], runs, 2).scan(DEVICE, ADF, controller.signal)) {
        got.push(page);
        if (got.length === 2) controller.abort();
      }
    } catch (caught) {
      failure = caught;
    }
    expect(got).toHaveLength(2);
    expect(runs[0]!.killed).toBe(true);
    expect((failure as { code?: string }).code).toBe('SCANNER_CANCELLED');
  });

  it('stops a WIA transfer that hangs: SCANNER_TIMEOUT after the pages already saved, PowerShell killed', async () => {
    const runs: FakeRun[] = [];
    const driver = new WiaDriver({
      spawn: fakePowerShell([{ page: 'png' }, { page: 'png' }, { page: 'png' }], runs, 2),
      pageTimeoutMs: 200,
    });
    const { pages, error } = await collectPages(driver.scan(DEVICE, ADF, new AbortController().signal));
    expect(pages.map((p) => p.index)).toEqual([0, 1]);
    expect(error?.code).toBe('SCANNER_TIMEOUT');
    expect(error?.message).toContain('sau 2 trang');
    expect(runs[0]!.killed).toBe(true);
  });

  it('lists scanners the script reports', async () => {
    const steps: Step[] = [{ line: JSON.stringify({ event: 'device', id: DEVICE, name: 'Canon LiDE 300' }) }, ...done];
    expect(await driverWith(steps).list()).toEqual([{ kind: 'wia', id: DEVICE, name: 'Canon LiDE 300' }]);
  });

  it('says WIA is unavailable where PowerShell cannot be started', async () => {
    const driver = new WiaDriver({ command: '/nonexistent/powershell.exe' });
    const { error: failure } = await collectPages(driver.scan(DEVICE, ADF, new AbortController().signal));
    expect(failure?.code).toBe('SCANNER_DRIVER_UNAVAILABLE');
  });
});
