import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/core/cli/run-cli';
import { khaiSinhDraft, repoRoot, startReception, tempDir } from '../helpers/test-core';
import { EscPosTcpPeer, StreamParser } from '../peers/escpos-tcp-peer';

async function quay(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env: {} },
    resourcesDir: repoRoot,
    appVersion: '0.0.0-test',
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let peer: EscPosTcpPeer;
let port: number;
let dataDir: string;
let code: string;

beforeAll(async () => {
  peer = new EscPosTcpPeer();
  port = await peer.start();
  dataDir = tempDir('quay-cli-print-');
  const t = await startReception({ dataDir });
  code = (await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) })).dossier.code;
  t.core.close();
}, 60_000);

afterAll(async () => {
  await peer.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('quay print', () => {
  it('test --printer tcp://… prints the test slip and says the printer confirmed it', async () => {
    const arrived = peer.nextJob();
    const result = await quay(['print', 'test', '--printer', `tcp://127.0.0.1:${port}`, '--paper', '58mm']);
    expect(result).toMatchObject({ code: 0, out: expect.stringContaining('Đã in xong') });
    const job = await arrived;
    expect(job.image.width).toBe(384);
    expect(job.cut).toBe(true);
  });

  it('test --printer file:PATH writes the ESC/POS job, reported as handed over', async () => {
    const file = path.join(dataDir, 'test.bin');
    const result = await quay(['print', 'test', '--printer', `file:${file}`]);
    expect(result).toMatchObject({ code: 0, out: expect.stringContaining('không biết giấy đã ra') });
    const parser = new StreamParser(() => undefined);
    parser.feed(fs.readFileSync(file));
    expect(parser.image().width).toBe(576);
    expect(parser.job.unknown).toEqual([]);
  });

  it('a printer address that is none of the known forms is refused in Vietnamese', async () => {
    const result = await quay(['print', 'test', '--printer', 'lpt1']);
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('không hợp lệ');
  });

  it('slip --dossier reads the local database and prints that dossier’s slip', async () => {
    const arrived = peer.nextJob();
    const result = await quay(['print', 'slip', '--data', dataDir, '--dossier', code, '--printer', `tcp://127.0.0.1:${port}`]);
    expect(result.code).toBe(0);
    expect((await arrived).image.height).toBeGreaterThan(300);
    expect(
      (await quay(['print', 'slip', '--data', dataDir, '--dossier', '000.00.06.H56-990101-0001', '--printer', `tcp://127.0.0.1:${port}`]))
        .code,
    ).not.toBe(0);
  });

  it('form 01 --out writes the A5 receipt PDF with the Vietnamese name', async () => {
    const out = path.join(dataDir, 'mau01.pdf');
    const result = await quay(['print', 'form', '01', '--data', dataDir, '--dossier', code, '--out', out]);
    expect(result).toMatchObject({ code: 0, out: expect.stringContaining(out) });
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain(code);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))!;
    expect(Math.abs(Number(size[1]) - 419.53)).toBeLessThanOrEqual(2);
    expect(text).toContain('Liên 2: Giao người nộp');
  }, 60_000);
});

describe('quay devices list', () => {
  it('lists what it can and says why a bus could not be read', async () => {
    const result = await quay(['devices', 'list', '--json']);
    expect(result.code).toBe(0);
    const found = JSON.parse(result.out);
    expect(found).toMatchObject({
      usbPrinters: [],
      hidReaders: expect.any(Array),
      serialPorts: expect.any(Array),
      systemPrinters: expect.any(Array),
    });
    expect(found.problems.join('\n')).toContain('USB');
  });
});
