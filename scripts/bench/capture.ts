// npm run bench:capture — what the capture drivers themselves cost, before cleanup: a 10-page ADF
// batch at 300 dpi grey from SANE's test backend through scanimage, the same pages through the eSCL
// driver from the loopback eSCL test peer, a 5-page PDF rasterized at 300 dpi, and a 300-page TIFF
// read page by page with the peak resident memory it needed. Real devices are far slower; these
// numbers bound the client's own overhead.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { EsclDriver } from '../../electron/core/digitize/capture/escl/escl-driver';
import { importFiles } from '../../electron/core/digitize/capture/import/import-files';
import type { ScanProfile } from '../../electron/core/digitize/types';
import { writeMultiPageTiff, writeTextPdf } from '../../tests/helpers/import-fixtures';
import { EsclPeer } from '../../tests/peers/escl-peer';
import { saneTestDriver, scanTestPages } from '../../tests/peers/sane-test-backend';

const ADF: ScanProfile = { resolutionDpi: 300, colorMode: 'gray', source: 'adf' };
const PDF_PAGES = 5;

async function timedPages(pages: AsyncIterable<unknown>): Promise<{ count: number; ms: number; firstMs: number }> {
  const start = performance.now();
  let firstMs = 0;
  let count = 0;
  for await (const _page of pages) {
    if (count === 0) firstMs = performance.now() - start;
    count++;
  }
  return { count, ms: performance.now() - start, firstMs };
}

function report(label: string, result: { count: number; ms: number; firstMs: number }): void {
  console.log(
    `${label}: ${result.count} pages in ${result.ms.toFixed(0)} ms (${(result.ms / result.count).toFixed(0)} ms/page, first page after ${result.firstMs.toFixed(0)} ms)`,
  );
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** Runs in a fresh process, so the fixture's own memory does not count as the import's. */
async function tiffImportChild(tiff: string): Promise<void> {
  const before = process.memoryUsage().rss;
  let peakRss = before;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const result = await timedPages(importFiles([tiff], { resolutionDpi: 150, colorMode: 'gray' }));
  clearInterval(sampler);
  report('TIFF import, 300 pages of 1240 × 1754 grey', result);
  console.log(
    `TIFF import peak RSS ${mb(peakRss)} MB (${mb(before)} MB at start; the 300 pages decoded at once would be ${mb(300 * 1240 * 1754)} MB)`,
  );
}

if (process.argv[2] === '--tiff-child') {
  await tiffImportChild(process.argv[3]!);
  process.exit(0);
}

const sane = await timedPages(saneTestDriver().scan('test:0', ADF, new AbortController().signal));
report('SANE test backend, ADF 300 dpi grey, scanimage --batch', sane);

const peer = await EsclPeer.start(await scanTestPages(10, 300));
const escl = await timedPages(new EsclDriver({ devices: [peer.url] }).scan(peer.url, ADF, new AbortController().signal));
await peer.close();
report('eSCL driver ← loopback peer, ADF 300 dpi grey PNG', escl);

const dir = await mkdtemp(path.join(os.tmpdir(), 'quay-bench-capture-'));
try {
  const pdf = path.join(dir, 'archive.pdf');
  await writeTextPdf(pdf, PDF_PAGES);
  report(
    `PDF import, ${PDF_PAGES} A4 pages rasterized at 300 dpi (first page includes loading pdfjs)`,
    await timedPages(importFiles([pdf], { resolutionDpi: 300, colorMode: 'gray' })),
  );

  const tiff = path.join(dir, 'box.tif');
  await writeMultiPageTiff(tiff, 300, 1240, 1754);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--tiff-child', tiff],
    { maxBuffer: 1 << 20 },
  );
  process.stdout.write(stdout);
} finally {
  await rm(dir, { recursive: true, force: true });
}
