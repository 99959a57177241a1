import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SaneDriver } from '../../../electron/core/digitize/capture/sane/scanimage-driver';
import { collectPages } from '../../helpers/collect-pages';
import { EsclPeer } from '../../peers/escl-peer';
import { scanTestPages } from '../../peers/sane-test-backend';

/**
 * Debian's sane-airscan is an independent eSCL client (docs/devices.md §1.4): if it scans from the test
 * peer, the peer speaks the protocol as real clients expect, not only as our driver does. Driving
 * it through our SANE driver also exercises that driver on a backend with other option names
 * ("ADF", "Gray") than the test backend's.
 */
let peer: EsclPeer;
let configDir: string;
let driver: SaneDriver;
const DEVICE = 'airscan:e0:Loopback';

beforeAll(async () => {
  peer = await EsclPeer.start(await scanTestPages(10));
  configDir = await mkdtemp(path.join(os.tmpdir(), 'quay-airscan-'));
  await writeFile(path.join(configDir, 'dll.conf'), 'airscan\n');
  await writeFile(path.join(configDir, 'airscan.conf'), `[devices]\n"Loopback" = ${peer.url}, eSCL\n\n[options]\ndiscovery = disable\n`);
  driver = new SaneDriver({ env: { SANE_CONFIG_DIR: configDir } });
});

afterAll(async () => {
  await peer?.close();
  await rm(configDir, { recursive: true, force: true });
});

describe('the eSCL test peer seen by sane-airscan', () => {
  it('is listed as a network scanner', async () => {
    expect((await driver.list()).map((d) => d.id)).toContain(DEVICE);
  });

  it('serves a 10-page ADF batch to sane-airscan, ending on 409 with the job deleted', async () => {
    const result = await collectPages(
      driver.scan(DEVICE, { resolutionDpi: 200, colorMode: 'gray', source: 'adf' }, new AbortController().signal),
    );
    expect(result.error).toBeNull();
    expect(result.pages).toHaveLength(10);
    expect((await sharp(result.pages[0]!.bytes).metadata()).width).toBeGreaterThan(600);
    const calls = peer.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '<job>')} ${r.status}`);
    expect(calls.filter((c) => c === 'GET /eSCL/ScanJobs/<job>/NextDocument 200')).toHaveLength(10);
    expect(calls).toContain('GET /eSCL/ScanJobs/<job>/NextDocument 409');
    expect(calls.at(-1)).toBe('DELETE /eSCL/ScanJobs/<job> 200');
  });

  // sane-airscan turns the empty page body into SANE_STATUS_IO_ERROR, not JAMMED: through SANE the
  // officer learns the transfer failed, and the pages before it are kept either way.
  it("keeps the pages before the peer's jam when sane-airscan reports it as an I/O error", async () => {
    peer.setFaults({ jamAtPage: 3 });
    const result = await collectPages(
      driver.scan(DEVICE, { resolutionDpi: 200, colorMode: 'gray', source: 'adf' }, new AbortController().signal),
    );
    expect(result.pages).toHaveLength(2);
    expect(result.error?.code).toBe('SCANNER_IO_ERROR');
    expect(result.error?.message).toContain('sau 2 trang');
  });
});
