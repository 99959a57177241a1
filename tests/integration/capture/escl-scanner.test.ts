import net from 'node:net';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EsclDriver } from '../../../electron/core/digitize/capture/escl/escl-driver';
import type { ScanProfile } from '../../../electron/core/digitize/types';
import { collectPages } from '../../helpers/collect-pages';
import { EsclPeer } from '../../peers/escl-peer';
import { scanTestPages } from '../../peers/sane-test-backend';

const ADF: ScanProfile = { resolutionDpi: 200, colorMode: 'gray', source: 'adf' };
const FLATBED: ScanProfile = { resolutionDpi: 300, colorMode: 'color', source: 'flatbed' };

let pages: Buffer[];
let peer: EsclPeer;

beforeAll(async () => {
  pages = await scanTestPages(10);
});

afterEach(async () => {
  await peer?.close();
});

async function startPeer(faults: Parameters<EsclPeer['setFaults']>[0] = {}): Promise<EsclDriver> {
  peer = await EsclPeer.start(pages);
  peer.setFaults(faults);
  return new EsclDriver({ devices: [peer.url], retryDelayMs: 5, requestTimeoutMs: 5000, pageTimeoutMs: 5000 });
}

const scan = (driver: EsclDriver, profile = ADF) => collectPages(driver.scan(peer.url, profile, new AbortController().signal));
const calls = () => peer.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '<job>')} ${r.status}`);

describe('eSCL driver against the eSCL test peer', () => {
  it('lists a reachable device by its make and model and skips an unreachable one', async () => {
    const driver = await startPeer();
    const both = new EsclDriver({ devices: [peer.url, 'http://127.0.0.1:9/eSCL/'], requestTimeoutMs: 2000 });
    expect(await both.list()).toEqual([{ kind: 'escl', id: peer.url, name: 'Quay Test eSCL Scanner' }]);
    expect(driver.kind).toBe('escl');
  });

  it('does not let a configured device that never answers hold up the list', async () => {
    await startPeer();
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const mute = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/eSCL/`;
      const driver = new EsclDriver({ devices: [peer.url, mute], requestTimeoutMs: 60_000, listTimeoutMs: 500 });
      const started = Date.now();
      expect(await driver.list()).toEqual([{ kind: 'escl', id: peer.url, name: 'Quay Test eSCL Scanner' }]);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.close();
    }
  });

  it('feeds 10 ADF pages through NextDocument and treats 409 with an empty feeder as the normal end', async () => {
    const driver = await startPeer();
    const result = await scan(driver);
    expect(result.error).toBeNull();
    expect(result.pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Buffer.from(result.pages[3]!.bytes).equals(pages[3]!)).toBe(true);
    expect(calls()).toEqual([
      'GET /eSCL/ScannerCapabilities 200',
      'POST /eSCL/ScanJobs 201',
      ...Array(10).fill('GET /eSCL/ScanJobs/<job>/NextDocument 200'),
      'GET /eSCL/ScanJobs/<job>/NextDocument 409',
      'GET /eSCL/ScannerStatus 200',
      'DELETE /eSCL/ScanJobs/<job> 200',
    ]);
    const settings = peer.requests[1]!.body;
    expect(settings).toContain('<pwg:InputSource>Feeder</pwg:InputSource>');
    expect(settings).toContain('<scan:ColorMode>Grayscale8</scan:ColorMode>');
    expect(settings).toContain('<scan:XResolution>200</scan:XResolution>');
  });

  it('takes one page from the platen without asking for a second', async () => {
    const driver = await startPeer();
    const result = await scan(driver, FLATBED);
    expect(result.error).toBeNull();
    expect(result.pages).toHaveLength(1);
    expect((await sharp(result.pages[0]!.bytes).metadata()).format).toBe('png');
    expect(peer.requests[1]!.body).toContain('<pwg:InputSource>Platen</pwg:InputSource>');
    expect(calls().at(-1)).toBe('DELETE /eSCL/ScanJobs/<job> 200');
  });

  it('keeps the pages before a jam (a 200 with an empty body) and reports the jam after them', async () => {
    const driver = await startPeer({ jamAtPage: 4 });
    const result = await scan(driver);
    expect(result.pages).toHaveLength(3);
    expect(result.error?.code).toBe('SCANNER_JAMMED');
    expect(result.error?.message).toContain('sau 3 trang');
  });

  it('reports an empty feeder when the first NextDocument is refused with 409', async () => {
    const driver = await startPeer({ feederEmpty: true });
    const result = await scan(driver);
    expect(result.pages).toEqual([]);
    expect(result.error?.code).toBe('SCANNER_FEEDER_EMPTY');
  });

  it('retries 503 busy answers and then scans', async () => {
    const driver = await startPeer({ busyResponses: 3 });
    const result = await scan(driver);
    expect(result.error).toBeNull();
    expect(result.pages).toHaveLength(10);
    expect(peer.requests.filter((r) => r.status === 503)).toHaveLength(3);
  });

  it('gives up on a scanner that stays busy with SCANNER_BUSY', async () => {
    const driver = await startPeer({ busyResponses: 1000 });
    const result = await scan(driver);
    expect(result.pages).toEqual([]);
    expect(result.error?.code).toBe('SCANNER_BUSY');
  });

  it('keeps the pages captured before the scanner disappears mid-batch', async () => {
    const driver = await startPeer({ disappearAfterPages: 6 });
    const result = await scan(driver);
    expect(result.pages).toHaveLength(6);
    expect(result.error?.code).toBe('SCANNER_DISCONNECTED');
    expect(result.error?.message).toContain('sau 6 trang');
  });

  it('treats a scanner that stops answering mid-batch as disconnected once the page timeout passes', async () => {
    peer = await EsclPeer.start(pages);
    peer.setFaults({ hangAfterPages: 2 });
    const driver = new EsclDriver({ devices: [peer.url], retryDelayMs: 5, pageTimeoutMs: 500 });
    const result = await scan(driver);
    expect(result.pages).toHaveLength(2);
    expect(result.error?.code).toBe('SCANNER_DISCONNECTED');
  });

  it('cancels on abort: stops asking for pages and deletes the job', async () => {
    const driver = await startPeer();
    const controller = new AbortController();
    const got = [];
    let error: unknown = null;
    try {
      for await (const page of driver.scan(peer.url, ADF, controller.signal)) {
        got.push(page);
        if (got.length === 2) controller.abort();
      }
    } catch (caught) {
      error = caught;
    }
    expect(got).toHaveLength(2);
    expect((error as { code?: string }).code).toBe('SCANNER_CANCELLED');
    expect(calls().filter((c) => c.includes('NextDocument 200'))).toHaveLength(2);
    expect(calls().at(-1)).toBe('DELETE /eSCL/ScanJobs/<job> 200');
  });

  it('says a device that is not there is not found', async () => {
    peer = await EsclPeer.start(pages);
    const driver = new EsclDriver({ devices: [], requestTimeoutMs: 2000 });
    const result = await collectPages(driver.scan('http://127.0.0.1:9/eSCL/', ADF, new AbortController().signal));
    expect(result.error?.code).toBe('SCANNER_NOT_FOUND');
  });
});

afterAll(async () => {
  await peer?.close();
});
