import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ChromiumPdfRenderer, DEFAULT_CHROMIUM_PATH } from '../../electron/core/platform/chromium-pdf-renderer';
import { PdfFilePrinter } from '../../electron/core/printing/form-printers/pdf-file-printer';
import { createFormService } from '../../electron/core/forms';
import { CupsFormPrinter } from '../../electron/core/printing/form-printers/cups-form-printer';
import { ReceiptPrinter } from '../../electron/core/printing/receipt-printer';
import { SlipRenderer } from '../../electron/core/printing/slip-renderer';
import { CupsRawTransport } from '../../electron/core/printing/transports/cups-raw';
import { lookupUrl } from '../../shared/forms/lookup-url';
import { receivedSlip } from '../../shared/printing/slip-layout';
import { dossier, site } from '../helpers/form-fixtures';
import { FakeClock, repoRoot, tempDir } from '../helpers/test-core';
import { EscPosTcpPeer } from '../peers/escpos-tcp-peer';
import {
  ippEvePrinterUnavailable,
  privateCupsUnavailable,
  startIppEvePrinter,
  startPrivateCups,
  type IppEvePrinter,
  type PrivateCups,
} from '../peers/private-cups';

/**
 * Real CUPS 2.4 as a private instance on 127.0.0.1 (never the system's): a raw queue forwards a
 * receipt to the virtual ESC/POS printer, and a queue to an IPP Everywhere printer receives Form 01.
 */

let cups: PrivateCups;
let peer: EscPosTcpPeer;
let ipp: IppEvePrinter;

beforeAll(async () => {
  // These peers are the point of the file: where they cannot run, say why instead of passing silently.
  const missing = privateCupsUnavailable() ?? ippEvePrinterUnavailable();
  if (missing) throw new Error(`private CUPS cannot run here: ${missing}`);
  cups = await startPrivateCups();
  peer = new EscPosTcpPeer();
  const port = await peer.start();
  await cups.lpadmin(['-p', 'thermal', '-v', `socket://127.0.0.1:${port}`, '-E']);
  ipp = await startIppEvePrinter();
  await cups.lpadmin(['-p', 'forms_a5', '-v', ipp.uri, '-E']);
}, 60_000);

afterAll(async () => {
  await peer?.close();
  await ipp?.stop();
  await cups?.stop();
});

describe('receipt through a private CUPS raw queue', () => {
  it('arrives at the virtual printer byte for byte and decodes pixel for pixel; reported handed over, never printed', async () => {
    const printer = new ReceiptPrinter(
      new SlipRenderer(path.join(repoRoot, 'build', 'fonts')),
      new CupsRawTransport({ queue: 'thermal', server: cups.server }),
      { paper: '80mm', qr: 'native' },
    );
    const received = dossier();
    const blocks = receivedSlip(site, received, '80mm');
    const prepared = printer.prepare(blocks);
    const arrived = peer.nextJob();
    const result = await printer.print(blocks);
    const job = await arrived;

    expect(result).toEqual({ outcome: 'handedOver', paperNearEnd: false, bytes: prepared.bytes.length });
    expect(job.raw.equals(Buffer.from(prepared.bytes))).toBe(true);
    expect(job.problems).toEqual([]);
    const rasters = prepared.parts.flatMap((p) => (p.kind === 'raster' ? [p.bitmap.data] : []));
    expect(Buffer.from(job.image.data).equals(Buffer.concat(rasters))).toBe(true);
    expect(job.qrs.map((q) => q.text)).toEqual([lookupUrl(site, received.code)]);
    expect(job.cut).toBe(true);
  }, 30_000);

  it('an unknown queue is a clear Vietnamese error', async () => {
    const printer = new ReceiptPrinter(
      new SlipRenderer(path.join(repoRoot, 'build', 'fonts')),
      new CupsRawTransport({ queue: 'khong_co', server: cups.server }),
      { paper: '58mm', qr: 'raster' },
    );
    await expect(printer.print(receivedSlip(site, dossier(), '58mm'))).rejects.toMatchObject({
      code: 'PRINTER_QUEUE_NOT_FOUND',
      message: expect.stringContaining('khong_co'),
    });
  });
});

describe('Form 01 to an IPP Everywhere printer through CUPS', () => {
  let browser: Browser;
  let renderer: ChromiumPdfRenderer;
  let dataDir: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.QUAY_CHROMIUM ?? DEFAULT_CHROMIUM_PATH, args: CHROMIUM_ARGS });
    renderer = new ChromiumPdfRenderer({ browser });
    dataDir = tempDir('quay-cups-forms-');
  }, 30_000);

  afterAll(async () => {
    await renderer?.close();
    await browser?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('ippeveprinter keeps the A5 PDF, two copies (liên), with the Vietnamese text intact', async () => {
    const clock = new FakeClock(new Date('2026-04-23T02:40:00.000Z'));
    const printer = new CupsFormPrinter({
      keep: new PdfFilePrinter({ dataDir, clock }),
      queueFor: (job) => (job.pageSize === 'A5' ? 'forms_a5' : null),
      server: cups.server,
      // ippeveprinter's built-in media list has no A5; the PDF itself carries the page size.
      sendMedia: false,
    });
    const forms = createFormService({ site: () => site, pdfRenderer: renderer, dataDir, clock, printer });
    const outcome = await forms.print('receipt', { dossier: dossier() });
    expect(outcome).toMatchObject({ printed: true, pageSize: 'A5', copies: 2 });
    expect(fs.existsSync(outcome.savedPath!)).toBe(true);

    const deadline = Date.now() + 20_000;
    while (ipp.documents().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const [received] = ipp.documents();
    expect(received, cups.errorLog()).toBeDefined();
    expect(fs.readFileSync(received!).equals(fs.readFileSync(outcome.savedPath!))).toBe(true);
    const info = execFileSync('pdfinfo', [received!], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    expect(Math.abs(Number(size[1]) - 419.53)).toBeLessThanOrEqual(2);
    expect(Math.abs(Number(size[2]) - 595.28)).toBeLessThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', received!, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('Liên 2: Giao người nộp');
  }, 60_000);
});
