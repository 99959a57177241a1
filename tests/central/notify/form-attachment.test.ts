import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobFolderReader, formAttachment, type BlobReader } from '../../../central/notify/form-attachment';
import { tempDir } from '../temp';

const SHA = 'ab'.repeat(32);
const since = new Date('2026-03-09T01:00:00Z');
const at = (minutes: number) => new Date(since.getTime() + minutes * 60_000);
const reader = (bytes: Uint8Array | null): BlobReader => ({ read: async () => bytes });
const input = { sha256: SHA, fileName: 'phieu-tiep-nhan-X.pdf', since, waitMs: 30 * 60_000 };

describe('the PDF a notice carries (issue 15 §1)', () => {
  it('attaches the blob when it is there', async () => {
    const pdf = new Uint8Array([37, 80, 68, 70]);
    expect(await formAttachment({ ...input, reader: reader(pdf), now: at(1) })).toEqual({
      kind: 'attach',
      attachment: { fileName: 'phieu-tiep-nhan-X.pdf', content: pdf, contentType: 'application/pdf' },
    });
  });

  it('waits for an upload still pending — no reference or no bytes yet — up to the bound, then goes without', async () => {
    expect(await formAttachment({ ...input, reader: reader(null), now: at(29) })).toEqual({ kind: 'wait' });
    expect(await formAttachment({ ...input, sha256: null, reader: reader(null), now: at(29) })).toEqual({ kind: 'wait' });
    expect(await formAttachment({ ...input, reader: reader(null), now: at(30) })).toEqual({ kind: 'without' });
    // A gateway without a blob folder configured never holds a notice back.
    expect(await formAttachment({ ...input, reader: undefined, now: at(0) })).toEqual({ kind: 'without' });
  });

  it('reads the blob folder, a file not there being an upload still pending', async () => {
    const dir = tempDir('quay-form-blobs-');
    const folder = blobFolderReader((sha256) => path.join(dir, sha256));
    expect(await folder.read(SHA)).toBeNull();
    fs.writeFileSync(path.join(dir, SHA), 'pdf');
    expect(Buffer.from((await folder.read(SHA))!).toString()).toBe('pdf');
  });
});
