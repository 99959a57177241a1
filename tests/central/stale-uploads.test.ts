import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobs } from '../../central/db/schema';
import { sweepStaleUploads } from '../../central/stale-uploads';
import { enrol, signed, startGateway, type Gateway } from './gateway-fixture';

const DAY = 86_400_000;
let gateway: Gateway;
let device: { deviceId: string; secret: string };

beforeAll(async () => {
  gateway = await startGateway();
  device = await enrol(gateway);
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const finalPath = (sha256: string) => path.join(gateway.blobDir, sha256.slice(0, 2), sha256);

/**
 * Now by the file system's clock: the mtime of a file just written. Ages are set and the sweep runs
 * from it, so the test holds when the process clock is moved (libfaketime, issue 11 §1) while the
 * kernel still stamps files with the real time.
 */
function filesystemNow(): Date {
  const probe = path.join(gateway.blobDir, '.clock-probe');
  fs.writeFileSync(probe, '');
  const now = fs.statSync(probe).mtime;
  fs.rmSync(probe);
  return now;
}

/** An upload started and left after its first `sent` bytes, its part file last written `ageDays` ago. */
async function abandoned(sent: number, ageDays: number): Promise<{ sha256: string; content: Buffer }> {
  const content = randomBytes(4000);
  const sha256 = sha(content);
  await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: content.byteLength });
  const chunk = content.subarray(0, sent);
  const answer = await signed(gateway, device, 'PATCH', `/v1/blobs/${sha256}`, chunk, {
    'content-type': 'application/offset+octet-stream',
    'upload-offset': '0',
    'x-chunk-sha256': sha(chunk),
  });
  expect(answer.status).toBe(200);
  const when = new Date(filesystemNow().getTime() - ageDays * DAY);
  fs.utimesSync(`${finalPath(sha256)}.part`, when, when);
  return { sha256, content };
}

describe('stale partial uploads', () => {
  it('removes parts untouched for longer than the age, with their incomplete rows, and keeps the rest', async () => {
    const old = await abandoned(1000, 20);
    const recent = await abandoned(1500, 2);
    const complete = randomBytes(500);
    const completeSha = sha(complete);
    await signed(gateway, device, 'POST', '/v1/blobs', { sha256: completeSha, size: 500 });
    await signed(gateway, device, 'PATCH', `/v1/blobs/${completeSha}`, complete, {
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
      'x-chunk-sha256': completeSha,
    });
    const when = new Date(filesystemNow().getTime() - 30 * DAY);
    fs.utimesSync(finalPath(completeSha), when, when);
    // A bundle write cut by a crash long ago, and one being written right now.
    const staleTemp = `${finalPath(old.sha256)}.0a1b2c3d4e5f.tmp`;
    const liveTemp = `${finalPath(recent.sha256)}.a1b2c3d4e5f6.tmp`;
    fs.writeFileSync(staleTemp, 'x');
    fs.utimesSync(staleTemp, when, when);
    fs.writeFileSync(liveTemp, 'x');

    expect(await sweepStaleUploads(gateway.database.db, gateway.blobDir, 14 * DAY, filesystemNow())).toEqual({ parts: 1, temporaries: 1 });

    expect(fs.existsSync(`${finalPath(old.sha256)}.part`)).toBe(false);
    expect(fs.existsSync(staleTemp)).toBe(false);
    expect(await gateway.database.db.select().from(blobs).where(eq(blobs.sha256, old.sha256))).toEqual([]);
    expect(fs.statSync(`${finalPath(recent.sha256)}.part`).size).toBe(1500);
    expect(fs.existsSync(liveTemp)).toBe(true);
    expect(fs.readFileSync(finalPath(completeSha)).equals(complete)).toBe(true);
    expect((await signed(gateway, device, 'GET', `/v1/blobs/${recent.sha256}`)).body).toMatchObject({ offset: 1500, complete: false });
    fs.rmSync(liveTemp);
  });

  it('lets a counter that comes back after the sweep upload the file again from 0', async () => {
    const { sha256, content } = await abandoned(2500, 30);
    await sweepStaleUploads(gateway.database.db, gateway.blobDir, 14 * DAY, filesystemNow());
    expect((await signed(gateway, device, 'POST', '/v1/blobs', { sha256, size: content.byteLength })).body).toEqual({
      sha256,
      size: 4000,
      offset: 0,
      complete: false,
    });
    const answer = await signed(gateway, device, 'PATCH', `/v1/blobs/${sha256}`, content, {
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
      'x-chunk-sha256': sha256,
    });
    expect(answer.body).toEqual({ offset: 4000, complete: true });
    expect(fs.readFileSync(finalPath(sha256)).equals(content)).toBe(true);
  });

  it('is a no-op on a gateway that has never stored a blob', async () => {
    expect(await sweepStaleUploads(gateway.database.db, path.join(gateway.blobDir, 'not-there'), DAY)).toEqual({
      parts: 0,
      temporaries: 0,
    });
  });
});
