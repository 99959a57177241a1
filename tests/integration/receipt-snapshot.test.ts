import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/core/cli/run-cli';
import { ADMIN, khaiSinhDraft, repoRoot, startReception, startTestCore, tempDir } from '../helpers/test-core';

/**
 * Issue 14 points 3 and 4, end to end through the real Chromium PDF path and pdftotext: the receipt
 * prints with the control slip after copy 1, and a reprint after the site switched to the 2025 set
 * and renamed its agency reads exactly as the original (docs/domain.md §5.4).
 */
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

const pageText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).normalize('NFC');
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

let dataDir: string;
let code: string;

async function receiptPdf(name: string): Promise<string> {
  const out = path.join(dataDir, name);
  const result = await quay(['print', 'form', 'receipt', '--data', dataDir, '--dossier', code, '--out', out]);
  expect(result, result.err).toMatchObject({ code: 0 });
  return out;
}

beforeAll(async () => {
  dataDir = tempDir('quay-receipt-snapshot-');
  const t = await startReception({ dataDir });
  code = (await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) })).dossier.code;
  t.core.close();
}, 60_000);

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the receipt with its control slip, and its reprint from the reception snapshot', () => {
  let original: string;

  it('prints copy 1, the control slip with the lead agency, then copy 2', async () => {
    original = await receiptPdf('original.pdf');
    expect(pageCount(original)).toBe(3);
    expect(pageText(original, 1)).toContain('Liên 1: Lưu tại bộ phận');
    const slip = pageText(original, 2);
    expect(slip).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(slip).toContain(code);
    expect(slip).toContain('Nguyễn Thị Hồng Nhung');
    // The sample catalogue names no lead agency for birth registration: the commune resolves it itself.
    expect(slip).toMatch(/Cơ quan \(bộ phận\) chủ trì giải quyết:\s*UBND xã Quảng Phú/);
    expect(pageText(original, 3)).toContain('Liên 2: Giao người nộp');
  }, 60_000);

  it('reprints the same text after the site switched to the 2025 set and renamed its agency', async () => {
    const t = await startTestCore(dataDir);
    t.clock.set('2026-07-01T02:00:00.000Z');
    await t.must('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const site = await t.must('admin-window', 'site.update', {
      agencyName: 'UBND phường Hạc Thành',
      place: 'Hạc Thành',
      formSets: [
        { set: '2018', from: '2018-01-01' },
        { set: '2025', from: '2026-07-01' },
      ],
    });
    expect(site).toMatchObject({ formSet: '2025', agencyName: 'UBND phường Hạc Thành' });
    t.core.close();

    const reprint = await receiptPdf('reprint.pdf');
    for (const page of [1, 2, 3]) expect(pageText(reprint, page), `page ${page}`).toBe(pageText(original, page));
    expect(pageText(reprint, 1)).not.toContain('Hạc Thành');
  }, 60_000);

  it('writes the 2025 stop notice by its key for a dossier received under 2018, in the set and name of today', async () => {
    // A stop notice is issued now, in the 2025 set the site has used since 01/07/2026, with today's name.
    const notice = path.join(dataDir, 'stop.pdf');
    const result = await quay([
      'print',
      'form',
      'stop_notice',
      '--data',
      dataDir,
      '--dossier',
      code,
      '--reason',
      'Người nộp đã chết',
      '--out',
      notice,
    ]);
    expect(result, result.err).toMatchObject({ code: 0 });
    const text = pageText(notice, 1);
    expect(text).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('UBND phường Hạc Thành');
    expect(text).toContain('Người nộp đã chết');
  }, 60_000);
});
