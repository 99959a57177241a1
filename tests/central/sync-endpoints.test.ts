import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackofficeToken } from '../../central/backoffice';
import { blobs, centralChanges, dossierEvents, dossierFiles, dossiers, sequenceLeases } from '../../central/db/schema';
import { revokeDevice } from '../../central/enrolment';
import { importFile } from '../../central/imports';
import { gatewayStats } from '../../central/stats';
import { encodeBlobBundle } from '../../shared/sync/blob-bundle';
import { BLOB_BUNDLE_TYPE } from '../../shared/sync/protocol';
import {
  AGENCY,
  enrol,
  push,
  receivedCommand,
  returnedCommand,
  signed,
  signedHeaders,
  startGateway,
  type Gateway,
} from './gateway-fixture';

const OTHER_AGENCY = '000.00.07.H56';
const procedure = {
  code: '1.001193.000.00.00.H56',
  name: 'Đăng ký khai sinh',
  sectorCode: 'G01',
  sectorName: 'Hộ tịch',
  level: 'commune',
  duration: { unit: 'workingDays', value: 1 },
  components: [],
};
let gateway: Gateway;
let device: { deviceId: string; secret: string };
let otherDevice: { deviceId: string; secret: string };
let token: string;

beforeAll(async () => {
  gateway = await startGateway();
  device = await enrol(gateway);
  otherDevice = await enrol(gateway, OTHER_AGENCY);
  token = (await createBackofficeToken(gateway.database.db, 'Hệ thống một cửa tỉnh')).token;
  await importFile(
    gateway.database.db,
    'catalog',
    JSON.stringify({ version: 1, procedures: [procedure], agencies: [{ code: AGENCY, name: 'UBND xã Yên Thái' }] }),
  );
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function patch(sha256: string, offset: number, chunk: Buffer, chunkSha = sha(chunk)) {
  return signed(gateway, device, 'PATCH', `/v1/blobs/${sha256}`, chunk, {
    'content-type': 'application/offset+octet-stream',
    'upload-offset': String(offset),
    'x-chunk-sha256': chunkSha,
  });
}

async function upload(content: Buffer): Promise<string> {
  const sha256 = sha(content);
  expect((await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: content.byteLength })).status).toBe(200);
  expect((await patch(sha256, 0, content)).body).toEqual({ offset: content.byteLength, complete: true });
  return sha256;
}

function backoffice(method: 'GET' | 'POST', target: string, body?: unknown, bearer = token) {
  return fetch(`${gateway.url}${target}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('resumable blobs', () => {
  it('creates, resumes from the stored offset, verifies the whole hash and keeps the file by sha256', async () => {
    const content = randomBytes(300_000);
    const sha256 = sha(content);
    expect(await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: content.byteLength })).toEqual({
      status: 200,
      body: { sha256, size: 300_000, offset: 0, complete: false },
    });
    expect((await patch(sha256, 0, content.subarray(0, 100_000))).body).toEqual({ offset: 100_000, complete: false });
    // As after an app restart: ask where the upload stands, go on from there.
    expect((await signed(gateway, device, 'GET', `/v1/blobs/${sha256}`)).body).toEqual({
      sha256,
      size: 300_000,
      offset: 100_000,
      complete: false,
    });
    expect(await patch(sha256, 0, content.subarray(0, 100_000))).toMatchObject({
      status: 409,
      body: { error: { code: 'OFFSET_MISMATCH', offset: 100_000 } },
    });
    expect((await patch(sha256, 100_000, content.subarray(100_000))).body).toEqual({ offset: 300_000, complete: true });
    const stored = path.join(gateway.blobDir, sha256.slice(0, 2), sha256);
    expect(sha(fs.readFileSync(stored))).toBe(sha256);
    expect(fs.existsSync(`${stored}.part`)).toBe(false);
    // The gateway already has it: the counter is told not to send it again.
    expect((await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: 300_000 })).body).toEqual({
      sha256,
      size: 300_000,
      offset: 300_000,
      complete: true,
    });
  });

  it('refuses a chunk that does not match its checksum and stores nothing of it', async () => {
    const content = randomBytes(1000);
    const sha256 = sha(content);
    await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: 1000 });
    expect(await patch(sha256, 0, content, sha(Buffer.from('other')))).toMatchObject({
      status: 422,
      body: { error: { code: 'CHUNK_HASH_MISMATCH' } },
    });
    expect((await signed(gateway, device, 'GET', `/v1/blobs/${sha256}`)).body.offset).toBe(0);
  });

  it('restarts the upload from 0 when the whole file does not match the announced sha256', async () => {
    const announced = randomBytes(2000);
    const sent = randomBytes(2000);
    const sha256 = sha(announced);
    await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: 2000 });
    expect(await patch(sha256, 0, sent)).toMatchObject({ status: 422, body: { error: { code: 'BLOB_HASH_MISMATCH', offset: 0 } } });
    expect((await signed(gateway, device, 'GET', `/v1/blobs/${sha256}`)).body).toMatchObject({ offset: 0, complete: false });
    expect(fs.existsSync(path.join(gateway.blobDir, sha256.slice(0, 2), sha256))).toBe(false);
    expect((await patch(sha256, 0, announced)).body).toEqual({ offset: 2000, complete: true });
  });

  it('answers unknown blobs, size conflicts, over-long chunks and bad ids with stable codes', async () => {
    const unknown = sha('never announced');
    expect(await signed(gateway, device, 'GET', `/v1/blobs/${unknown}`)).toMatchObject({
      status: 404,
      body: { error: { code: 'BLOB_UNKNOWN' } },
    });
    expect(await patch(unknown, 0, Buffer.from('x'))).toMatchObject({ status: 404, body: { error: { code: 'BLOB_UNKNOWN' } } });
    const content = Buffer.from('ten bytes!');
    const sha256 = sha(content);
    await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: 10 });
    expect(await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: 11 })).toMatchObject({
      status: 409,
      body: { error: { code: 'BLOB_SIZE_CONFLICT', size: 10 } },
    });
    expect(await patch(sha256, 0, Buffer.from('eleven bytes'))).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    expect(await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: 2 ** 40 })).toMatchObject({
      status: 413,
      body: { error: { code: 'BLOB_TOO_LARGE' } },
    });
    expect(await signed(gateway, device, 'POST', '/v1/blobs', { sha256: 'ABC', size: 1 })).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    expect(await signed(gateway, device, 'GET', `/v1/blobs/${'g'.repeat(64)}`)).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    expect(await signed(gateway, device, 'GET', `/v1/blobs/${sha256.toUpperCase()}`)).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    expect(await signed(gateway, device, 'GET', `/v1/blobs/..%2F..%2Fgateway.key`)).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_PATH' } },
    });
    expect(await signed(gateway, device, 'GET', `/v1/blobs/${sha256}.part`)).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    expect(await patch(sha256, 0, content, 'not-hex')).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    const wrongType = await signed(gateway, device, 'PATCH', `/v1/blobs/${sha256}`, content, {
      'content-type': 'application/json',
      'upload-offset': '0',
      'x-chunk-sha256': sha256,
    });
    expect(wrongType).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
    expect((await signed(gateway, device, 'GET', `/v1/blobs/${sha256}`)).body.offset).toBe(0);
  });

  it('completes an empty file on creation', async () => {
    const sha256 = sha('');
    expect((await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: 0 })).body).toEqual({
      sha256,
      size: 0,
      offset: 0,
      complete: true,
    });
    expect(await signed(gateway, device, 'POST', '/v1/blobs', { sha256: sha('x'), size: 0 })).toMatchObject({
      status: 422,
      body: { error: { code: 'BLOB_HASH_MISMATCH' } },
    });
  });

  it('rejects a command naming a blob not yet complete with retryable BLOB_MISSING, then applies it', async () => {
    const content = randomBytes(5000);
    const sha256 = sha(content);
    const command = receivedCommand();
    command.payload.files = [{ componentCode: 'TK', sha256, size: 5000, mediaType: 'application/pdf', pageCount: 2 }];
    expect((await push(gateway, device, [command])).body.results).toEqual([{ id: command.id, status: 'rejected', reason: 'BLOB_MISSING' }]);
    expect(await gateway.database.db.select().from(dossiers).where(eq(dossiers.code, command.dossierCode))).toEqual([]);
    await upload(content);
    expect((await push(gateway, device, [command])).body.results[0]).toMatchObject({ status: 'applied', result: { files: 1 } });
    expect(await gateway.database.db.select().from(dossierFiles).where(eq(dossierFiles.dossierCode, command.dossierCode))).toMatchObject([
      { sha256, componentCode: 'TK', pageCount: 2 },
    ]);
    const late = randomBytes(100);
    const attach = {
      id: receivedCommand().id,
      kind: 'dossier.filesAttached',
      dossierCode: command.dossierCode,
      payload: { code: command.dossierCode, files: [{ componentCode: 'GCS', sha256: sha(late), size: 100, mediaType: 'image/jpeg' }] },
    };
    expect((await push(gateway, device, [attach])).body.results[0]).toMatchObject({ status: 'rejected', reason: 'BLOB_MISSING' });
    await upload(late);
    expect((await push(gateway, device, [attach])).body.results[0]).toMatchObject({ status: 'applied' });
  });
});

describe('small blobs sent whole in bundles', () => {
  const bundle = (body: Buffer, contentType = BLOB_BUNDLE_TYPE) =>
    signed(gateway, device, 'POST', '/v1/blobs/bundle', body, { 'content-type': contentType });
  const storedPath = (sha256: string) => path.join(gateway.blobDir, sha256.slice(0, 2), sha256);

  it('tells which blobs it lacks, keeps a bundle of whole files by sha256, then lacks none of them', async () => {
    const held = await upload(randomBytes(2000));
    const pages = [randomBytes(30_000), randomBytes(1)];
    const hashes = pages.map(sha);
    expect((await signed(gateway, device, 'POST', '/v1/blobs/missing', { sha256s: [hashes[0], held, hashes[1]] })).body).toEqual({
      missing: [hashes[0], hashes[1]],
    });
    const answer = await bundle(Buffer.from(encodeBlobBundle(pages.map((bytes, i) => ({ sha256: hashes[i]!, bytes })))));
    expect(answer).toEqual({
      status: 200,
      body: { blobs: pages.map((bytes, i) => ({ sha256: hashes[i], size: bytes.byteLength, offset: bytes.byteLength, complete: true })) },
    });
    pages.forEach((bytes, i) => expect(fs.readFileSync(storedPath(hashes[i]!)).equals(bytes)).toBe(true));
    expect(fs.readdirSync(path.dirname(storedPath(hashes[0]!))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await signed(gateway, device, 'POST', '/v1/blobs/missing', { sha256s: hashes })).body).toEqual({ missing: [] });
    // Sent again (a retried request): answered complete, nothing rewritten.
    expect((await bundle(Buffer.from(encodeBlobBundle([{ sha256: hashes[0]!, bytes: pages[0]! }])))).status).toBe(200);
  });

  it('completes a blob whose resumable upload was started, with the verified size', async () => {
    const content = randomBytes(5000);
    const sha256 = sha(content);
    await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: content.byteLength });
    await patch(sha256, 0, content.subarray(0, 1000));
    expect((await bundle(Buffer.from(encodeBlobBundle([{ sha256, bytes: content }])))).status).toBe(200);
    expect((await signed(gateway, device, 'GET', `/v1/blobs/${sha256}`)).body).toEqual({
      sha256,
      size: 5000,
      offset: 5000,
      complete: true,
    });
    expect((await patch(sha256, 1000, content.subarray(1000))).body).toEqual({ offset: 5000, complete: true });
    expect(fs.readFileSync(storedPath(sha256)).equals(content)).toBe(true);
  });

  it('stores nothing of a bundle with one file that does not match its sha256', async () => {
    const good = randomBytes(3000);
    const bad = randomBytes(3000);
    const claimed = sha(randomBytes(3000));
    const answer = await bundle(
      Buffer.from(
        encodeBlobBundle([
          { sha256: sha(good), bytes: good },
          { sha256: claimed, bytes: bad },
        ]),
      ),
    );
    expect(answer).toMatchObject({ status: 422, body: { error: { code: 'BLOB_HASH_MISMATCH', sha256: claimed } } });
    expect((await signed(gateway, device, 'POST', '/v1/blobs/missing', { sha256s: [sha(good), claimed] })).body).toEqual({
      missing: [sha(good), claimed],
    });
    expect(fs.existsSync(storedPath(sha(good)))).toBe(false);
  });

  it('answers a malformed bundle or question with stable codes and stores nothing', async () => {
    const bytes = randomBytes(100);
    const manifest = (blobs: unknown) => Buffer.from(`${JSON.stringify({ blobs })}\n`);
    const cases: [Buffer, string][] = [
      [Buffer.from('no manifest line'), 'BAD_REQUEST'],
      [Buffer.concat([Buffer.from('{not json}\n'), bytes]), 'BAD_REQUEST'],
      [Buffer.concat([manifest([{ sha256: '../../etc/passwd', size: 100 }]), bytes]), 'BAD_REQUEST'],
      [Buffer.concat([manifest([{ sha256: sha(bytes), size: 101 }]), bytes]), 'BAD_REQUEST'],
      [Buffer.concat([manifest([]), bytes]), 'BAD_REQUEST'],
    ];
    for (const [body, code] of cases) expect(await bundle(body)).toMatchObject({ status: 400, body: { error: { code } } });
    expect(await bundle(Buffer.from(encodeBlobBundle([{ sha256: sha(bytes), bytes }])), 'application/json')).toMatchObject({
      status: 415,
      body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } },
    });
    expect(await signed(gateway, device, 'POST', '/v1/blobs/missing', { sha256s: ['nope'] })).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    expect((await signed(gateway, device, 'POST', '/v1/blobs/missing', { sha256s: [sha(bytes)] })).body).toEqual({ missing: [sha(bytes)] });
  });
});

describe('pull feed', () => {
  it('pages through catalogue, calendar and the agency’s own staff with an opaque cursor', async () => {
    await importFile(
      gateway.database.db,
      'calendar',
      JSON.stringify({ version: 1, days: [{ date: '2026-09-02', kind: 'dayOff', name: 'Quốc khánh' }] }),
    );
    const staffMember = (username: string, agencyCode: string) => ({
      username,
      fullName: 'Lê Văn Cán Bộ',
      role: 'officer',
      passwordHash: 'scrypt$1024$8$1$c2FsdA==$a2V5',
      locked: false,
      agencyCode,
    });
    await importFile(
      gateway.database.db,
      'staff',
      JSON.stringify({ version: 1, staff: [staffMember('canbo01', AGENCY), staffMember('canbo99', OTHER_AGENCY)] }),
    );

    const seen: { kind: string; key: string }[] = [];
    let cursor = '';
    for (let page = 0; page < 20; page += 1) {
      const answer = await signed(gateway, device, 'GET', `/v1/pull?cursor=${cursor}&limit=2`);
      expect(answer.status).toBe(200);
      expect(answer.body.changes.length).toBeLessThanOrEqual(2);
      seen.push(...answer.body.changes.map((c: { kind: string; key: string }) => ({ kind: c.kind, key: c.key })));
      cursor = answer.body.cursor;
      if (!answer.body.more) break;
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        { kind: 'procedure', key: procedure.code },
        { kind: 'agency', key: AGENCY },
        { kind: 'calendarDay', key: '2026-09-02' },
        { kind: 'staff', key: 'canbo01' },
      ]),
    );
    expect(seen.find((c) => c.key === 'canbo99')).toBeUndefined();
    expect(new Set(seen.map((c) => `${c.kind}/${c.key}`)).size).toBe(seen.length);
    // Nothing new: the same cursor comes back, with nothing to do.
    expect((await signed(gateway, device, 'GET', `/v1/pull?cursor=${cursor}`)).body).toEqual({ changes: [], cursor, more: false });
    const other = await signed(gateway, otherDevice, 'GET', '/v1/pull?limit=500');
    expect(other.body.changes.map((c: { key: string }) => c.key)).toContain('canbo99');
    expect(other.body.changes.map((c: { key: string }) => c.key)).not.toContain('canbo01');
  });

  it('refuses a forged cursor, a limit over 500 and a query that was not signed', async () => {
    expect(await signed(gateway, device, 'GET', '/v1/pull?cursor=abc')).toMatchObject({
      status: 400,
      body: { error: { code: 'CURSOR_INVALID' } },
    });
    expect(await signed(gateway, device, 'GET', '/v1/pull?limit=501')).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    const headers = signedHeaders(device, '', { method: 'GET', path: '/v1/pull?cursor=' });
    const tampered = await fetch(`${gateway.url}/v1/pull?cursor=0&limit=500`, { headers });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as any).error.code).toBe('SIGNATURE_INVALID');
  });
});

describe('account locks', () => {
  it('publishes a lock set at one counter to the other counters of its agency, once', async () => {
    const staffMember = {
      username: 'canbo07',
      fullName: 'Trần Thị Bảy',
      role: 'officer',
      passwordHash: 'scrypt$1024$8$1$c2FsdA==$a2V5',
      locked: false,
      agencyCode: AGENCY,
    };
    await importFile(gateway.database.db, 'staff', JSON.stringify({ version: 1, staff: [staffMember] }));
    const colleague = await enrol(gateway);
    const start = (await signed(gateway, colleague, 'GET', '/v1/pull?limit=500')).body.cursor;
    const lock = (username: string, dossierCode = `staff:${username}`) => ({
      id: receivedCommand().id,
      kind: 'account.locked',
      dossierCode,
      payload: { username, reason: 'failedAttempts', at: '2026-03-02T02:00:00.000Z' },
    });
    const first = lock('canbo07');
    expect((await push(gateway, device, [first])).body.results[0]).toMatchObject({ status: 'applied', result: { published: true } });
    expect((await push(gateway, device, [first])).body.results[0]).toMatchObject({ status: 'duplicate' });
    expect((await push(gateway, device, [lock('canbo07')])).body.results[0]).toMatchObject({
      status: 'applied',
      result: { published: false, alreadyLocked: true },
    });
    const pulled = (await signed(gateway, colleague, 'GET', `/v1/pull?cursor=${start}&limit=500`)).body.changes;
    expect(pulled).toEqual([
      { kind: 'staff', key: 'canbo07', data: { ...staffMember, locked: true, lockReason: 'failedAttempts', mustChangePassword: false } },
    ]);
    // An account only this counter knows has nothing to publish, and must not block the queue.
    expect((await push(gateway, device, [lock('local-only')])).body.results[0]).toMatchObject({
      status: 'applied',
      result: { published: false },
    });
    expect((await push(gateway, device, [lock('canbo07', 'staff:someone-else')])).body.results[0]).toMatchObject({
      status: 'rejected',
      reason: 'DOSSIER_CODE_MISMATCH',
    });
    // The other agency's counters never see it.
    expect((await signed(gateway, otherDevice, 'GET', '/v1/pull?limit=500')).body.changes.map((c: { key: string }) => c.key)).not.toContain(
      'canbo07',
    );
  });

  it('publishes an unlock of a counter’s lock, but leaves a lock the province imported', async () => {
    const member = (username: string, locked: boolean) => ({
      username,
      fullName: 'Phạm Thị Chín',
      role: 'officer',
      passwordHash: 'scrypt$1024$8$1$c2FsdA==$a2V5',
      locked,
      agencyCode: AGENCY,
      mustChangePassword: false,
    });
    await importFile(
      gateway.database.db,
      'staff',
      JSON.stringify({ version: 1, staff: [member('canbo09', false), member('daxinnghi', true)] }),
    );
    const colleague = await enrol(gateway);
    const start = (await signed(gateway, colleague, 'GET', '/v1/pull?limit=500')).body.cursor;
    const command = (kind: string, username: string, extra: object = {}) => ({
      id: receivedCommand().id,
      kind,
      dossierCode: `staff:${username}`,
      payload: { username, at: '2026-03-02T02:00:00.000Z', ...extra },
    });
    const results = (
      await push(gateway, device, [
        command('account.unlocked', 'canbo09'),
        command('account.locked', 'canbo09', { reason: 'admin' }),
        command('account.unlocked', 'canbo09'),
        command('account.unlocked', 'daxinnghi'),
        command('account.unlocked', 'local-only'),
      ])
    ).body.results.map((r: { status: string; result: object }) => [r.status, r.result]);
    expect(results).toEqual([
      ['applied', { username: 'canbo09', published: false }],
      ['applied', { username: 'canbo09', published: true }],
      ['applied', { username: 'canbo09', published: true }],
      ['applied', { username: 'daxinnghi', published: false, lockedByProvince: true }],
      ['applied', { username: 'local-only', published: false }],
    ]);
    const pulled = (await signed(gateway, colleague, 'GET', `/v1/pull?cursor=${start}&limit=500`)).body.changes;
    expect(pulled.map((c: { data: object }) => c.data)).toEqual([
      { ...member('canbo09', true), lockReason: 'admin' },
      member('canbo09', false),
    ]);
    expect((await push(gateway, device, [command('account.unlocked', 'canbo09', { at: 'yesterday' })])).body.results[0]).toMatchObject({
      status: 'rejected',
      reason: 'PAYLOAD_INVALID',
    });
  });
});

describe('sequence blocks', () => {
  it('leases disjoint blocks per agency and day, also when asked concurrently', async () => {
    const day = '2026-12-01';
    const blocks = await Promise.all(
      Array.from({ length: 12 }, () => signed(gateway, device, 'POST', '/v1/sequence-blocks', { day, count: 25 })),
    );
    const ranges = blocks
      .map((b) => b.body as { agencyCode: string; day: string; first: number; last: number })
      .sort((a, b) => a.first - b.first);
    expect(ranges.every((r) => r.agencyCode === AGENCY && r.day === day && r.last - r.first === 24)).toBe(true);
    ranges.forEach((r, i) => expect(r.first).toBe(1 + i * 25));
    // Another agency counts on its own.
    expect((await signed(gateway, otherDevice, 'POST', '/v1/sequence-blocks', { day, count: 10 })).body).toEqual({
      agencyCode: OTHER_AGENCY,
      day,
      first: 1,
      last: 10,
    });
  });

  it('refuses a block past 9999 without consuming numbers', async () => {
    const day = '2026-12-02';
    // A device leases at most 2,000 numbers a day (issue 17 finding 4): the agency's 9,000 come from five.
    const counters = [device, ...(await Promise.all(Array.from({ length: 4 }, () => enrol(gateway))))];
    for (let i = 0; i < 9; i += 1) await signed(gateway, counters[Math.floor(i / 2)]!, 'POST', '/v1/sequence-blocks', { day, count: 1000 });
    expect((await signed(gateway, counters[4]!, 'POST', '/v1/sequence-blocks', { day, count: 1000 })).body).toMatchObject({
      error: { code: 'SEQUENCE_EXHAUSTED', remaining: 999 },
    });
    expect((await signed(gateway, counters[4]!, 'POST', '/v1/sequence-blocks', { day, count: 999 })).body).toMatchObject({
      first: 9001,
      last: 9999,
    });
    expect(await signed(gateway, device, 'POST', '/v1/sequence-blocks', { day: '2026-02-30', count: 5 })).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    expect(await signed(gateway, device, 'POST', '/v1/sequence-blocks', { day, count: '5' })).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    const leases = await gateway.database.db.select().from(sequenceLeases).where(eq(sequenceLeases.day, day));
    expect(leases.map((l) => l.last).sort((a, b) => b - a)[0]).toBe(9999);
  });

  it('tops a counter’s day up to what the province expects there, so a new counter’s first lease lasts a busy day', async () => {
    const day = '2026-12-07';
    const busy = await enrol(gateway, AGENCY, 150);
    expect((await signed(gateway, busy, 'POST', '/v1/sequence-blocks', { day, count: 20 })).body).toEqual({
      agencyCode: AGENCY,
      day,
      first: 1,
      last: 150,
    });
    // The day already holds the expected 150: further leases are what the counter asks for.
    expect((await signed(gateway, busy, 'POST', '/v1/sequence-blocks', { day, count: 20 })).body).toMatchObject({ first: 151, last: 170 });
    // A counter without the setting gets what it asks for, whatever its neighbour holds.
    expect((await signed(gateway, device, 'POST', '/v1/sequence-blocks', { day, count: 20 })).body).toMatchObject({
      first: 171,
      last: 190,
    });
    expect((await signed(gateway, busy, 'POST', '/v1/sequence-blocks', { day: '2026-12-08', count: 200 })).body).toMatchObject({
      first: 1,
      last: 200,
    });
  });
});

describe('back office and DVCQG', () => {
  it('posts a status with a bearer token: an event, the new status and a change for that agency only', async () => {
    const command = receivedCommand();
    await push(gateway, device, [command]);
    const before = (await signed(gateway, device, 'GET', '/v1/pull?limit=500')).body.cursor;
    const otherBefore = (await signed(gateway, otherDevice, 'GET', '/v1/pull?limit=500')).body.cursor;
    const answer = await backoffice('POST', `/v1/backoffice/dossiers/${command.dossierCode}/status`, {
      status: 9,
      note: 'Đã ký giấy khai sinh',
      at: '2026-03-03T01:30:00.000Z',
    });
    expect(answer.status).toBe(200);
    const posted = (await answer.json()) as any;
    expect(posted).toMatchObject({ code: command.dossierCode, status: 9, note: 'Đã ký giấy khai sinh', at: '2026-03-03T01:30:00.000Z' });
    const [row] = await gateway.database.db.select().from(dossiers).where(eq(dossiers.code, command.dossierCode));
    expect(row).toMatchObject({ status: 9, view: expect.objectContaining({ status: 9 }) });
    expect(await gateway.database.db.select().from(dossierEvents).where(eq(dossierEvents.id, posted.eventId))).toMatchObject([
      { type: 'statusChanged' },
    ]);
    expect((await signed(gateway, device, 'GET', `/v1/pull?cursor=${before}`)).body.changes).toEqual([
      { kind: 'dossierStatus', key: command.dossierCode, data: posted },
    ]);
    expect((await signed(gateway, otherDevice, 'GET', `/v1/pull?cursor=${otherBefore}`)).body.changes).toEqual([]);
  });

  it('refuses missing or unknown tokens, unknown dossiers and statuses that belong to the counter', async () => {
    const command = receivedCommand();
    await push(gateway, device, [command]);
    const changesBefore = (await gateway.database.db.select().from(centralChanges)).length;
    const noToken = await fetch(`${gateway.url}/v1/backoffice/dossiers/${command.dossierCode}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"status":9}',
    });
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as any).error.code).toBe('AUTH_MISSING');
    const wrong = await backoffice(
      'POST',
      `/v1/backoffice/dossiers/${command.dossierCode}/status`,
      { status: 9 },
      `qbo_${randomBytes(32).toString('base64url')}`,
    );
    expect(((await wrong.json()) as any).error.code).toBe('TOKEN_INVALID');
    const unknown = await backoffice('POST', `/v1/backoffice/dossiers/${AGENCY}-260302-9998/status`, { status: 9 });
    expect([unknown.status, ((await unknown.json()) as any).error.code]).toEqual([404, 'DOSSIER_NOT_FOUND']);
    const handedOver = await backoffice('POST', `/v1/backoffice/dossiers/${command.dossierCode}/status`, { status: 10 });
    expect([handedOver.status, ((await handedOver.json()) as any).error.code]).toEqual([400, 'BAD_REQUEST']);
    const badJson = await fetch(`${gateway.url}/v1/backoffice/dossiers/${command.dossierCode}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"status":',
    });
    expect(((await badJson.json()) as any).error.code).toBe('BAD_JSON');
    // A device credential is not a back-office token.
    const asDevice = await signed(gateway, device, 'POST', `/v1/backoffice/dossiers/${command.dossierCode}/status`, { status: 9 });
    expect(asDevice).toMatchObject({ status: 401, body: { error: { code: 'AUTH_MISSING' } } });
    expect((await gateway.database.db.select().from(centralChanges)).length).toBe(changesBefore);
    const [row] = await gateway.database.db.select().from(dossiers).where(eq(dossiers.code, command.dossierCode));
    expect(row?.status).toBe(2);
  });

  it('maps a dossier and its history to DongBoHoSoMC and CapNhatTienDoHoSoMC, with file links that serve the bytes', async () => {
    const content = randomBytes(3000);
    const sha256 = await upload(content);
    const command = receivedCommand();
    command.payload.files = [{ componentCode: 'TK', sha256, size: 3000, mediaType: 'application/pdf', pageCount: 1 }];
    await push(gateway, device, [command]);
    await backoffice('POST', `/v1/backoffice/dossiers/${command.dossierCode}/status`, {
      status: 9,
      note: '',
      at: '2026-03-02T09:00:00.000Z',
    });
    await push(gateway, device, [returnedCommand(command.dossierCode)]);
    const answer = await backoffice('GET', `/v1/dvcqg/dossiers/${command.dossierCode}`);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as any;
    expect(body.DongBoHoSoMC).toMatchObject({
      MaHoSo: command.dossierCode,
      MaTTHC: '1.001193.000.00.00.H56',
      MaLinhVuc: 'G01',
      DonViXuLy: 'UBND xã Yên Thái',
      NgayTiepNhan: '20260302080000',
      NgayHenTra: '20260303080000',
      TrangThaiHoSo: '10',
      NgayKetThucXuLy: '20260302160000',
      NgayTra: '20260303090000',
      HoSoCoThanhPhanSoHoa: '1',
    });
    expect(body.CapNhatTienDoHoSoMC.map((e: any) => [e.TrangThai, e.ThoiDiemXuLy])).toEqual([
      ['2', '20260302080000'],
      ['9', '20260302160000'],
      ['10', '20260303090000'],
    ]);
    const link: string = body.DongBoHoSoMC.TaiLieuNop[0].DuongDanTaiTepTin;
    expect(link).toBe(`${gateway.url}/v1/files/${sha256}`);
    const file = await fetch(link, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(content)).toBe(true);
    expect((await fetch(link)).status).toBe(401);
    expect((await backoffice('GET', `/v1/dvcqg/dossiers/${AGENCY}-260302-9997`)).status).toBe(404);
  });
});

describe('bad input on the new endpoints', () => {
  async function rawSigned(method: 'POST' | 'PATCH', target: string, body: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${gateway.url}${target}`, {
      method,
      headers: { ...signedHeaders(device, body, { method, path: target }), ...headers },
      body,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('answers malformed JSON, wrong types and oversized chunks with stable codes, stores nothing and keeps serving', async () => {
    const before = await gatewayStats(gateway.database.db);
    expect(await rawSigned('POST', '/v1/blobs', '{"sha256":')).toMatchObject({ status: 400, body: { error: { code: 'BAD_JSON' } } });
    expect(await rawSigned('POST', '/v1/sequence-blocks', '[1,2')).toMatchObject({ status: 400, body: { error: { code: 'BAD_JSON' } } });
    expect(await rawSigned('POST', '/v1/blobs', JSON.stringify({ sha256: sha('q'), size: -1 }))).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    expect(await rawSigned('POST', '/v1/blobs', JSON.stringify({ sha256: sha('q'), size: 1.5 }))).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    expect(await rawSigned('POST', '/v1/sequence-blocks', JSON.stringify({ day: '2026-12-09', count: 0 }))).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    expect(
      await rawSigned('POST', '/v1/sequence-blocks', JSON.stringify({ day: '2026-12-09', count: 5 }), { 'content-type': 'text/plain' }),
    ).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
    const content = randomBytes(5 * 1024 * 1024);
    const sha256 = sha(content);
    await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: content.byteLength });
    const tooBig = await patch(sha256, 0, content);
    expect(tooBig).toMatchObject({ status: 413, body: { error: { code: 'BODY_TOO_LARGE' } } });
    expect((await signed(gateway, device, 'GET', `/v1/blobs/${sha256}`)).body.offset).toBe(0);
    const missingOffset = await signed(gateway, device, 'PATCH', `/v1/blobs/${sha256}`, content.subarray(0, 10), {
      'content-type': 'application/offset+octet-stream',
      'x-chunk-sha256': sha(content.subarray(0, 10)),
    });
    expect(missingOffset).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    expect(await signed(gateway, device, 'GET', '/v1/blobs')).toMatchObject({
      status: 405,
      body: { error: { code: 'METHOD_NOT_ALLOWED' } },
    });
    const after = await gatewayStats(gateway.database.db);
    expect(after.blobs.complete).toBe(before.blobs.complete);
    expect(after.changes).toBe(before.changes);
    expect((await fetch(`${gateway.url}/v1/health`)).status).toBe(200);
  });

  it('counts devices, dossiers, commands and blobs per agency', async () => {
    const stats = await gatewayStats(gateway.database.db);
    expect(stats.perAgency[AGENCY]).toMatchObject({
      devices: expect.any(Number),
      dossiers: expect.any(Number),
      appliedCommands: expect.any(Number),
    });
    expect(stats.perAgency[AGENCY]!.dossiers).toBe(
      (await gateway.database.db.select().from(dossiers).where(eq(dossiers.agencyCode, AGENCY))).length,
    );
    expect(stats.perAgency[OTHER_AGENCY]).toMatchObject({ devices: 1, dossiers: 0, appliedCommands: 0, files: 0 });
    const attached = await gateway.database.db.selectDistinct({ sha256: dossierFiles.sha256 }).from(dossierFiles);
    expect(stats.perAgency[AGENCY]!.files).toBe(attached.length);
    expect(attached.length).toBeGreaterThan(0);
    const completeBlobs = await gateway.database.db.select().from(blobs).where(eq(blobs.complete, true));
    expect(stats.blobs).toMatchObject({ complete: completeBlobs.length, bytes: completeBlobs.reduce((sum, b) => sum + b.size, 0) });
  });
});

describe('devices that may not call', () => {
  it('refuses a revoked device on every endpoint and an unknown one with a clear code', async () => {
    const revoked = await enrol(gateway);
    await revokeDevice(gateway.database.db, revoked.deviceId);
    expect(await signed(gateway, revoked, 'GET', '/v1/pull')).toMatchObject({ status: 403, body: { error: { code: 'DEVICE_REVOKED' } } });
    expect(await signed(gateway, revoked, 'POST', '/v1/sequence-blocks', { day: '2026-12-03', count: 1 })).toMatchObject({
      status: 403,
      body: { error: { code: 'DEVICE_REVOKED' } },
    });
    expect(await signed(gateway, revoked, 'POST', '/v1/blobs', { sha256: sha('r'), size: 1 })).toMatchObject({
      status: 403,
      body: { error: { code: 'DEVICE_REVOKED' } },
    });
    expect(await signed(gateway, { deviceId: 'nobody', secret: 'x' }, 'GET', '/v1/pull')).toMatchObject({
      status: 401,
      body: { error: { code: 'SIGNATURE_INVALID' } },
    });
    expect(
      await gateway.database.db
        .select()
        .from(blobs)
        .where(eq(blobs.sha256, sha('r'))),
    ).toEqual([]);
    expect(await gateway.database.db.select().from(sequenceLeases).where(eq(sequenceLeases.day, '2026-12-03'))).toEqual([]);
  });

  it('refuses a replayed GET and an expired signature on the new endpoints', async () => {
    const headers = signedHeaders(device, '', { method: 'GET', path: '/v1/pull' });
    delete headers['content-type'];
    expect((await fetch(`${gateway.url}/v1/pull`, { headers })).status).toBe(200);
    const replay = await fetch(`${gateway.url}/v1/pull`, { headers });
    expect([replay.status, ((await replay.json()) as any).error.code]).toEqual([401, 'NONCE_REPLAYED']);
    const body = JSON.stringify({ day: '2026-12-04', count: 1 });
    const old = await fetch(`${gateway.url}/v1/sequence-blocks`, {
      method: 'POST',
      headers: signedHeaders(device, body, { path: '/v1/sequence-blocks', timestamp: Date.now() - 10 * 60_000 }),
      body,
    });
    expect(((await old.json()) as any).error.code).toBe('CLOCK_SKEW');
    expect(await gateway.database.db.select().from(sequenceLeases).where(eq(sequenceLeases.day, '2026-12-04'))).toEqual([]);
    expect((await fetch(`${gateway.url}/v1/health`)).status).toBe(200);
  });
});
