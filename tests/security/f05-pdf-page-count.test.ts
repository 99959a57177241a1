import { createCipheriv } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { countDocumentPages } from '../../electron/core/digitize/app/document-pages';
import { MAX_SIGNATURES } from '../../electron/core/signing/verify/find-signatures';
import { verifyPdfSignatures } from '../../electron/core/signing/verify/verify-pdf-signatures';

/**
 * Issue 17, hostile input contained: every PDF accepted at reception or handed back as a result has its pages counted,
 * and pdf-lib spent 1.6 s a MB on random bytes behind a `%PDF` header on the core's own thread (4 MB froze the core,
 * its IPC and the sync for 6.4 s; the store takes 50 MB) and printed a line for every broken object. The signatures
 * of arriving PDFs are looked for in the raw bytes on the same thread, where each /ByteRange searched the whole file.
 */

/** The same noise on every run: some random bytes happen to end pdf-lib's parse at once. */
function noise(bytes: number): Buffer {
  return createCipheriv('aes-128-ctr', Buffer.alloc(16), Buffer.alloc(16)).update(Buffer.alloc(bytes));
}

/** Broken objects (a warning each from pdf-lib), then noise, which pdf-lib crawls through byte by byte. */
function hostilePdf(noiseMb: number): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  for (let i = 1; i <= 200; i++) parts.push(Buffer.from(`${i} 0 obj\n<< /Type /Page ]] >>\x00\x01`), noise(300), Buffer.from('\nendobj\n'));
  parts.push(noise(noiseMb * 1024 * 1024));
  return Buffer.concat(parts);
}

/** The longest the core's loop went without running a timer, while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; elapsedMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    const result = await work();
    return { result, stallMs: Math.max(stallMs, performance.now() - last), elapsedMs: performance.now() - started };
  } finally {
    clearInterval(probe);
  }
}

/** What reached the console or the process's own output naming pdf-lib's parser warnings. */
function watchParserNoise(): () => string[] {
  const seen: string[] = [];
  const note = (chunk: unknown) => {
    const text = String(chunk);
    if (/invalid object/i.test(text)) seen.push(text);
  };
  for (const method of ['warn', 'log', 'error'] as const) vi.spyOn(console, method).mockImplementation((...args) => args.forEach(note));
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => {
      note(chunk);
      return write(chunk as string, ...rest);
    }) as typeof stream.write);
  }
  return () => seen;
}

async function pdfOf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage().drawText(`Trang ${i + 1}`);
  return doc.save();
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('counting the pages of a hostile PDF (issue 17)', () => {
  // On a loaded 2-core machine a timer rarely waits 100 ms; the old count stalled the loop for the whole parse.
  const STALL_BOUND_MS = 1000;

  it('keeps the core loop running and answers null within the deadline for multi-MB garbage behind "%PDF"', async () => {
    const hostile = hostilePdf(2);
    const deadlineMs = 1500;
    const { result, stallMs, elapsedMs } = await longestStall(() => countDocumentPages(hostile, 'application/pdf', deadlineMs));
    expect(result).toBeNull();
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
    expect(elapsedMs).toBeLessThan(deadlineMs + 5000);
    // The worker that missed its deadline was ended; the next count gets a new one.
    expect(await countDocumentPages(await pdfOf(3), 'application/pdf')).toBe(3);
  });

  it("keeps pdf-lib's warnings about broken objects out of the core's console and output", async () => {
    const noise = watchParserNoise();
    expect(await countDocumentPages(hostilePdf(0), 'application/pdf')).toBeNull();
    // A worker's console reaches the process's output asynchronously, after its answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(noise()).toEqual([]);
  });

  it('still counts real documents: a PDF, a multi-page TIFF, a JPEG; a broken PDF is unknown', async () => {
    expect(await countDocumentPages(await pdfOf(7), 'application/pdf')).toBe(7);
    const frame = { width: 40, height: 30, channels: 3 as const, background: '#ffffff' };
    const tiff = await sharp({ create: { ...frame, height: 90, pageHeight: 30 } })
      .tiff()
      .toBuffer();
    expect(await countDocumentPages(tiff, 'image/tiff')).toBe(3);
    const jpeg = await sharp({ create: frame }).jpeg().toBuffer();
    expect(await countDocumentPages(jpeg, 'image/jpeg')).toBe(1);
    expect(await countDocumentPages(Buffer.from('%PDF-1.7\n%%EOF\n'), 'application/pdf')).toBeNull();
  });

  it('counts files handed over together one after another, a hung one not holding up the others', async () => {
    const [two, one] = await Promise.all([pdfOf(2), pdfOf(1)]);
    const counts = await Promise.all([
      countDocumentPages(two, 'application/pdf'),
      countDocumentPages(hostilePdf(4), 'application/pdf', 500),
      countDocumentPages(one, 'application/pdf'),
    ]);
    expect(counts).toEqual([2, null, 1]);
  });
});

describe('looking for the signatures of a hostile PDF (issue 17)', () => {
  it('refuses a file of bare /ByteRange entries at once instead of searching the whole file for each', async () => {
    const entry = '/ByteRange [0 1 2 3]\n';
    const hostile = Buffer.from('%PDF-1.4\n' + entry.repeat((1024 * 1024) / entry.length), 'latin1');
    const started = performance.now();
    await expect(verifyPdfSignatures(hostile, [])).rejects.toMatchObject({
      code: 'VERIFY_PDF_TOO_MANY_SIGNATURES',
      params: { max: MAX_SIGNATURES },
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads each signature near its dictionary only, and no /Contents the length of the file', async () => {
    // Every range is well formed and its "contents" spans 8 MB of hex: each was decoded whole before.
    const body = '0'.repeat(8 * 1024 * 1024);
    const signatures = Array.from(
      { length: MAX_SIGNATURES },
      (_, i) => `${i + 1} 0 obj\n<< /ByteRange [0 9 ${body.length + 11} 0] >>\nendobj\n`,
    );
    const hostile = Buffer.from(`%PDF-1.4\n<${body}>\n${signatures.join('')}`, 'latin1');
    const started = performance.now();
    const result = await verifyPdfSignatures(hostile, []);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.valid).toBe(false);
    expect(result.signatures).toHaveLength(MAX_SIGNATURES);
    expect(result.signatures.every((signature) => signature.reasons.some((reason) => reason.code === 'SIG_CMS_UNREADABLE'))).toBe(true);
  });
});
