import fs from 'node:fs';
import http from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../central/blobs';
import { sha256Hex } from '../../../central/credentials';
import { claimOnlineDossier, listOnlineDossiers } from '../../../central/online/online-dossiers';
import { isForbiddenAddress, sniffSubmittedFileType, fetchSubmittedFile } from '../../../central/online/submitted-file-fetch';
import { submittedFileContent } from '../../../central/online/submitted-files';
import { DvcqgClient } from '../../../central/portal/dvcqg-client';
import { pullOnlineSubmissions, type PortalIntakeOptions } from '../../../central/portal/portal-intake';
import { fromVietnamLocal } from '../../../shared/domain/vietnam-time';
import { errorMessages } from '../../../shared/i18n/vi';
import { DvcqgPortalSimulator, PORTAL_AUTH_PATH, PORTAL_INTEGRATION_PATH } from '../../peers/dvcqg-portal-simulator';
import { AGENCY } from '../gateway-fixture';
import { tempDir } from '../temp';
import { GatewayDatabase, PROCEDURE } from './portal-fixture';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const HTML = new TextEncoder().encode('<html><body>Đăng nhập để tải tệp</body></html>');

let gateway: GatewayDatabase;
let portal: DvcqgPortalSimulator;
let blobs: BlobStore;
const blobDir = path.join(tempDir('quay-portal-files-'), 'blobs');
// The gateway's clock, moved by the test; never the machine's.
let now = fromVietnamLocal('2026-03-09T08:00');
const logged: string[] = [];

const intake = (timeoutMs = 5_000): PortalIntakeOptions => ({
  db: gateway.database.db,
  client: new DvcqgClient({
    adapterUrl: portal.url,
    authPath: PORTAL_AUTH_PATH,
    integrationPath: PORTAL_INTEGRATION_PATH,
    username: 'u',
    password: 'p',
    dstcode: 'H56',
    madonvi: '000.00.00.H56',
    timeoutMs: 5_000,
    fileBaseUrl: 'https://mot-cua.example/v1/files',
  }),
  agencyCode: AGENCY,
  files: {
    blobs,
    fetch: { allowPrivateAddresses: true, timeoutMs, maxBytes: 1024 * 1024 },
    retry: { firstMs: 60_000, maxMs: 600_000 },
    now: () => now,
  },
  log: (message) => logged.push(message),
});

const officer = { username: 'canbo1', fullName: 'Cán bộ Một', deviceId: 'dev-portal', agencyCode: AGENCY };

beforeAll(async () => {
  gateway = await GatewayDatabase.create();
  blobs = new BlobStore(gateway.database.db, blobDir);
  portal = await DvcqgPortalSimulator.start({
    username: 'u',
    password: 'p',
    dstcode: 'H56',
    madonvi: '000.00.00.H56',
    now: () => fromVietnamLocal('2026-03-06T17:20'),
  });
}, 60_000);

afterAll(async () => {
  await portal?.close();
  await gateway?.destroy();
  fs.rmSync(path.dirname(blobDir), { recursive: true, force: true });
});

describe('the files of online submissions (issue 15 §1)', () => {
  it('fetches each filed file into the blob store, keeps the dossier when a link fails and fetches it again later, refuses a non-PDF', async () => {
    const declaration = portal.attachFile('TK', 'to-khai.pdf', PDF);
    const certificate = portal.attachFile('GCS', 'giay-chung-sinh.jpg', JPEG, 'image/jpeg');
    const flaky = portal.attachFile('GCS', 'trang-2.pdf', new TextEncoder().encode('%PDF-1.7\n%%EOF\n'));
    const html = portal.attachFile('KQ', 'ket-qua.pdf', HTML, 'text/html');
    const elsewhere = portal.redirectingLink('KQ', 'chuyen-huong.pdf', `http://localhost:${new URL(portal.url).port}/files/x`);
    portal.fileBehaviour.failNextOf[DvcqgPortalSimulator.fileId(flaky.DuongDanTaiTepTin)] = 1;
    portal.submitOnline({
      MaTTHC: PROCEDURE,
      ChuHoSo: 'Nguyễn Văn An',
      SoGiayToChuHoSo: '001090012345',
      LoaiDoiTuong: '1',
      SoDienThoai: '0912345678',
      Email: 'an@example.vn',
      MaDoiTuong: 'tech-1',
      TaiLieuNop: [declaration, certificate, flaky, html, elsewhere],
    });

    const first = await pullOnlineSubmissions(intake(), 0);
    expect(first).toMatchObject({ taken: 1, refused: 0, next: 1, files: { stored: 2, refused: 2, retried: 1 } });

    // Offered all the same, the failed file marked unavailable.
    const [queued] = await listOnlineDossiers(gateway.database.db, AGENCY, now);
    const claim = await claimOnlineDossier(gateway.database.db, queued!.id, officer, now);
    if (claim.outcome !== 'claimed') throw new Error(claim.outcome);
    expect(claim.files.map((f) => [f.componentCode, f.state, f.mediaType, f.errorCode])).toEqual([
      ['TK', 'stored', 'application/pdf', null],
      ['GCS', 'stored', 'image/jpeg', null],
      ['GCS', 'pending', null, 'ONLINE_FILE_UNREACHABLE'],
      ['KQ', 'refused', null, 'ONLINE_FILE_TYPE_NOT_ALLOWED'],
      ['KQ', 'refused', null, 'ONLINE_FILE_REDIRECT_REFUSED'],
    ]);
    expect(claim.files[0]!.sha256).toBe(sha256Hex(PDF));
    expect(fs.readFileSync(blobs.filePath(sha256Hex(JPEG)))).toEqual(Buffer.from(JPEG));

    // Before its backoff nothing is asked again; after it the file comes.
    const flakyId = DvcqgPortalSimulator.fileId(flaky.DuongDanTaiTepTin);
    expect((await pullOnlineSubmissions(intake(), 1)).files).toEqual({ stored: 0, refused: 0, retried: 0 });
    expect(portal.fileRequests.get(flakyId)).toBe(1);
    now = new Date(now.getTime() + 61_000);
    expect((await pullOnlineSubmissions(intake(), 1)).files).toEqual({ stored: 1, refused: 0, retried: 0 });

    // The counters of the agency read a stored file through the dossier; no other blob, no other agency.
    const content = await submittedFileContent(gateway.database.db, blobs, AGENCY, queued!.id, sha256Hex(PDF));
    expect(Buffer.from(content.dataBase64, 'base64')).toEqual(Buffer.from(PDF));
    await expect(submittedFileContent(gateway.database.db, blobs, '000.00.07.H56', queued!.id, sha256Hex(PDF))).rejects.toMatchObject({
      code: 'BLOB_UNKNOWN',
    });
    await expect(submittedFileContent(gateway.database.db, blobs, AGENCY, queued!.id, sha256Hex(HTML))).rejects.toMatchObject({
      code: 'BLOB_UNKNOWN',
    });
    expect(logged.join('\n')).not.toMatch(/Nguyễn|0912345678|to-khai|\/files\//);
  });

  it('gives up on a slow file for this pass and tries it again later', async () => {
    const slow = portal.attachFile('TK', 'cham.pdf', PDF);
    portal.submitOnline({
      MaTTHC: PROCEDURE,
      ChuHoSo: 'Trần Thị Bình',
      SoGiayToChuHoSo: '001090054321',
      LoaiDoiTuong: '1',
      SoDienThoai: '',
      Email: '',
      MaDoiTuong: 'tech-2',
      TaiLieuNop: [slow],
    });
    portal.fileBehaviour.delayMs = 2_000;
    expect((await pullOnlineSubmissions(intake(200), 1)).files).toEqual({ stored: 0, refused: 0, retried: 1 });
    portal.fileBehaviour.delayMs = 0;
    now = new Date(now.getTime() + 61_000);
    expect((await pullOnlineSubmissions(intake(), 2)).files).toEqual({ stored: 1, refused: 0, retried: 0 });
  });
});

describe('what the intake follows (central/online/submitted-file-fetch.ts)', () => {
  it('takes PDF, JPEG and PNG by their first bytes only', () => {
    expect(sniffSubmittedFileType(PDF)).toBe('application/pdf');
    expect(sniffSubmittedFileType(JPEG)).toBe('image/jpeg');
    expect(sniffSubmittedFileType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffSubmittedFileType(HTML)).toBeNull();
    expect(sniffSubmittedFileType(new Uint8Array([0x49, 0x49, 0x2a, 0x00]))).toBeNull();
  });

  it('refuses links that are not http(s) or point into the gateway’s own networks', async () => {
    const options = { allowPrivateAddresses: false, timeoutMs: 1_000, maxBytes: 1024 };
    for (const link of ['file:///etc/passwd', 'ftp://portal.example/a.pdf', 'http://127.0.0.1:1/a.pdf', 'http://[::1]/a', 'not a link']) {
      expect(await fetchSubmittedFile(link, options)).toEqual({ ok: false, code: 'ONLINE_FILE_LINK_REFUSED', retry: false });
    }
    expect(errorMessages.ONLINE_FILE_LINK_REFUSED).toMatch(/không hợp lệ/);
  });

  it('judges addresses by network: private, shared, link-local, loopback, unique-local, mapped and reserved are refused', () => {
    const forbidden = [
      ...['0.0.0.0', '0.1.2.3', '10.0.0.1', '100.64.0.1', '100.127.255.254', '127.0.0.1', '127.8.9.10', '169.254.169.254'],
      ...['172.16.0.1', '172.31.255.255', '192.168.1.5', '198.18.0.1', '224.0.0.1', '255.255.255.255'],
      ...['::', '::1', '::127.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254'],
      ...['64:ff9b::10.0.0.1', '2002:7f00:1::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%eth0', 'ff02::1', 'not-an-address'],
    ];
    expect(forbidden.filter((address) => !isForbiddenAddress(address))).toEqual([]);
    const allowed = [
      '203.162.4.190',
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '2001:4860:4860::8888',
      '::ffff:203.162.4.190',
      '64:ff9b::8.8.8.8',
    ];
    expect(allowed.filter(isForbiddenAddress)).toEqual([]);
  });

  describe('a link into the gateway’s own network, by name or in a disguised literal (issue 17)', () => {
    // Stands for a service on the province's network that must never see the gateway's requests.
    let inside: http.Server;
    let insidePort = 0;
    let connections = 0;
    const refusedLink = { ok: false, code: 'ONLINE_FILE_LINK_REFUSED', retry: false };
    const resolving = (...addresses: string[]) => {
      const asked: string[] = [];
      const lookup = async (hostname: string) => {
        asked.push(hostname);
        return addresses.map((address) => ({ address, family: isIP(address) }));
      };
      return { asked, lookup };
    };

    beforeAll(async () => {
      inside = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF));
      inside.on('connection', () => (connections += 1));
      await new Promise<void>((resolve) => inside.listen(0, '127.0.0.1', resolve));
      insidePort = (inside.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await new Promise((resolve) => inside.close(resolve));
    });

    it('refuses a name resolving to any forbidden address, connecting to nothing', async () => {
      const answers = [
        ['127.0.0.1'],
        ['10.1.2.3'],
        ['172.20.1.1'],
        ['192.168.0.10'],
        ['169.254.169.254'],
        ['100.64.0.1'],
        ['0.0.0.0'],
        ['::1'],
        ['fd00:ec2::254'],
        ['fe80::1'],
        ['::ffff:127.0.0.1'],
        // One forbidden address among public ones is enough: the socket may try any of them.
        ['203.162.4.190', '127.0.0.1'],
        ['2001:4860:4860::8888', '::ffff:7f00:1'],
      ];
      for (const addresses of answers) {
        const resolver = resolving(...addresses);
        const answer = await fetchSubmittedFile(`http://tep.dichvucong.example:${insidePort}/files/a.pdf`, {
          allowPrivateAddresses: false,
          timeoutMs: 2_000,
          maxBytes: 1024,
          lookup: resolver.lookup,
        });
        expect({ addresses, answer }).toEqual({ addresses, answer: refusedLink });
        expect(resolver.asked).toEqual(['tep.dichvucong.example']);
      }
      expect(connections).toBe(0);
    });

    it('refuses the literal forms attackers use, whether or not the URL parser normalises them', async () => {
      // The WHATWG parser turns decimal, octal, hex and short IPv4 into dotted quads and compresses IPv6;
      // it keeps a trailing dot on a name and the mapped IPv6 forms, which are then judged here.
      expect(['http://2130706433/', 'http://0x7f.1/', 'http://017700000001/', 'http://127.1/'].map((l) => new URL(l).hostname)).toEqual(
        Array(4).fill('127.0.0.1'),
      );
      expect(new URL('http://LOCALHOST./').hostname).toBe('localhost.');
      expect(new URL('http://[::ffff:127.0.0.1]/').hostname).toBe('[::ffff:7f00:1]');
      const hosts = [
        ...['2130706433', '0x7f.1', '017700000001', '0177.0.0.1', '127.1', '0', '127.0.0.1.', '0x7f000001'],
        ...['LOCALHOST', 'localhost.', 'LocalHost.', 'files.localhost', 'files.localhost.'],
        ...['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[0:0:0:0:0:0:0:1]', '[::]', '[::127.0.0.1]', '[fe80::1]', '[fd00::1]'],
      ];
      const resolver = resolving('127.0.0.1');
      for (const host of hosts) {
        const answer = await fetchSubmittedFile(`http://${host}:${insidePort}/files/a.pdf`, {
          allowPrivateAddresses: false,
          timeoutMs: 2_000,
          maxBytes: 1024,
          lookup: resolver.lookup,
        });
        expect({ host, answer }).toEqual({ host, answer: refusedLink });
      }
      expect(connections).toBe(0);
    });

    it('resolves a name once per connection and connects to the address it vetted, so a rebound name cannot slip in', async () => {
      // Allowed here (the tests' own network) so the connection can be seen: the first answer is the one
      // connected to; a second, different answer is never asked for.
      let asked = 0;
      const lookup = async () => {
        asked += 1;
        return asked === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.255.255.1', family: 4 }];
      };
      const before = connections;
      const answer = await fetchSubmittedFile(`http://tep.dichvucong.example:${insidePort}/files/a.pdf`, {
        allowPrivateAddresses: true,
        timeoutMs: 5_000,
        maxBytes: 1024,
        lookup,
      });
      expect(answer).toMatchObject({ ok: true, mediaType: 'application/pdf' });
      expect({ asked, connections: connections - before }).toEqual({ asked: 1, connections: 1 });
    });
  });

  it('refuses a file over the size cap', async () => {
    const big = portal.attachFile('TK', 'lon.pdf', new Uint8Array([...PDF, ...new Uint8Array(4096)]));
    const answer = await fetchSubmittedFile(big.DuongDanTaiTepTin, { allowPrivateAddresses: true, timeoutMs: 5_000, maxBytes: 1024 });
    expect(answer).toEqual({ ok: false, code: 'ONLINE_FILE_TOO_LARGE', retry: false });
  });
});
