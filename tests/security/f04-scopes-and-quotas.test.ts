import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putGrant } from '../../central/access/authorities';
import { runAdminRequest } from '../../central/admin-commands';
import { createBackofficeToken } from '../../central/backoffice';
import { runCentralCli } from '../../central/cli';
import { encodeBlobBundle } from '../../shared/sync/blob-bundle';
import { BLOB_BUNDLE_TYPE } from '../../shared/sync/protocol';
import { enrol, signed, startGateway, type Gateway } from '../central/gateway-fixture';
import { tempDir } from '../central/temp';

/**
 * Issue 17 finding 4, the points beyond header authentication: blobs scoped to the agencies a device may act for,
 * each agency's share of storage and requests, back-office tokens scoped and revocable, and `--public-url` required.
 */
const QUOTA_BYTES = 1000;
const AGENCY_REQUEST_BURST = 30;
let gateway: Gateway;
const now = 5_000_000;

beforeAll(async () => {
  gateway = await startGateway({
    now: () => now,
    agencyStorageQuotaBytes: QUOTA_BYTES,
    limits: { requestsPerAgency: { burst: AGENCY_REQUEST_BURST, perMinute: 1 } },
  });
}, 120_000);
afterAll(() => gateway?.close());

function blob(text: string): { sha256: string; bytes: Uint8Array } {
  const bytes = new TextEncoder().encode(text);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

function sendBundle(device: { deviceId: string; secret: string }, blobs: { sha256: string; bytes: Uint8Array }[]) {
  return signed(gateway, device, 'POST', '/v1/blobs/bundle', Buffer.from(encodeBlobBundle(blobs)), { 'content-type': BLOB_BUNDLE_TYPE });
}

describe('finding 4: a device sees only blobs of the agencies it may act for', () => {
  it('answers another agency’s blob as unknown, to be sent whole, and shows it once that agency proved it has the bytes', async () => {
    const own = await enrol(gateway, '000.00.11.H56');
    const other = await enrol(gateway, '000.00.12.H56');
    const scan = blob('CCCD 038190012345 Nguyễn Thị Hồng Nhung — scan of agency 11');
    expect((await sendBundle(own, [scan])).status).toBe(200);
    expect(await signed(gateway, own, 'GET', `/v1/blobs/${scan.sha256}`)).toMatchObject({ status: 200, body: { complete: true } });

    expect(await signed(gateway, other, 'GET', `/v1/blobs/${scan.sha256}`)).toMatchObject({
      status: 404,
      body: { error: { code: 'BLOB_UNKNOWN' } },
    });
    expect((await signed(gateway, other, 'POST', '/v1/blobs/missing', { sha256s: [scan.sha256] })).body).toEqual({
      missing: [scan.sha256],
    });
    expect((await signed(gateway, other, 'POST', '/v1/blobs', { sha256: scan.sha256, size: scan.bytes.byteLength })).body).toMatchObject({
      complete: false,
      offset: 0,
    });

    // The other agency's counter really has the file: it sends it, and from then on holds it too.
    expect((await sendBundle(other, [scan])).status).toBe(200);
    expect(await signed(gateway, other, 'GET', `/v1/blobs/${scan.sha256}`)).toMatchObject({ status: 200, body: { complete: true } });

    // The resumable way too: a third agency announces the blob, sends its bytes, and then sees it complete.
    const third = await enrol(gateway, '000.00.19.H56');
    expect((await signed(gateway, third, 'POST', '/v1/blobs', { sha256: scan.sha256, size: scan.bytes.byteLength })).body).toMatchObject({
      complete: false,
      offset: 0,
    });
    const chunkSha256 = scan.sha256;
    const patched = await signed(gateway, third, 'PATCH', `/v1/blobs/${scan.sha256}`, Buffer.from(scan.bytes), {
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
      'x-chunk-sha256': chunkSha256,
    });
    expect(patched).toMatchObject({ status: 200, body: { complete: true } });
    expect(await signed(gateway, third, 'GET', `/v1/blobs/${scan.sha256}`)).toMatchObject({ status: 200, body: { complete: true } });
  });

  it('shows a blob to a counter of an agency that acts on behalf of its holder', async () => {
    const holder = await enrol(gateway, '000.00.13.H56');
    const centre = await enrol(gateway, '000.00.14.H56');
    const scan = blob('scan held by agency 13');
    expect((await sendBundle(holder, [scan])).status).toBe(200);
    expect((await signed(gateway, centre, 'GET', `/v1/blobs/${scan.sha256}`)).status).toBe(404);
    await putGrant(gateway.database.db, {
      actorAgency: '000.00.14.H56',
      forAgency: '000.00.13.H56',
      kind: 'onBehalf',
      effectiveFrom: null,
    });
    expect(await signed(gateway, centre, 'GET', `/v1/blobs/${scan.sha256}`)).toMatchObject({ status: 200, body: { complete: true } });
  });
});

describe('finding 4: each agency’s share of storage and requests', () => {
  it('refuses a file that would take the agency past its storage quota, and only that agency', async () => {
    const device = await enrol(gateway, '000.00.15.H56');
    const first = blob('x'.repeat(600));
    const second = blob('y'.repeat(600));
    expect((await sendBundle(device, [first])).status).toBe(200);
    expect(await sendBundle(device, [second])).toMatchObject({
      status: 507,
      body: { error: { code: 'AGENCY_STORAGE_QUOTA_EXCEEDED', usedBytes: 600, quotaBytes: QUOTA_BYTES } },
    });
    expect(await signed(gateway, device, 'POST', '/v1/blobs', { sha256: second.sha256, size: 600 })).toMatchObject({
      status: 507,
      body: { error: { code: 'AGENCY_STORAGE_QUOTA_EXCEEDED' } },
    });
    // A file it already holds costs nothing more; another agency has its own share.
    expect((await sendBundle(device, [first])).status).toBe(200);
    expect((await sendBundle(await enrol(gateway, '000.00.16.H56'), [second])).status).toBe(200);
  });

  it('limits the requests of all counters of one agency together, whatever each device’s own budget', async () => {
    const devices = [await enrol(gateway, '000.00.17.H56'), await enrol(gateway, '000.00.17.H56'), await enrol(gateway, '000.00.17.H56')];
    const statuses: number[] = [];
    for (let round = 0; round < 11; round += 1) {
      for (const device of devices) statuses.push((await signed(gateway, device, 'GET', '/v1/pull')).status);
    }
    expect(statuses.slice(0, AGENCY_REQUEST_BURST).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(AGENCY_REQUEST_BURST)).toEqual([429, 429, 429]);
    expect((await signed(gateway, await enrol(gateway, '000.00.18.H56'), 'GET', '/v1/pull')).status).toBe(200);
  });
});

describe('finding 4: back-office tokens are scoped and revocable', () => {
  const code = '000.00.06.H56-261206-0001';
  const call = (token: string, method: 'GET' | 'POST', path: string, body?: unknown) =>
    fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));

  it('lets a token do only what its scopes name', async () => {
    const { token } = await createBackofficeToken(gateway.database.db, 'Cổng dịch vụ công quốc gia', ['dvcqg']);
    expect(await call(token, 'POST', `/v1/backoffice/dossiers/${code}/status`, { status: 4, note: 'x' })).toMatchObject({
      status: 403,
      body: { error: { code: 'TOKEN_SCOPE_DENIED', scope: 'dossier-status' } },
    });
    expect((await call(token, 'GET', `/v1/files/${'a'.repeat(64)}`)).body.error.code).toBe('TOKEN_SCOPE_DENIED');
    expect((await call(token, 'POST', '/v1/backoffice/online-dossiers', {})).body.error.code).toBe('TOKEN_SCOPE_DENIED');
    // Its own scope passes authentication; the dossier simply is not there.
    expect((await call(token, 'GET', `/v1/dvcqg/dossiers/${code}`)).body.error.code).toBe('DOSSIER_NOT_FOUND');
  });

  it('refuses a revoked token from the moment it is revoked', async () => {
    const { id, token } = await createBackofficeToken(gateway.database.db, 'Một cửa tỉnh', ['dossier-status']);
    expect((await call(token, 'POST', `/v1/backoffice/dossiers/${code}/status`, { status: 4, note: 'x' })).body.error.code).toBe(
      'DOSSIER_NOT_FOUND',
    );
    expect(await runAdminRequest(gateway.database.db, { command: 'backoffice-token-revoke', tokenId: id })).toEqual({
      command: 'backoffice-token-revoke',
      revoked: true,
    });
    expect(await call(token, 'POST', `/v1/backoffice/dossiers/${code}/status`, { status: 4, note: 'x' })).toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_INVALID' } },
    });
    expect(await runAdminRequest(gateway.database.db, { command: 'backoffice-token-revoke', tokenId: id })).toMatchObject({
      revoked: false,
    });
  });

  it('makes tokens on the command line only with named scopes', async () => {
    const lines: string[] = [];
    expect(
      await runCentralCli(['backoffice-token', '--name', 'Cổng tỉnh', '--data', tempDir('quay-central-cli-')], (l) => lines.push(l)),
    ).toBe(2);
    expect(lines.join('\n')).toContain('backoffice-token needs --scope');
    expect(await runCentralCli(['backoffice-token', '--name', 'X', '--scope', 'dvcqg,admin'], (l) => lines.push(l))).toBe(2);
  });
});

describe('finding 4: file links need --public-url', () => {
  it('refuses to serve without the address the province publishes the gateway at', async () => {
    const lines: string[] = [];
    const code = await runCentralCli(['serve', '--port', '0', '--data', tempDir('quay-central-cli-')], (line) => lines.push(line));
    expect(code).toBe(64);
    expect(lines.join('\n')).toContain('serve needs --public-url');
    expect(await runCentralCli(['serve', '--port', '0', '--public-url', 'https://gw.example/x?y', '--data', tempDir('q-')], () => {})).toBe(
      64,
    );
  });
});
