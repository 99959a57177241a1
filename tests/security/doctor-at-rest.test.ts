import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/core/cli/run-cli';
import { databasePath } from '../../electron/core/create-core';
import { PDF_BASE64, repoRoot, startReception, tempDir } from '../helpers/test-core';

/** Issue 17 acceptance: `quay doctor --json` reports encryption at rest, file permissions and the audit chain's anchor. */
async function doctorJson(dataDir: string): Promise<{ code: number; report: any }> {
  const out: string[] = [];
  const code = await runCli(['doctor', '--data', dataDir, '--json'], {
    io: { out: (line) => out.push(line), err: () => undefined, stdin: Readable.from(['']), env: {} },
    resourcesDir: repoRoot,
    appVersion: '0.0.0-test',
  });
  return { code, report: JSON.parse(out.join('\n')) };
}

describe('quay doctor --json at rest', () => {
  it('reports the database and the stored files encrypted, private permissions and the audit head not anchored', async () => {
    const t = await startReception({ dataDir: path.join(tempDir(), 'data') });
    await t.must('admin-window', 'reception.storeFile', { fileName: 'cccd.pdf', dataBase64: PDF_BASE64 });
    t.core.close();
    const { code, report } = await doctorJson(t.dataDir);
    expect(code).toBe(0);
    expect(report.atRest).toMatchObject({
      database: { encrypted: true },
      files: { sampled: 1, inClear: 0, encrypted: true },
      permissionsOk: true,
    });
    expect(report.atRest.permissions.map((p: { path: string }) => path.basename(p.path))).toEqual(
      expect.arrayContaining(['data', 'quay.sqlite', 'files']),
    );
    expect(report.auditAnchor).toEqual({
      head: { seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      anchoredSeq: null,
      anchored: null,
      holds: null,
      gatewayVerdict: null,
      problem: null,
    });
  });

  it('fails and names the paths other users can read, as found before it opens anything', async () => {
    const t = await startReception({ dataDir: path.join(tempDir(), 'data') });
    t.core.close();
    fs.chmodSync(databasePath(t.dataDir), 0o644);
    const { code, report } = await doctorJson(t.dataDir);
    expect(code).toBe(1);
    expect(report.atRest.permissionsOk).toBe(false);
    expect(report.atRest.permissions).toContainEqual({ path: databasePath(t.dataDir), mode: '0644', private: false });
  });
});
