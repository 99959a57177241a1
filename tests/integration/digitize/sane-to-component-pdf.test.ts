import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../../electron/core/platform/file-store';
import { ScannerRegistry } from '../../../electron/core/digitize/capture';
import { saneTestDriver } from '../../peers/sane-test-backend';
import { CITIZEN, KHAI_SINH, startReception, tempDir, type TestCore } from '../../helpers/test-core';

const CLIENT = 'admin-window';
let t: TestCore | null = null;

afterEach(() => {
  t?.core.close();
  t = null;
});

describe('the SANE test scanner into a checklist slot, through the real cleanup workers and PDF assembly', () => {
  it('scans the 10-page ADF, keeps a page turned by the officer, and stores a 10-page component PDF with its metadata', async () => {
    t = await startReception({ digitize: { scanner: new ScannerRegistry([saneTestDriver()]) } });
    const scanners = await t.must(CLIENT, 'scan.scanners', {});
    expect(scanners.map((s: { id: string }) => s.id)).toContain('test:0');

    const { sessionId } = await t.must(CLIENT, 'scan.openSession', { procedureCode: KHAI_SINH });
    const summary = await t.must(CLIENT, 'scan.start', {
      sessionId,
      componentCode: 'TP01',
      scanner: { kind: 'sane', id: 'test:0' },
      profile: { resolutionDpi: 200, colorMode: 'gray', source: 'adf' },
    });
    expect(summary).toEqual({ captured: 10, separators: 0, error: null });
    const pages = await t.must(CLIENT, 'pages.list', { sessionId });
    expect(pages).toHaveLength(10);
    for (const page of pages) {
      expect(page.state).toBe('cleaned');
      expect(page.quality.score).toBeGreaterThan(0);
      expect(page.thumbnailBase64).not.toBeNull();
    }
    await t.must(CLIENT, 'pages.rotate', { pageId: pages[0].id, quarterTurns: 1 });

    const draft = {
      procedureCode: KHAI_SINH,
      owner: CITIZEN,
      components: [
        { code: 'TP01', state: 'missing' },
        { code: 'TP02', state: 'waived', waiveReason: 'Nộp sau' },
      ],
    };
    const { dossier } = await t.must(CLIENT, 'pages.accept', { sessionId, draft });
    const sha = t.core.database.sqlite
      .prepare(`SELECT sha256 FROM component_files WHERE dossier_id = ? AND component_code = 'TP01'`)
      .pluck()
      .get(dossier.id) as string;
    const file = path.join(tempDir(), 'tp01.pdf');
    fs.writeFileSync(file, new FileStore(t.dataDir).read(sha));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+10\b/);
    expect(info).toContain(dossier.code);
    expect(info).toContain('TP01');
    expect(info).toContain('Nguyễn Thị Quản Trị');
  }, 180_000);
});
