import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uiText } from '../../shared/i18n/vi';
import { khaiSinhDraft, startReception, startTestCore, tempDir, type TestCore } from '../helpers/test-core';
import { EscPosTcpPeer, PRINTER_STATES } from '../peers/escpos-tcp-peer';

/** The devices through the core's channels: settings, Test, and thermal slips as persisted print jobs. */

let peer: EscPosTcpPeer;
let port: number;
const cores: TestCore[] = [];

beforeAll(async () => {
  peer = new EscPosTcpPeer();
  port = await peer.start();
});
afterAll(() => peer.close());
afterEach(() => {
  for (const t of cores.splice(0)) t.core.close();
  peer.status = PRINTER_STATES.ready;
  peer.resetAfterBytes = null;
});

function settings(overrides: Record<string, unknown> = {}) {
  return {
    receiptPrinter: { paper: '80mm', qr: 'native', transport: { kind: 'tcp', host: '127.0.0.1', port, statusQuery: true } },
    formPrinters: { A5: null, A4: null },
    readers: [],
    wedge: { minLength: 8, maxGapMs: 35, prefix: '', suffix: '' },
    ...overrides,
  };
}

async function reception(dataDir = tempDir('quay-devices-')): Promise<TestCore> {
  const t = await startReception({ dataDir });
  cores.push(t);
  return t;
}

describe('device settings', () => {
  it('survive a restart, and bad ones are refused with a Vietnamese message', async () => {
    const dir = tempDir('quay-devices-');
    const t = await reception(dir);
    await t.must(
      'admin-window',
      'devices.updateSettings',
      settings({ readers: [{ kind: 'serial', id: 'cccd', path: '/dev/quay-no-such-reader', baudRate: 9600, terminator: '\r' }] }),
    );
    const bad = await t.call(
      'admin-window',
      'devices.updateSettings',
      settings({ receiptPrinter: { paper: '80mm', qr: 'raster', transport: { kind: 'cups', queue: '-bad' } } }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'PRINTER_CONFIG_INVALID' } });
    t.core.close();
    cores.splice(cores.indexOf(t), 1);

    const again = await startTestCore(dir);
    cores.push(again);
    await again.must('w', 'auth.signIn', { username: 'quantri', password: 'QuanTri2026' });
    const stored = await again.must('w', 'devices.settings');
    expect(stored.receiptPrinter.transport).toEqual({ kind: 'tcp', host: '127.0.0.1', port, statusQuery: true });
    expect(stored.readers.map((r: { id: string }) => r.id)).toEqual(['cccd']);
    // A reader that is not plugged in is listed as disconnected, not an error.
    const list = await again.must('w', 'devices.list');
    expect(list.readers).toEqual([{ id: 'cccd', kind: 'serial', state: 'disconnected', detail: expect.any(String) }]);
  });

  it('the Test button prints the pangram slip with a QR', async () => {
    const t = await reception();
    await t.must('admin-window', 'devices.updateSettings', settings());
    const arrived = peer.nextJob();
    expect(await t.must('admin-window', 'devices.test', { target: 'receiptPrinter' })).toEqual({
      target: 'receiptPrinter',
      outcome: 'printed',
      paperNearEnd: false,
    });
    const job = await arrived;
    expect(job.image.height).toBeGreaterThan(200);
    expect(job.qrs[0]!.text).toMatch(/^QUAY-TEST /);
  });

  it('the form printer Test page keeps its PDF at the form page size and says no printer took it when none is chosen', async () => {
    const t = await reception();
    await t.must('admin-window', 'devices.updateSettings', settings());
    const result = await t.must('admin-window', 'devices.test', { target: 'formPrinter', pageSize: 'A5' });
    expect(result).toEqual({ target: 'formPrinter', printer: null, printed: false, savedPath: expect.stringContaining('test_page') });
    expect(fs.existsSync(result.savedPath)).toBe(true);
    const page = t.pdf.rendered.at(-1)!;
    expect(page.pageSize).toBe('A5');
    expect(page.html).toContain('@page { size: A5 portrait');
    expect(page.html).toContain(uiText.slip.testPangram);
    expect(page.html).toContain(uiText.devices.testFormTitle);
  });

  it('a form printer queue the spooler does not know fails the Test with a Vietnamese message, the PDF already kept', async () => {
    const t = await reception();
    await t.must('admin-window', 'devices.updateSettings', settings({ formPrinters: { A5: null, A4: 'quay-no-such-queue' } }));
    const failed = await t.call('admin-window', 'devices.test', { target: 'formPrinter', pageSize: 'A4' });
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(['PRINTER_QUEUE_NOT_FOUND', 'PRINTER_SPOOLER_FAILED']).toContain(failed.error.code);
    expect(failed.error.message).toContain('quay-no-such-queue');
    expect(t.pdf.rendered.at(-1)!.pageSize).toBe('A4');
  });

  it('lists what is plugged in, saying why a bus could not be read', async () => {
    const t = await reception();
    const list = await t.must('admin-window', 'devices.list');
    expect(list.receiptPrinter.configured).toBe(false);
    // This machine has no /sys/bus/usb: the list is empty and the reason is given, not an error.
    expect(list.usbPrinters).toEqual([]);
    expect(list.problems.join('\n')).toContain('USB');
  });
});

describe('thermal slips as persisted print jobs', () => {
  it('accept owes a slip; paper out keeps it owed with the reason; the retry prints it and it is done', async () => {
    const t = await reception();
    await t.must('admin-window', 'devices.updateSettings', settings());
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    const owed = (await t.must('admin-window', 'print.outstanding')).filter((j: { formKey: string }) => j.formKey === 'slip_received');
    expect(owed).toHaveLength(1);

    peer.status = PRINTER_STATES.paperOut;
    const failed = await t.call('admin-window', 'print.slip', { dossierId: dossier.id, kind: 'slip_received' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'PRINTER_PAPER_OUT', message: expect.stringContaining('hết giấy') } });
    const still = (await t.must('admin-window', 'print.outstanding')).find((j: { formKey: string }) => j.formKey === 'slip_received');
    expect(still).toMatchObject({ id: owed[0].id, status: 'failed', lastError: expect.stringContaining('hết giấy') });

    peer.status = PRINTER_STATES.ready;
    const arrived = peer.nextJob();
    const printed = await t.must('admin-window', 'print.slip', { dossierId: dossier.id, kind: 'slip_received' });
    expect(printed).toEqual({ jobId: owed[0].id, outcome: 'printed', paperNearEnd: false });
    expect((await arrived).qrs[0]!.text).toContain(dossier.code);
    expect((await t.must('admin-window', 'print.outstanding')).some((j: { formKey: string }) => j.formKey === 'slip_received')).toBe(false);
  });

  it('a slip owed when the app crashed is offered again after the restart', async () => {
    const dir = tempDir('quay-devices-');
    const t = await reception(dir);
    await t.must('admin-window', 'devices.updateSettings', settings());
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    t.core.close();
    cores.splice(cores.indexOf(t), 1);
    const again = await startTestCore(dir);
    cores.push(again);
    await again.must('w', 'auth.signIn', { username: 'quantri', password: 'QuanTri2026' });
    const owed = (await again.must('w', 'print.outstanding')).filter((j: { formKey: string }) => j.formKey === 'slip_received');
    expect(owed).toMatchObject([{ dossierCode: dossier.code, status: 'pending' }]);
  });

  it('connection reset mid-slip: not printed, kept to retry; no printer set up: no slip owed', async () => {
    const t = await reception();
    const { dossier: first } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    expect((await t.must('admin-window', 'print.outstanding')).some((j: { formKey: string }) => j.formKey === 'slip_received')).toBe(false);
    expect(await t.call('admin-window', 'print.slip', { dossierId: first.id, kind: 'slip_received' })).toMatchObject({
      ok: false,
      error: { code: 'SLIP_PRINTER_NOT_SET' },
    });

    await t.must('admin-window', 'devices.updateSettings', settings());
    peer.resetAfterBytes = 3000;
    expect(await t.call('admin-window', 'print.slip', { dossierId: first.id, kind: 'slip_received' })).toMatchObject({
      ok: false,
      error: { code: 'PRINTER_CONNECTION_RESET' },
    });
    expect(
      (await t.must('admin-window', 'print.outstanding')).find((j: { formKey: string }) => j.formKey === 'slip_received'),
    ).toMatchObject({ status: 'failed' });
  });
});
