import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigitizePool } from '../../../../electron/core/digitize/pipeline/cleanup-pool';
import { AppError } from '../../../../shared/ipc/result';
import { makeTestPage, standardSpec } from '../../../fixtures-gen/digitize-testset';

describe('digitize pool: cleanup and PDF assembly in worker threads', () => {
  const pool = new DigitizePool({ size: 1 });
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-pool-'));
  });
  afterAll(async () => {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('cleans a page turned a quarter in a worker and assembles it with a blank into a two-page PDF', async () => {
    const turned = await makeTestPage(standardSpec('rotated-90'));
    const blank = await makeTestPage(standardSpec('blank-dusty'));
    const [upright, empty] = await Promise.all([
      pool.clean({ index: 0, bytes: turned.bytes, mediaType: 'image/png', resolutionDpi: 300, source: 'turned.png' }),
      pool.clean({ index: 1, bytes: blank.bytes, mediaType: 'image/png', resolutionDpi: 300, source: 'blank.png' }),
    ]);
    expect(upright.rotationApplied).toBe(90);
    expect(upright.blank).toBe(false);
    expect(empty.blank).toBe(true);
    const pdf = await pool.assemble(
      [upright, empty].map((page) => ({
        image: page.bytes,
        mediaType: page.mediaType,
        widthPx: page.widthPx,
        heightPx: page.heightPx,
        resolutionDpi: page.resolutionDpi,
      })),
      {
        dossierCode: 'H01-0001',
        componentCode: 'TK',
        componentName: 'Tờ khai',
        ownerIdNumber: null,
        officer: 'Lê Văn An',
        digitizedAt: new Date(),
        appVersion: '0.1.0',
      },
    );
    const file = path.join(dir, 'tk.pdf');
    fs.writeFileSync(file, pdf);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Pages:\s+2$/m);
  }, 180_000);

  it('returns a clear error for an unreadable page and keeps working', async () => {
    const failure = await pool
      .clean({ index: 2, bytes: Buffer.from('garbage'), mediaType: 'image/jpeg', source: 'hong.jpg' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('CLEANUP_IMAGE_UNREADABLE');
    expect((failure as AppError).message).toContain('hong.jpg');
  });
});
