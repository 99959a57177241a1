import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, inject, it } from 'vitest';
import { runCentralCli } from '../../central/cli';
import { tempDir } from './temp';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCentralCli(args, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

describe('quay-central backup (issue 18 §3)', () => {
  it('writes the embedded database as a tarball with its hash, which opens as the same database', async () => {
    const data = tempDir('quay-central-backup-');
    fs.cpSync(inject('centralTemplate'), data, { recursive: true });
    expect((await run(['enroll-code', '--data', data, '--agency', '000.00.06.H56', '--counter', 'Quầy 1'])).code).toBe(0);
    const destination = tempDir('quay-central-usb-');

    const result = await run(['backup', '--data', data, '--to', destination, '--json']);
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.out) as { file: string; bytes: number; sha256: string };
    expect(path.dirname(answer.file)).toBe(destination);
    expect(path.basename(answer.file)).toMatch(/^quay-central-\d{8}T\d{6}Z\.tar\.gz$/);
    const bytes = fs.readFileSync(answer.file);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(answer.sha256);
    expect(fs.readFileSync(`${answer.file}.sha256`, 'utf8')).toBe(`${answer.sha256}  ${path.basename(answer.file)}\n`);
    expect(fs.statSync(answer.file).mode & 0o777).toBe(0o600);

    const restored = await PGlite.create({ loadDataDir: new Blob([bytes]) });
    try {
      const codes = await restored.query<{ n: number }>('SELECT count(*)::int AS n FROM enrolment_codes');
      expect(codes.rows[0]!.n).toBe(1);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('refuses a destination that is not there, and says what to do', async () => {
    const data = tempDir('quay-central-backup-');
    fs.cpSync(inject('centralTemplate'), data, { recursive: true });
    const missing = path.join(tempDir(), 'not-mounted');
    expect(await run(['backup', '--data', data, '--to', missing])).toEqual({
      code: 1,
      out: 'backup destination is not an existing folder (is the drive mounted?)',
    });
    expect(fs.existsSync(missing)).toBe(false);
    expect((await run(['backup', '--data', data])).out).toContain('backup needs --to DIR');
  }, 120_000);
});
