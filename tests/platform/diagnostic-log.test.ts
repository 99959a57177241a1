import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logCoreOutput, logDiagnostic, RotatingLogFile, useDiagnosticLogFile } from '../../electron/main/platform/diagnostic-log';
import { tempDir } from '../helpers/test-core';

const AT = new Date('2026-03-02T01:00:00.000Z');

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('the rotating diagnostic log under the data folder', () => {
  it('rotates at the size limit, keeping three older files and dropping the oldest', () => {
    const dir = path.join(tempDir(), 'logs');
    const log = new RotatingLogFile(dir, 200, () => AT);
    for (let i = 1; i <= 12; i++) log.write('info', 'main', `line ${i} ${'x'.repeat(40)}`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['quay.log', 'quay.log.1', 'quay.log.2', 'quay.log.3']);
    for (const file of files) expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(200);
    expect(fs.readFileSync(path.join(dir, 'quay.log'), 'utf8')).toContain('line 12 ');
    const kept = files.map((file) => fs.readFileSync(path.join(dir, file), 'utf8')).join('');
    expect(kept).not.toContain('line 1 ');
  });

  it("writes main's reports and the core's piped output, redacted, once the data folder is known", async () => {
    const dataDir = tempDir();
    logDiagnostic('error', 'before the data folder is known');
    useDiagnosticLogFile(dataDir);
    logDiagnostic('error', 'silent print failed for 038190012345', new Error('Printer is offline'));
    const stderr = new PassThrough();
    logCoreOutput(stderr, 'error');
    stderr.write('[core] sync failed for ');
    stderr.write('nhung@example.vn\n[core] second line\n');
    stderr.end();
    await new Promise((resolve) => setImmediate(resolve));
    const text = fs.readFileSync(path.join(dataDir, 'logs', 'quay.log'), 'utf8');
    expect(text).not.toContain('before the data folder');
    expect(text).toMatch(/ERROR \[main\] silent print failed for \[số\]: Error: Printer is offline/);
    expect(text).toContain('ERROR [core] [core] sync failed for [email]\n');
    expect(text).toContain('ERROR [core] [core] second line\n');
    expect(fs.statSync(path.join(dataDir, 'logs', 'quay.log')).mode & 0o777).toBe(0o600);
  });
});
