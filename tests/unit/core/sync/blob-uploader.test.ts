import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../../../../electron/core/platform/file-store';
import { BlobBundler, type BundleTransport } from '../../../../electron/core/sync/blob-bundler';
import { BlobUploader, UPLOAD_CHUNK_BYTES, type BlobTransport } from '../../../../electron/core/sync/blob-uploader';
import { CommandFiles, referencedBlobs } from '../../../../electron/core/sync/command-files';
import { AppError } from '../../../../shared/ipc/result';
import type { BundledBlob } from '../../../../shared/sync/blob-bundle';
import { tempDir } from '../../../helpers/test-core';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The gateway's side of the blob protocol in memory, as shared/sync/protocol.ts describes it:
 * offsets, chunk checksums, the whole-file hash at the end. `failAfterChunks` makes the link
 * drop after that many appended chunks, the bytes of the last one kept — a crash mid-upload.
 */
class MemoryBlobGateway implements BlobTransport, BundleTransport {
  readonly stored = new Map<string, { size: number; bytes: Buffer[]; complete: boolean }>();
  readonly requests: { kind: 'create' | 'append' | 'missing' | 'bundle'; offset?: number; length?: number; sha256s?: string[] }[] = [];
  failAfterChunks = Infinity;
  corruptNextChunk = false;
  offline = false;

  async missingBlobs(sha256s: string[]) {
    this.requests.push({ kind: 'missing', sha256s });
    return sha256s.filter((sha256) => !this.stored.get(sha256)?.complete);
  }

  /** Whole blobs, each checked against its name, all stored or none (POST /v1/blobs/bundle). */
  async uploadBundle(blobs: BundledBlob[]) {
    this.requests.push({ kind: 'bundle', sha256s: blobs.map((b) => b.sha256) });
    if (this.offline) throw new AppError('SYNC_OFFLINE', { url: 'http://gateway' });
    if (blobs.some((b) => sha(b.bytes) !== b.sha256)) throw new AppError('SYNC_REQUEST_REFUSED', { code: 'BLOB_HASH_MISMATCH' });
    for (const b of blobs) this.stored.set(b.sha256, { size: b.bytes.byteLength, bytes: [Buffer.from(b.bytes)], complete: true });
  }

  async createBlob(sha256: string, size: number) {
    this.requests.push({ kind: 'create' });
    const blob = this.stored.get(sha256) ?? { size, bytes: [], complete: false };
    this.stored.set(sha256, blob);
    return { sha256, size, offset: this.offsetOf(sha256), complete: blob.complete };
  }

  async appendBlob(sha256: string, offset: number, chunk: Uint8Array, chunkSha256: string) {
    this.requests.push({ kind: 'append', offset, length: chunk.byteLength });
    const blob = this.stored.get(sha256);
    if (!blob) throw new AppError('SYNC_REQUEST_REFUSED', { code: 'BLOB_UNKNOWN' });
    if (offset !== this.offsetOf(sha256)) throw new AppError('SYNC_REQUEST_REFUSED', { code: 'OFFSET_MISMATCH' });
    const received = Buffer.from(chunk);
    if (this.corruptNextChunk) {
      this.corruptNextChunk = false;
      received[0] = received[0]! ^ 0xff;
    }
    if (sha(received) !== chunkSha256) throw new AppError('SYNC_REQUEST_REFUSED', { code: 'CHUNK_HASH_MISMATCH' });
    blob.bytes.push(received);
    if (this.offsetOf(sha256) === blob.size) {
      if (sha(Buffer.concat(blob.bytes)) !== sha256) {
        blob.bytes = [];
        throw new AppError('SYNC_REQUEST_REFUSED', { code: 'BLOB_HASH_MISMATCH' });
      }
      blob.complete = true;
    }
    this.failAfterChunks -= 1;
    if (this.failAfterChunks < 0) throw new AppError('SYNC_OFFLINE', { url: 'http://gateway' });
    return { offset: this.offsetOf(sha256), complete: blob.complete };
  }

  offsetOf(sha256: string): number {
    return (this.stored.get(sha256)?.bytes ?? []).reduce((sum, part) => sum + part.byteLength, 0);
  }

  bytesOf(sha256: string): Buffer {
    return Buffer.concat(this.stored.get(sha256)?.bytes ?? []);
  }
}

function setup(chunkBytes?: number) {
  const store = new FileStore(tempDir('quay-blobs-'));
  const gateway = new MemoryBlobGateway();
  const uploader = new BlobUploader({ gateway, files: store, chunkBytes });
  const bundler = new BlobBundler({ gateway, files: store, bundleBytes: 10_000 });
  return { store, gateway, uploader, bundler, files: new CommandFiles(uploader, bundler) };
}

describe('resumable blob upload', () => {
  it('sends a file in chunks of at most 1 MiB, each checked, and the gateway ends with the same bytes', async () => {
    const { store, gateway, uploader } = setup();
    const bytes = randomBytes(2 * UPLOAD_CHUNK_BYTES + 12_345);
    const { sha256 } = store.put(bytes);
    expect(await uploader.upload(sha256)).toBe('uploaded');
    const appends = gateway.requests.filter((r) => r.kind === 'append');
    expect(appends.map((r) => [r.offset, r.length])).toEqual([
      [0, UPLOAD_CHUNK_BYTES],
      [UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES],
      [2 * UPLOAD_CHUNK_BYTES, 12_345],
    ]);
    expect(gateway.bytesOf(sha256).equals(bytes)).toBe(true);
  });

  it('does not send a blob the gateway already has', async () => {
    const { store, gateway, uploader } = setup();
    const { sha256 } = store.put(randomBytes(5000));
    await uploader.upload(sha256);
    gateway.requests.length = 0;
    expect(await uploader.upload(sha256)).toBe('alreadyThere');
    expect(gateway.requests).toEqual([{ kind: 'create' }]);
  });

  it('after a dropped link, a new uploader (an app restart) resumes from the gateway offset, not from zero', async () => {
    const { store, gateway, uploader } = setup(1000);
    const bytes = randomBytes(4500);
    const { sha256 } = store.put(bytes);
    gateway.failAfterChunks = 2;
    await expect(uploader.upload(sha256)).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
    expect(gateway.offsetOf(sha256)).toBe(3000);
    gateway.failAfterChunks = Infinity;
    gateway.requests.length = 0;
    const restarted = new BlobUploader({ gateway, files: store, chunkBytes: 1000 });
    expect(await restarted.upload(sha256)).toBe('uploaded');
    expect(gateway.requests.filter((r) => r.kind === 'append').map((r) => r.offset)).toEqual([3000, 4000]);
    expect(gateway.bytesOf(sha256).equals(bytes)).toBe(true);
  });

  it('re-asks the offset when the gateway is ahead of it (OFFSET_MISMATCH) and continues from there', async () => {
    const { store, gateway } = setup(1000);
    const bytes = randomBytes(3000);
    const { sha256 } = store.put(bytes);
    let first = true;
    const lagging: BlobTransport = {
      createBlob: async (s, size) => {
        const state = await gateway.createBlob(s, size);
        if (!first) return state;
        first = false;
        // Another attempt appended a chunk between this answer and our first PATCH.
        await gateway.appendBlob(s, 0, bytes.subarray(0, 1000), sha(bytes.subarray(0, 1000)));
        return state;
      },
      appendBlob: (...args) => gateway.appendBlob(...args),
    };
    const racing = new BlobUploader({ gateway: lagging, files: store, chunkBytes: 1000 });
    expect(await racing.upload(sha256)).toBe('uploaded');
    expect(gateway.bytesOf(sha256).equals(bytes)).toBe(true);
  });

  it('sends a chunk again when the gateway found it damaged in transit', async () => {
    const { store, gateway, uploader } = setup(1000);
    const bytes = randomBytes(2500);
    const { sha256 } = store.put(bytes);
    gateway.corruptNextChunk = true;
    expect(await uploader.upload(sha256)).toBe('uploaded');
    expect(gateway.bytesOf(sha256).equals(bytes)).toBe(true);
  });

  it('refuses to send a file missing or damaged in the local store, with a Vietnamese message', async () => {
    const { store, gateway, uploader } = setup(1000);
    const missing = sha(Buffer.from('never stored'));
    await expect(uploader.upload(missing)).rejects.toMatchObject({
      code: 'SYNC_FILE_MISSING',
      message: expect.stringContaining('Không tìm thấy tệp đính kèm'),
    });
    const { sha256 } = store.put(randomBytes(2500));
    fs.writeFileSync(store.pathOf(sha256), randomBytes(2500));
    await expect(uploader.upload(sha256)).rejects.toMatchObject({ code: 'SYNC_FILE_CORRUPT', message: expect.stringContaining('bị hỏng') });
    expect(gateway.stored.get(sha256)?.complete).toBe(false);
  });
});

describe('files named by queued commands', () => {
  const row = (id: string, files: unknown) => ({
    id,
    seq: 1,
    kind: 'dossier.received',
    dossierCode: `X-${id}`,
    payload: JSON.stringify({ dossier: {}, files }),
    attempts: 0,
  });

  it('reads distinct sha256 values from payload.files and ignores anything else', () => {
    const a = sha(Buffer.from('a'));
    expect(referencedBlobs(JSON.stringify({ files: [{ sha256: a }, { sha256: a }, { sha256: '../../etc/passwd' }, null] }))).toEqual([a]);
    expect(referencedBlobs(JSON.stringify({ dossier: {} }))).toEqual([]);
  });

  it('uploads each file of a batch once and names every command whose file cannot be sent', async () => {
    const { store, gateway, files } = setup();
    const good = store.put(randomBytes(3000)).sha256;
    const missing = sha(Buffer.from('gone'));
    const unsendable = await files.prepare([
      row('1', [{ sha256: good }]),
      row('2', [{ sha256: missing }]),
      row('3', []),
      row('4', [{ sha256: good }, { sha256: missing }]),
    ]);
    expect([...unsendable]).toEqual([
      ['2', 'SYNC_FILE_MISSING'],
      ['4', 'SYNC_FILE_MISSING'],
    ]);
    expect(gateway.requests.filter((r) => r.kind === 'bundle').map((r) => r.sha256s)).toEqual([[good]]);
    expect(gateway.stored.get(good)?.complete).toBe(true);
  });

  it('sends small files whole, many to a bundle, and larger ones by resumable upload', async () => {
    const { store, gateway, files } = setup();
    const small = [4000, 4000, 4000].map((size) => store.put(randomBytes(size)).sha256);
    const large = store.put(randomBytes(UPLOAD_CHUNK_BYTES + 10)).sha256;
    expect([
      ...(await files.prepare([
        row('1', [{ sha256: small[0] }, { sha256: large }]),
        row('2', [{ sha256: small[1] }, { sha256: small[2] }]),
      ])),
    ]).toEqual([]);
    // bundleBytes is 10,000 here: two 4,000-byte files fit in one bundle, the third opens the next
    // (the two bundles travel side by side, so either may arrive first).
    const bundles = gateway.requests.filter((r) => r.kind === 'bundle').map((r) => r.sha256s!);
    expect(bundles.sort((a, b) => b.length - a.length)).toEqual([[small[0], small[1]], [small[2]]]);
    expect(gateway.requests.filter((r) => r.kind === 'append').map((r) => r.length)).toEqual([UPLOAD_CHUNK_BYTES, 10]);
    for (const sha256 of [...small, large]) expect(sha(gateway.bytesOf(sha256))).toBe(sha256);
  });

  it('asks first and sends nothing the gateway already has', async () => {
    const { store, gateway, files } = setup();
    const held = store.put(randomBytes(2000)).sha256;
    const fresh = store.put(randomBytes(2000)).sha256;
    await files.prepare([row('1', [{ sha256: held }])]);
    gateway.requests.length = 0;
    await files.prepare([row('2', [{ sha256: held }, { sha256: fresh }])]);
    expect(gateway.requests).toEqual([
      { kind: 'missing', sha256s: [held, fresh] },
      { kind: 'bundle', sha256s: [fresh] },
    ]);
  });

  it('keeps a small file damaged in the local store here, naming its command, and sends the others', async () => {
    const { store, gateway, files } = setup();
    const damaged = store.put(randomBytes(2000)).sha256;
    fs.writeFileSync(store.pathOf(damaged), randomBytes(2000));
    const fine = store.put(randomBytes(2000)).sha256;
    expect([...(await files.prepare([row('1', [{ sha256: damaged }]), row('2', [{ sha256: fine }])]))]).toEqual([
      ['1', 'SYNC_FILE_CORRUPT'],
    ]);
    expect(gateway.stored.has(damaged)).toBe(false);
    expect(gateway.stored.get(fine)?.complete).toBe(true);
  });

  it('lets a network failure fail the whole batch', async () => {
    const { store, gateway, files } = setup();
    const small = store.put(randomBytes(3000)).sha256;
    gateway.offline = true;
    await expect(files.prepare([row('1', [{ sha256: small }])])).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
    const large = store.put(randomBytes(UPLOAD_CHUNK_BYTES + 10)).sha256;
    gateway.failAfterChunks = 0;
    await expect(files.prepare([row('2', [{ sha256: large }])])).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
  });
});
