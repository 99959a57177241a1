import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileAtRestKeys } from '../../electron/core/platform/data-at-rest-key';
import { SEGMENT_BYTES } from '../../electron/core/platform/file-cipher';
import { encryptFileStoreInPlace, FileStore, type MigrationStep } from '../../electron/core/platform/file-store';
import { BlobUploader } from '../../electron/core/sync/blob-uploader';
import { CITIZEN, khaiSinhDraft, PDF_BASE64, startReception, tempDir } from '../helpers/test-core';

/** Issue 17 finding 7: scans, attachments, results and receipts in the file store are sealed per file with AES-256-GCM. */

function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

function holdsInClear(bytes: Buffer, text: string): boolean {
  return bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));
}

function flipByte(file: string, at: number): void {
  const bytes = fs.readFileSync(file);
  bytes[at] = bytes[at]! ^ 0x01;
  fs.writeFileSync(file, bytes);
}

describe('the file store at rest', () => {
  it('holds no name, ID number or dossier code in any file of the data folder after a reception', async () => {
    const t = await startReception({ dataDir: path.join(tempDir(), 'data') });
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    // A scanned declaration whose text layer carries the citizen's name, ID number and the dossier's code.
    const text = `%% ${CITIZEN.fullName} ${CITIZEN.idNumber} ${dossier.code}\n`;
    const scan = Buffer.concat([Buffer.from(PDF_BASE64, 'base64'), Buffer.from(text, 'utf8')]);
    const stored = await t.must('admin-window', 'reception.storeFile', { fileName: 'to-khai.pdf', dataBase64: scan.toString('base64') });
    t.core.close();
    const everything = filesUnder(t.dataDir);
    expect(everything.some((file) => file.includes(`${path.sep}files${path.sep}`))).toBe(true);
    for (const file of everything) {
      const bytes = fs.readFileSync(file);
      for (const secret of [CITIZEN.fullName, CITIZEN.idNumber, dossier.code])
        expect({ file, secret, inClear: holdsInClear(bytes, secret) }).toMatchObject({ inClear: false });
    }
    expect(new FileStore(t.dataDir).read(stored.sha256).equals(scan)).toBe(true);
  }, 120_000);

  it('reads any stretch of a large file segment by segment, equal to the plaintext', async () => {
    const store = new FileStore(tempDir());
    const plain = randomBytes(3 * SEGMENT_BYTES + 777);
    const { sha256 } = store.put(plain);
    expect(fs.statSync(store.pathOf(sha256)).size).toBeGreaterThan(plain.byteLength);
    expect(store.size(sha256)).toBe(plain.byteLength);
    const file = (await store.open(sha256))!;
    try {
      expect(file.size).toBe(plain.byteLength);
      for (const [offset, length] of [
        [0, 10],
        [SEGMENT_BYTES - 5, 10],
        [SEGMENT_BYTES, 2 * SEGMENT_BYTES + 777],
        [0, plain.byteLength],
        [plain.byteLength, 0],
      ] as const)
        expect((await file.read(offset, length)).equals(plain.subarray(offset, offset + length))).toBe(true);
    } finally {
      await file.close();
    }
    const empty = store.put(new Uint8Array(0));
    expect(store.read(empty.sha256).byteLength).toBe(0);
  });

  it.each([
    ['the header', 9],
    ['a middle segment', 20 + SEGMENT_BYTES + 16 + 100],
    ['the last tag', -1],
  ])('detects a changed byte in %s with FILE_TAMPERED and a Vietnamese message', async (_, at) => {
    const store = new FileStore(tempDir());
    const { sha256 } = store.put(randomBytes(2 * SEGMENT_BYTES + 50));
    const file = store.pathOf(sha256);
    flipByte(file, at < 0 ? fs.statSync(file).size + at : at);
    expect(() => store.read(sha256)).toThrow(
      expect.objectContaining({ code: 'FILE_TAMPERED', message: expect.stringContaining('đã bị sửa hoặc hỏng') }),
    );
    const opened = (await store.open(sha256))!;
    await expect(opened.read(0, opened.size)).rejects.toMatchObject({ code: 'FILE_TAMPERED' });
    await opened.close();
  });

  it('detects a cut tail and a sealed file under another key', () => {
    const dir = tempDir();
    const store = new FileStore(dir);
    const { sha256 } = store.put(randomBytes(SEGMENT_BYTES + 10));
    const other = new FileStore(dir, randomBytes(32));
    expect(() => other.read(sha256)).toThrow(expect.objectContaining({ code: 'FILE_TAMPERED' }));
    fs.truncateSync(store.pathOf(sha256), fs.statSync(store.pathOf(sha256)).size - 26);
    expect(() => store.read(sha256)).toThrow(expect.objectContaining({ code: 'FILE_TAMPERED' }));
  });

  it('uploads the plaintext, and holds back a tampered file as SYNC_FILE_CORRUPT without sending it', async () => {
    const store = new FileStore(tempDir());
    const plain = randomBytes(5000);
    const { sha256 } = store.put(plain);
    const sent: Buffer[] = [];
    const gateway = {
      createBlob: async (sha: string, size: number) => ({
        sha256: sha,
        size,
        offset: sent.reduce((n, b) => n + b.byteLength, 0),
        complete: false,
      }),
      appendBlob: async (_: string, offset: number, chunk: Uint8Array) => {
        sent.push(Buffer.from(chunk));
        return { sha256, offset: offset + chunk.byteLength, complete: offset + chunk.byteLength === plain.byteLength };
      },
    };
    const uploader = new BlobUploader({ gateway, files: store, chunkBytes: 2000 });
    expect(await uploader.upload(sha256)).toBe('uploaded');
    expect(Buffer.concat(sent).equals(plain)).toBe(true);
    sent.length = 0;
    flipByte(store.pathOf(sha256), 30);
    await expect(uploader.upload(sha256)).rejects.toMatchObject({ code: 'SYNC_FILE_CORRUPT' });
    expect(sent).toEqual([]);
  });
});

describe("sealing an older build's plain files in place", () => {
  function plainStore(): { dataDir: string; contents: Map<string, Buffer> } {
    const dataDir = tempDir();
    const plain = new FileStore(dataDir, null);
    const contents = new Map<string, Buffer>();
    for (const size of [0, 100, SEGMENT_BYTES * 2 + 3]) {
      const bytes = randomBytes(size);
      contents.set(plain.put(bytes).sha256, bytes);
    }
    return { dataDir, contents };
  }

  it('seals every file, keeps every name and content, and a second run finds nothing to do', () => {
    const { dataDir, contents } = plainStore();
    const key = fileAtRestKeys(dataDir).files;
    expect(encryptFileStoreInPlace(dataDir, key)).toBe(contents.size);
    expect(encryptFileStoreInPlace(dataDir, key)).toBe(0);
    const store = new FileStore(dataDir);
    for (const [sha256, bytes] of contents) {
      expect(store.read(sha256).equals(bytes)).toBe(true);
      expect(fs.readFileSync(store.pathOf(sha256)).subarray(0, 4).toString('latin1')).toBe('QMCF');
    }
  });

  const steps: MigrationStep[] = ['sealedWritten', 'renamed'];
  it.each(steps)('loses nothing when the sealing stops after %s, and the next start finishes it', (failAt) => {
    const { dataDir, contents } = plainStore();
    const key = fileAtRestKeys(dataDir).files;
    let calls = 0;
    expect(() =>
      encryptFileStoreInPlace(dataDir, key, (step) => {
        // The second file is where the power goes: one done before it, one not reached.
        if (step === failAt && ++calls === 2) throw new Error(`power cut after ${step}`);
      }),
    ).toThrow(/power cut/);
    const sealed = new FileStore(dataDir, key);
    const plain = new FileStore(dataDir, null);
    for (const [sha256, bytes] of contents) {
      const now = plain.read(sha256);
      expect(now.equals(bytes) || sealed.read(sha256).equals(bytes)).toBe(true);
    }
    encryptFileStoreInPlace(dataDir, key);
    for (const [sha256, bytes] of contents) expect(sealed.read(sha256).equals(bytes)).toBe(true);
    expect(filesUnder(path.join(dataDir, 'files')).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });
});
