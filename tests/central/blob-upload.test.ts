import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blobs, dossierFiles } from '../../central/db/schema';
import { createEnrolmentCode } from '../../central/enrolment';
import { FileStore } from '../../electron/core/platform/file-store';
import { createSync } from '../../electron/core/sync';
import { UPLOAD_CHUNK_BYTES } from '../../electron/core/sync/blob-uploader';
import { decodeBlobBundle } from '../../shared/sync/blob-bundle';
import { CITIZEN, KHAI_SINH, SITE, startReception, type TestCore } from '../helpers/test-core';
import { FlakyProxy } from '../peers/flaky-proxy';
import { startGateway, type Gateway } from './gateway-fixture';

let gateway: Gateway;
const cores: TestCore[] = [];
const closers: (() => Promise<unknown>)[] = [];
let nextBlock = 1;

beforeAll(async () => {
  gateway = await startGateway();
}, 60_000);

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const t of cores.splice(0)) t.core.close();
});

afterAll(async () => {
  await gateway?.close();
});

/** A PDF of `bytes` bytes whose content no other test file shares. */
function uniquePdf(bytes: number): string {
  const head = Buffer.from('%PDF-1.4\n% ');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([
    head,
    randomBytes(Math.max(0, bytes - head.byteLength - tail.byteLength)).map((b) => 0x41 + (b % 26)),
    tail,
  ]).toString('base64');
}

async function acceptWithFiles(t: TestCore, sizes: [number, number]): Promise<{ code: string; sha256s: string[] }> {
  const files = [];
  for (const size of sizes)
    files.push(await t.must('admin-window', 'reception.storeFile', { fileName: 'trang.pdf', dataBase64: uniquePdf(size) }));
  const { dossier } = await t.must('admin-window', 'reception.accept', {
    draft: {
      procedureCode: KHAI_SINH,
      owner: CITIZEN,
      components: [
        { code: 'TP01', state: 'attached', files: [files[0]] },
        { code: 'TP02', state: 'attached', files: [files[1]] },
      ],
    },
  });
  return { code: dossier.code, sha256s: files.map((f: { sha256: string }) => f.sha256) };
}

/** A counter enrolled with the gateway (directly or through `url`); requests are recorded. */
async function counter(url = gateway.url) {
  const t = await startReception({ block: [nextBlock, nextBlock + 49] });
  nextBlock += 50;
  cores.push(t);
  const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 1' });
  const requests: { method: string; path: string; offset: string | null; bundled: string[] | null }[] = [];
  const recording: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    const path = new URL(String(input)).pathname;
    const bundled = path === '/v1/blobs/bundle' ? decodeBlobBundle(init!.body as Uint8Array).map((blob) => blob.sha256) : null;
    requests.push({ method: init?.method ?? 'GET', path, offset: headers.get('upload-offset'), bundled });
    return fetch(input, init);
  };
  const open = () =>
    createSync({
      database: t.core.database,
      dataDir: t.dataDir,
      clock: t.clock,
      fetch: recording,
      timeoutMs: 10_000,
      engine: { batchSize: 4 },
    });
  await open().client.enroll(url, code, 'Quầy 1');
  return { t, open, requests };
}

async function gatewayBlobBytes(sha256: string): Promise<Buffer | null> {
  const [row] = await gateway.database.db.select().from(blobs).where(eq(blobs.sha256, sha256));
  if (!row?.complete) return null;
  return fs.readFileSync(path.join(gateway.blobDir, sha256.slice(0, 2), sha256));
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('files travel before the commands that name them', () => {
  it('uploads every file of a dossier, then the gateway attaches them to it, byte-identical', async () => {
    const { t, open, requests } = await counter();
    const dossiers = [await acceptWithFiles(t, [3000, 5000]), await acceptWithFiles(t, [1200, 800])];
    requests.length = 0;
    expect(await open().engine.pushOnce()).toEqual({ acknowledged: 2, rejected: 0, heldBack: 0 });
    for (const { code, sha256s } of dossiers) {
      for (const sha256 of sha256s) expect(sha((await gatewayBlobBytes(sha256))!)).toBe(sha256);
      const attached = await gateway.database.db.select().from(dossierFiles).where(eq(dossierFiles.dossierCode, code));
      expect(attached.map((f) => f.sha256).sort()).toEqual([...sha256s].sort());
    }
    // Small files: one question for the batch, then all four whole in one bundle, before any command.
    const firstPush = requests.findIndex((r) => r.path === '/v1/commands');
    expect(requests.slice(0, firstPush).map((r) => r.path)).toEqual(['/v1/blobs/missing', '/v1/blobs/bundle']);
    expect(requests[1]!.bundled!.sort()).toEqual(dossiers.flatMap((d) => d.sha256s).sort());
  });

  it('resumes an upload cut mid-chunk from the gateway offset after a restart, never from zero', async () => {
    const proxy = await FlakyProxy.start(gateway.port);
    closers.push(() => proxy.close());
    const { t, open, requests } = await counter(proxy.url);
    // One large scan in both components: a single upload, so its requests share one connection.
    const scan = await t.must('admin-window', 'reception.storeFile', {
      fileName: 'ban-quet.pdf',
      dataBase64: uniquePdf(2 * UPLOAD_CHUNK_BYTES + 300_000),
    });
    const { dossier } = await t.must('admin-window', 'reception.accept', {
      draft: {
        procedureCode: KHAI_SINH,
        owner: CITIZEN,
        components: [
          { code: 'TP01', state: 'attached', files: [scan] },
          { code: 'TP02', state: 'attached', files: [scan] },
        ],
      },
    });
    const code: string = dossier.code;
    const sha256s: string[] = [scan.sha256];
    // The first chunk arrives; the second is cut half way through its body.
    proxy.cutAfter('request', UPLOAD_CHUNK_BYTES + UPLOAD_CHUNK_BYTES / 2);
    await expect(open().engine.pushOnce()).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
    const [partial] = await gateway.database.db.select().from(blobs).where(eq(blobs.sha256, sha256s[0]!));
    expect(partial?.complete).toBe(false);
    expect(t.core.database.sqlite.prepare('SELECT count(*) FROM outbox WHERE acknowledged_at IS NULL').pluck().get()).toBe(1);
    proxy.heal();
    requests.length = 0;
    expect(await open().engine.pushOnce()).toEqual({ acknowledged: 1, rejected: 0, heldBack: 0 });
    const offsets = requests.filter((r) => r.method === 'PATCH' && r.path === `/v1/blobs/${sha256s[0]}`).map((r) => Number(r.offset));
    expect(offsets).toEqual([UPLOAD_CHUNK_BYTES, 2 * UPLOAD_CHUNK_BYTES]);
    expect((await gatewayBlobBytes(sha256s[0]!))!.equals(new FileStore(t.dataDir).read(sha256s[0]!))).toBe(true);
    expect(await gateway.database.db.select().from(dossierFiles).where(eq(dossierFiles.dossierCode, code))).toHaveLength(2);
  });

  it('does not send a file the gateway already has', async () => {
    const first = await counter();
    const { sha256s } = await acceptWithFiles(first.t, [4000, 4100]);
    await first.open().engine.pushOnce();
    // The same scan, attached at a second counter.
    const second = await counter();
    const bytes = new FileStore(first.t.dataDir).read(sha256s[0]!);
    const again = await second.t.must('admin-window', 'reception.storeFile', {
      fileName: 'ban-sao.pdf',
      dataBase64: bytes.toString('base64'),
    });
    const other = await second.t.must('admin-window', 'reception.storeFile', { fileName: 'khac.pdf', dataBase64: uniquePdf(700) });
    await second.t.must('admin-window', 'reception.accept', {
      draft: {
        procedureCode: KHAI_SINH,
        owner: CITIZEN,
        components: [
          { code: 'TP01', state: 'attached', files: [again] },
          { code: 'TP02', state: 'attached', files: [other] },
        ],
      },
    });
    expect(await second.open().engine.pushOnce()).toMatchObject({ acknowledged: 1 });
    expect(second.requests.filter((r) => r.bundled).map((r) => r.bundled)).toEqual([[other.sha256]]);
    expect(second.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('holds back only the dossier whose file is missing locally, with the reason, and sends the rest', async () => {
    const { t, open } = await counter();
    const lost = await acceptWithFiles(t, [2000, 2100]);
    const fine = await acceptWithFiles(t, [2200, 2300]);
    fs.rmSync(new FileStore(t.dataDir).pathOf(lost.sha256s[1]!));
    expect(await open().engine.pushOnce()).toEqual({ acknowledged: 1, rejected: 1, heldBack: 0 });
    const rows = t.core.database.sqlite
      .prepare('SELECT d.code, o.acknowledged_at, o.last_error FROM outbox o JOIN dossiers d ON d.id = o.dossier_id ORDER BY o.seq')
      .all() as { code: string; acknowledged_at: string | null; last_error: string | null }[];
    expect(rows.map((r) => [r.code, r.acknowledged_at !== null, r.last_error])).toEqual([
      [lost.code, false, 'SYNC_FILE_MISSING'],
      [fine.code, true, null],
    ]);
  });
});
