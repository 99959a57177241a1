import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_SETTINGS } from '../../../shared/digitize/scan-settings';
import { EsclPeer } from '../../peers/escl-peer';
import { MdnsResponder } from '../../peers/mdns-responder';
import { SANE_TEST_CONFIG_DIR, scanTestPages } from '../../peers/sane-test-backend';
import { scriptedOcr } from '../../helpers/digitize-fakes';
import { ADMIN, startReception, startTestCore, tempDir, type TestCore } from '../../helpers/test-core';

const CLIENT = 'admin-window';
const DRIVERS = {
  ocr: scriptedOcr,
  scannerDrivers: {
    platform: 'linux' as const,
    sane: { env: { SANE_CONFIG_DIR: SANE_TEST_CONFIG_DIR } },
    escl: { devices: [], retryDelayMs: 10 },
    hotFolder: { folders: [], settleMs: 200, pollMs: 100 },
  },
};

const FLATBED_GREY = { id: 'flatbed-grey', name: 'Mặt kính, xám 200 dpi', resolutionDpi: 200, colorMode: 'gray', source: 'flatbed' };
const FEEDER_COLOUR = { id: 'feeder-colour', name: 'Khay nạp, màu 300 dpi', resolutionDpi: 300, colorMode: 'color', source: 'adf' };

let peer: EsclPeer;
let t: TestCore | null = null;

beforeAll(async () => {
  peer = await EsclPeer.start(await scanTestPages(2, 300));
});
afterAll(async () => {
  await peer.close();
});
afterEach(() => {
  t?.core.close();
  t = null;
});

describe('scan settings set by the admin', () => {
  it('starts with one 300 dpi colour feeder profile and no default scanner', async () => {
    t = await startReception({ digitize: DRIVERS });
    expect(await t.must(CLIENT, 'devices.scanSettings', {})).toEqual(DEFAULT_SCAN_SETTINGS);
  });

  it('refuses a profile under 200 dpi with a Vietnamese message, and keeps what was saved before', async () => {
    t = await startReception({ digitize: DRIVERS });
    const result = await t.call(CLIENT, 'devices.updateScanSettings', {
      ...DEFAULT_SCAN_SETTINGS,
      profiles: [{ ...FLATBED_GREY, resolutionDpi: 150 }],
      defaultProfileId: FLATBED_GREY.id,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'SCAN_PROFILE_DPI_TOO_LOW' } });
    expect(result.ok ? '' : result.error.message).toContain('150 dpi quá thấp');
    expect(await t.must(CLIENT, 'devices.scanSettings', {})).toEqual(DEFAULT_SCAN_SETTINGS);
  });

  it('refuses a hot folder that does not exist and an eSCL address that is not one', async () => {
    t = await startReception({ digitize: DRIVERS });
    const missing = await t.call(CLIENT, 'devices.updateScanSettings', {
      ...DEFAULT_SCAN_SETTINGS,
      hotFolders: [path.join(tempDir(), 'gone')],
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'HOT_FOLDER_NOT_FOUND' } });
    const address = await t.call(CLIENT, 'devices.updateScanSettings', { ...DEFAULT_SCAN_SETTINGS, esclScanners: ['máy quét tầng 2'] });
    expect(address).toMatchObject({ ok: false, error: { code: 'ESCL_ADDRESS_INVALID' } });
  });

  it('keeps profiles, defaults, eSCL addresses and hot folders across a restart, audited; the scan bar lists every configured scanner', async () => {
    const dataDir = tempDir();
    const folder = path.join(tempDir(), 'scan-drop');
    mkdirSync(folder);
    t = await startReception({ dataDir, digitize: DRIVERS });
    const saved = await t.must(CLIENT, 'devices.updateScanSettings', {
      profiles: [FLATBED_GREY, FEEDER_COLOUR],
      defaultProfileId: FEEDER_COLOUR.id,
      defaultScanner: { kind: 'escl', id: peer.url },
      esclScanners: [peer.url],
      hotFolders: [folder],
    });
    expect(saved.esclScanners).toEqual([peer.url.replace(/\/$/, '')]);
    const audit = t.core.database.sqlite
      .prepare(`SELECT details FROM audit_log WHERE action = 'admin.scanSettingsChanged'`)
      .pluck()
      .all() as string[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toContain('Khay nạp, màu 300 dpi');
    t.core.close();

    t = await startTestCore(dataDir, undefined, DRIVERS);
    await t.must(CLIENT, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(await t.must(CLIENT, 'devices.scanSettings', {})).toEqual(saved);
    const scanners = await t.must(CLIENT, 'scan.scanners', {});
    expect(scanners).toEqual(
      expect.arrayContaining([
        { kind: 'sane', id: 'test:0', name: 'Noname frontend-tester' },
        { kind: 'escl', id: saved.esclScanners[0], name: 'Quay Test eSCL Scanner' },
        { kind: 'hot-folder', id: folder, name: 'scan-drop' },
      ]),
    );
  });
});

describe('finding network scanners', () => {
  it('offers the eSCL scanners that answer DNS-SD, with the address the settings keep', async () => {
    const port = Number(new URL(peer.url).port);
    const responder = await MdnsResponder.start([
      { instance: 'Quay Test eSCL Scanner', host: 'scanner.local', address: '127.0.0.1', port, rs: '/eSCL/', ty: 'Quay Test eSCL Scanner' },
    ]);
    try {
      t = await startReception({
        digitize: { ...DRIVERS, scannerDrivers: { ...DRIVERS.scannerDrivers, esclDiscovery: { target: responder.target, waitMs: 300 } } },
      });
      expect(await t.must(CLIENT, 'devices.discoverScanners', {})).toEqual([
        { url: `http://127.0.0.1:${port}/eSCL`, name: 'Quay Test eSCL Scanner' },
      ]);
    } finally {
      await responder.close();
    }
  });
});

describe('the Test scan button', () => {
  async function configured(): Promise<{ t: TestCore; folder: string }> {
    const folder = path.join(tempDir(), 'scan-drop');
    mkdirSync(folder);
    const core = await startReception({ digitize: DRIVERS });
    await core.must(CLIENT, 'devices.updateScanSettings', {
      profiles: [FLATBED_GREY, FEEDER_COLOUR],
      defaultProfileId: FEEDER_COLOUR.id,
      defaultScanner: null,
      esclScanners: [peer.url],
      hotFolders: [folder],
    });
    return { t: core, folder };
  }

  it('scans one flatbed page from the SANE test scanner with the chosen profile', async () => {
    ({ t } = await configured());
    const result = await t.must(CLIENT, 'devices.test', {
      target: 'scanner',
      scanner: { kind: 'sane', id: 'test:0' },
      profileId: FLATBED_GREY.id,
    });
    // The test backend's 80 × 100 mm picture at 200 dpi.
    expect(result).toMatchObject({ target: 'scanner', widthPx: 629, heightPx: 787, resolutionDpi: 200 });
    expect((await sharp(Buffer.from(result.thumbnailBase64, 'base64')).metadata()).format).toBe('jpeg');
  }, 60_000);

  it('takes one page from the eSCL feeder and leaves no job running on the device', async () => {
    ({ t } = await configured());
    peer.setFaults({});
    const before = peer.requests.length;
    const result = await t.must(CLIENT, 'devices.test', {
      target: 'scanner',
      scanner: { kind: 'escl', id: peer.url },
      profileId: FEEDER_COLOUR.id,
    });
    expect(result).toMatchObject({ target: 'scanner', resolutionDpi: 300 });
    const requests = peer.requests.slice(before);
    expect(requests.filter((r) => r.method === 'GET' && r.path.endsWith('/NextDocument'))).toHaveLength(1);
    expect(requests.some((r) => r.method === 'DELETE')).toBe(true);
  }, 60_000);

  it('says in Vietnamese that the eSCL feeder is empty', async () => {
    ({ t } = await configured());
    peer.setFaults({ feederEmpty: true });
    const result = await t.call(CLIENT, 'devices.test', {
      target: 'scanner',
      scanner: { kind: 'escl', id: peer.url },
      profileId: FEEDER_COLOUR.id,
    });
    peer.setFaults({});
    expect(result).toMatchObject({ ok: false, error: { code: 'SCANNER_FEEDER_EMPTY' } });
    expect(result.ok ? '' : result.error.message).toContain('không có giấy');
  }, 60_000);

  it('reports a SANE device fault and a missing scanner in Vietnamese', async () => {
    ({ t } = await configured());
    const gone = await t.call(CLIENT, 'devices.test', {
      target: 'scanner',
      scanner: { kind: 'sane', id: 'test:9' },
      profileId: FLATBED_GREY.id,
    });
    expect(gone).toMatchObject({ ok: false, error: { code: 'SCANNER_NOT_FOUND' } });
    const unknownProfile = await t.call(CLIENT, 'devices.test', {
      target: 'scanner',
      scanner: { kind: 'sane', id: 'test:0' },
      profileId: 'deleted',
    });
    expect(unknownProfile).toMatchObject({ ok: false, error: { code: 'SCAN_PROFILE_NOT_FOUND' } });
  }, 60_000);

  it('takes the page the scanner software drops into the hot folder', async () => {
    let folder: string;
    ({ t, folder } = await configured());
    const [page] = await scanTestPages(1, 200);
    setTimeout(() => writeFileSync(path.join(folder, 'scan-0001.png'), page!), 300);
    const result = await t.must(CLIENT, 'devices.test', {
      target: 'scanner',
      scanner: { kind: 'hot-folder', id: folder },
      profileId: FEEDER_COLOUR.id,
    });
    expect(result).toMatchObject({ target: 'scanner', widthPx: (await sharp(page).metadata()).width });
  }, 60_000);
});
