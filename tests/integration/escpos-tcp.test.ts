import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EscPosPart } from '../../electron/core/printing/escpos-raster-encoder';
import { createReceiptPrinter } from '../../electron/core/printing';
import { ReceiptPrinter, type ReceiptPrinterOptions } from '../../electron/core/printing/receipt-printer';
import { SlipRenderer } from '../../electron/core/printing/slip-renderer';
import { Tcp9100Transport, type Tcp9100Options } from '../../electron/core/printing/transports/tcp-9100';
import { lookupUrl } from '../../shared/forms/lookup-url';
import { receivedSlip, returnedSlip } from '../../shared/printing/slip-layout';
import { BarcodeFormat, decodePng } from '../helpers/decode-code';
import { dossier, site } from '../helpers/form-fixtures';
import { repoRoot } from '../helpers/test-core';
import { decodedImagePng, EscPosTcpPeer, PRINTER_STATES } from '../peers/escpos-tcp-peer';

const renderer = new SlipRenderer(path.join(repoRoot, 'build', 'fonts'));
const received = dossier();
const url = lookupUrl(site, received.code)!;
let peer: EscPosTcpPeer;
let port: number;

beforeAll(async () => {
  peer = new EscPosTcpPeer();
  port = await peer.start();
});
afterAll(() => peer.close());
beforeEach(() => {
  peer.status = PRINTER_STATES.ready;
  peer.statusAfter = null;
  peer.answerStatus = true;
  peer.resetAfterBytes = null;
});

function printer(options: Partial<ReceiptPrinterOptions> = {}, tcp: Partial<Tcp9100Options> = {}): ReceiptPrinter {
  return new ReceiptPrinter(renderer, new Tcp9100Transport({ host: '127.0.0.1', port, statusTimeoutMs: 300, ...tcp }), {
    paper: '80mm',
    qr: 'native',
    ...options,
  });
}

/** The raster parts of a prepared slip stacked into one image, as the peer stitches them. */
function expectedRaster(parts: EscPosPart[]): { bytesPerRow: number; height: number; data: Buffer } {
  const rasters = parts.flatMap((p) => (p.kind === 'raster' ? [p.bitmap] : []));
  return {
    bytesPerRow: rasters[0]!.bytesPerRow,
    height: rasters.reduce((h, r) => h + r.height, 0),
    data: Buffer.concat(rasters.map((r) => r.data)),
  };
}

describe('received slip over raw TCP 9100 to a virtual ESC/POS printer', () => {
  it('arrives pixel for pixel, with the lookup URL as a native QR and a cut', async () => {
    const p = printer({ paper: '80mm', qr: 'native', encoder: { bandHeight: 96 } });
    const blocks = receivedSlip(site, received, '80mm');
    const prepared = p.prepare(blocks);
    const jobArrived = peer.nextJob();
    const result = await p.print(blocks);
    const job = await jobArrived;

    expect(result).toEqual({ outcome: 'printed', paperNearEnd: false, bytes: prepared.bytes.length });
    expect(job.ended).toBe('end');
    expect(job.unknown).toEqual([]);
    expect(job.problems).toEqual([]);
    expect(job.initialized).toBe(true);
    expect(job.cut).toBe(true);
    // Status asked before the job and after it, the job itself byte-identical in between.
    expect(job.statusQueries).toEqual([1, 2, 4, 1, 2, 4]);
    expect(job.raw.subarray(9, 9 + prepared.bytes.length)).toEqual(Buffer.from(prepared.bytes));

    const expected = expectedRaster(prepared.parts);
    expect(job.image.width).toBe(576);
    expect(job.image.bytesPerRow).toBe(expected.bytesPerRow);
    expect(job.image.height).toBe(expected.height);
    expect(Buffer.from(job.image.data).equals(expected.data)).toBe(true);
    expect(Math.max(...job.bandHeights)).toBe(96);

    expect(job.qrs).toHaveLength(1);
    expect(job.qrs[0]).toMatchObject({ text: url, model: 2, moduleSize: 6, errorLevel: 0x31 });
    expect(job.qrs[0]!.text).toContain(received.code);
  });

  it('draws the QR into the raster on 58 mm when asked, and it decodes to the lookup URL', async () => {
    const p = printer({ paper: '58mm', qr: 'raster' });
    const blocks = receivedSlip(site, received, '58mm');
    const prepared = p.prepare(blocks);
    const jobArrived = peer.nextJob();
    await p.print(blocks);
    const job = await jobArrived;

    expect(job.qrs).toEqual([]);
    expect(job.image.width).toBe(384);
    expect(Buffer.from(job.image.data).equals(expectedRaster(prepared.parts).data)).toBe(true);
    expect(decodePng(decodedImagePng(job.image), BarcodeFormat.QR_CODE)).toBe(url);
  });

  it('is built from settings by the factory, with the font from the resources folder', async () => {
    const p = createReceiptPrinter(
      { paper: '58mm', qr: 'native', transport: { kind: 'tcp', host: '127.0.0.1', port }, bandHeight: 24, cut: 'full' },
      { resourcesDir: repoRoot },
    );
    const jobArrived = peer.nextJob();
    expect(await p.print(receivedSlip(site, received, p.paper))).toMatchObject({ outcome: 'printed' });
    const job = await jobArrived;
    expect(job.image.width).toBe(384);
    expect(Math.max(...job.bandHeights)).toBe(24);
    // A full cut (GS V 0) just before the three status queries that close the job.
    const end = job.raw.length - 9;
    expect([...job.raw.subarray(end - 3, end)]).toEqual([0x1d, 0x56, 0x00]);
  });

  it('prints the returned slip too, and reports paper near its end without failing', async () => {
    peer.status = PRINTER_STATES.paperNearEnd;
    const jobArrived = peer.nextJob();
    const result = await printer().printReturned(site, dossier({ returnedAt: '2026-04-28T03:05:00.000Z', returnedTo: 'Lê Văn Ấn' }));
    expect(result).toMatchObject({ outcome: 'printed', paperNearEnd: true });
    expect((await jobArrived).qrs[0]!.text).toBe(url);
  });
});

describe('faults: the slip is never reported printed', () => {
  it('paper out before the job: PRINTER_PAPER_OUT, and no image is sent', async () => {
    peer.status = PRINTER_STATES.paperOut;
    const jobArrived = peer.nextJob();
    await expect(printer().printReceived(site, received)).rejects.toMatchObject({
      code: 'PRINTER_PAPER_OUT',
      message: expect.stringContaining('hết giấy'),
    });
    const job = await jobArrived;
    expect(job.bandHeights).toEqual([]);
    expect(job.statusQueries).toEqual([1, 2, 4]);
  });

  it('paper running out during the job: PRINTER_PAPER_OUT from the status after it', async () => {
    peer.statusAfter = { bytes: 20, status: PRINTER_STATES.paperOut };
    await expect(printer().printReceived(site, received)).rejects.toMatchObject({ code: 'PRINTER_PAPER_OUT' });
  });

  it('cover open and cutter jam map to their own codes', async () => {
    peer.status = PRINTER_STATES.coverOpen;
    await expect(printer().printReceived(site, received)).rejects.toMatchObject({ code: 'PRINTER_COVER_OPEN' });
    peer.status = PRINTER_STATES.cutterJam;
    await expect(printer().printReceived(site, received)).rejects.toMatchObject({
      code: 'PRINTER_FAULT',
      message: expect.stringContaining('0x1a'),
    });
    peer.status = PRINTER_STATES.offline;
    await expect(printer().printReceived(site, received)).rejects.toMatchObject({ code: 'PRINTER_OFFLINE' });
  });

  it('connection reset mid-job: PRINTER_CONNECTION_RESET', async () => {
    peer.resetAfterBytes = 4000;
    const jobArrived = peer.nextJob();
    await expect(printer().printReceived(site, received)).rejects.toMatchObject({ code: 'PRINTER_CONNECTION_RESET' });
    expect((await jobArrived).ended).toBe('reset');
  });

  it('connection reset mid-job on a printer without status: still PRINTER_CONNECTION_RESET', async () => {
    peer.resetAfterBytes = 4000;
    await expect(printer({}, { statusQuery: false }).printReceived(site, received)).rejects.toMatchObject({
      code: 'PRINTER_CONNECTION_RESET',
    });
  });

  it('nothing listening: PRINTER_OFFLINE', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(printer({}, { port: deadPort }).printReceived(site, received)).rejects.toMatchObject({
      code: 'PRINTER_OFFLINE',
      message: expect.stringContaining(`127.0.0.1:${deadPort}`),
    });
  });

  it('a printer silent on DLE EOT: PRINTER_NO_STATUS; with status off the job is only handed over', async () => {
    peer.answerStatus = false;
    await expect(printer().printReceived(site, received)).rejects.toMatchObject({ code: 'PRINTER_NO_STATUS' });
    const jobArrived = peer.nextJob();
    const result = await printer({}, { statusQuery: false }).printReceived(site, received);
    expect(result.outcome).toBe('handedOver');
    expect((await jobArrived).cut).toBe(true);
  });

  it('reads the status alone for a Test button', async () => {
    peer.status = PRINTER_STATES.paperNearEnd;
    expect(await printer().status()).toEqual({ offline: false, coverOpen: false, paperOut: false, paperNearEnd: true, errorCause: null });
  });

  it('a returned slip for a dossier not returned fails before touching the printer', async () => {
    const before = peer.jobs.length;
    expect(() => printer().print(returnedSlip(site, received, '80mm'))).toThrow(expect.objectContaining({ code: 'SLIP_NOT_RETURNED' }));
    expect(peer.jobs.length).toBe(before);
  });
});
