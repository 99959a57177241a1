import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ScanProfile } from '../../../electron/core/digitize/types';
import { SaneDriver } from '../../../electron/core/digitize/capture/sane/scanimage-driver';
import { collectPages as collect } from '../../helpers/collect-pages';
import { saneTestDriver } from '../../peers/sane-test-backend';

const ADF: ScanProfile = { resolutionDpi: 200, colorMode: 'gray', source: 'adf' };
const FLATBED: ScanProfile = { resolutionDpi: 200, colorMode: 'color', source: 'flatbed' };

describe('SANE driver against the test backend through scanimage', () => {
  it('lists the devices of the project-owned SANE configuration', async () => {
    const devices = await saneTestDriver().list();
    expect(devices.map((d) => d.id)).toEqual(['test:0', 'test:1']);
    expect(devices[0]).toMatchObject({ kind: 'sane', name: 'Noname frontend-tester' });
  });

  it('scans one flatbed page in colour at the profile resolution', async () => {
    const { pages, error } = await collect(saneTestDriver().scan('test:0', FLATBED, new AbortController().signal));
    expect(error).toBeNull();
    expect(pages).toHaveLength(1);
    const meta = await sharp(pages[0]!.bytes).metadata();
    // 80 × 100 mm at 200 dpi, as the test backend rounds it.
    expect([meta.width, meta.height, meta.channels]).toEqual([629, 787, 3]);
    expect(pages[0]).toMatchObject({ index: 0, mediaType: 'image/png', resolutionDpi: 200, source: 'test:0' });
  });

  it('feeds 10 ADF pages one at a time and ends normally when the feeder runs out', async () => {
    const { pages, error } = await collect(saneTestDriver().scan('test:0', ADF, new AbortController().signal));
    expect(error).toBeNull();
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const page of pages) expect((await sharp(page.bytes).metadata()).channels).toBe(1);
  });

  it('yields the first page before the feeder has finished', async () => {
    const slow = saneTestDriver(['--read-delay=yes', '--read-delay-duration', '20000']);
    const controller = new AbortController();
    const iterator = slow.scan('test:0', ADF, controller.signal)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    controller.abort();
    const rest = await collect({ [Symbol.asyncIterator]: () => iterator });
    expect(rest.error?.code).toBe('SCANNER_CANCELLED');
    expect(rest.pages.length).toBeLessThan(9);
  });

  it.each([
    ['SANE_STATUS_JAMMED', 'SCANNER_JAMMED', 'kẹt giấy'],
    ['SANE_STATUS_DEVICE_BUSY', 'SCANNER_BUSY', 'đang bận'],
    ['SANE_STATUS_NO_DOCS', 'SCANNER_FEEDER_EMPTY', 'không có giấy'],
    ['SANE_STATUS_COVER_OPEN', 'SCANNER_COVER_OPEN', 'Nắp máy quét'],
    ['SANE_STATUS_IO_ERROR', 'SCANNER_IO_ERROR', 'Error during device I/O'],
  ])('maps the injected %s to %s with a Vietnamese message', async (status, code, text) => {
    const driver = saneTestDriver(['--read-return-value', status]);
    const { pages, error } = await collect(driver.scan('test:1', ADF, new AbortController().signal));
    expect(pages).toEqual([]);
    expect(error?.code).toBe(code);
    expect(error?.message).toContain(text);
  });

  it('reports an unknown device as not found', async () => {
    const { error } = await collect(saneTestDriver().scan('test:9', ADF, new AbortController().signal));
    expect(error?.code).toBe('SCANNER_NOT_FOUND');
    expect(error?.message).toContain('test:9');
  });

  it('refuses a profile under 200 dpi before touching the device', async () => {
    const { error } = await collect(saneTestDriver().scan('test:0', { ...ADF, resolutionDpi: 150 }, new AbortController().signal));
    expect(error?.code).toBe('SCAN_PROFILE_INVALID');
  });

  it('says the driver is unavailable when scanimage is not installed', async () => {
    const driver = new SaneDriver({ command: '/nonexistent/scanimage' });
    const { error } = await collect(driver.scan('test:0', ADF, new AbortController().signal));
    expect(error?.code).toBe('SCANNER_DRIVER_UNAVAILABLE');
  });
});
