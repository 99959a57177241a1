import { openCounterDatabase } from '../../electron/core/platform/data-at-rest-key';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCentralCli } from '../../central/cli';
import { repoRoot, tempDir } from '../helpers/test-core';

function runScript(workDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(repoRoot, 'scripts', 'setup-site.sh'), workDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('scripts/setup-site.sh', () => {
  it('sets up a gateway and an enrolled counter from nothing through the CLI alone, and the gateway ends up holding the seeded dossiers', async () => {
    const work = tempDir('quay-setup-site-');
    const run = await runScript(work);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('XONG: cổng tỉnh http://127.0.0.1:');
    expect(run.stdout).toContain('giữ 5 hồ sơ của 000.00.06.H56 từ Quầy 1.');
    // Closing the core waits for the sync engine: no CLI command ends with a failed pass on a closed database.
    expect(run.stderr).not.toMatch(/sync pass failed|database connection is not open/);

    // The gateway was stopped at the end and freed its folder; its database, opened afresh, holds the dossiers.
    expect(fs.existsSync(path.join(work, 'gateway', 'gateway.lock'))).toBe(false);
    const lines: string[] = [];
    expect(await runCentralCli(['stats', '--json', '--data', path.join(work, 'gateway')], (line) => lines.push(line))).toBe(0);
    expect(JSON.parse(lines.join('\n'))).toMatchObject({
      devices: { active: 1, revoked: 0 },
      dossiers: 5,
      perAgency: { '000.00.06.H56': { devices: 1, dossiers: 5 } },
    });

    const { sqlite } = openCounterDatabase(path.join(work, 'counter'));
    try {
      const site = sqlite.prepare(`SELECT value FROM settings WHERE key = 'site'`).get() as { value: string };
      expect(JSON.parse(site.value)).toMatchObject({ agencyCode: '000.00.06.H56', agencyName: 'UBND xã Quảng Phú', place: 'Quảng Phú' });
      expect(sqlite.prepare('SELECT username, role FROM accounts ORDER BY username').all()).toEqual([
        { username: 'canbo01', role: 'officer' },
        { username: 'quantri', role: 'admin' },
      ]);
      expect(sqlite.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 5 });
      expect(sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE acknowledged_at IS NULL').get()).toEqual({ n: 0 });
    } finally {
      sqlite.close();
    }
    expect(fs.statSync(path.join(work, 'passwords')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(work, 'counter', 'device-credential.json')).mode & 0o777).toBe(0o600);
  }, 1_200_000);
});
