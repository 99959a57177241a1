import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCentralCli } from '../../central/cli';
import { repoRoot, tempDir } from '../helpers/test-core';

function dataDirFromTemplate(): string {
  const dir = tempDir('quay-central-cli-');
  fs.cpSync(inject('centralTemplate'), dir, { recursive: true });
  return dir;
}

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCentralCli(args, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

describe('quay-central CLI', () => {
  it('issues enrolment codes, revokes devices and reports stats', async () => {
    const data = dataDirFromTemplate();
    const issued = await run(['enroll-code', '--data', data, '--agency', '000.00.06.H56', '--counter', 'Quầy 1', '--json']);
    expect(issued.code).toBe(0);
    expect(JSON.parse(issued.out)).toMatchObject({ code: expect.stringMatching(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/) });
    expect(await run(['revoke-device', 'no-such-device', '--data', data])).toMatchObject({ code: 1, out: 'no device no-such-device' });
    const stats = await run(['stats', '--json', '--data', data]);
    expect(JSON.parse(stats.out)).toEqual({ devices: { active: 0, revoked: 0 }, enrolmentCodesOpen: 1, appliedCommands: 0, dossiers: 0, dossierEvents: 0 });
  });

  it('explains usage mistakes with exit code 2', async () => {
    const data = tempDir('quay-central-cli-');
    expect(await run(['enroll-code', '--data', data, '--agency', '000.00.06.H56'])).toMatchObject({ code: 2, out: expect.stringContaining('needs --agency and --counter') });
    expect(await run(['launch', '--data', data])).toMatchObject({ code: 2, out: expect.stringContaining('unknown command launch') });
    expect(await run(['revoke-device', '--data', data])).toMatchObject({ code: 2, out: expect.stringContaining('needs a device id') });
    expect(await run(['stats', '--verbose'])).toMatchObject({ code: 2, out: expect.stringContaining("Unknown option '--verbose'") });
    expect((await run([])).code).toBe(2);
    expect(fs.readdirSync(data)).toEqual([]);
  });

  it('serves on 127.0.0.1 from `tsx central/cli.ts serve`, with a 0600 master key beside the data', async () => {
    const data = dataDirFromTemplate();
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'central/cli.ts', 'serve', '--port', '0', '--data', data], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(await (await fetch(`${url}/v1/health`)).json()).toMatchObject({ status: 'ok', database: 'embedded' });
      expect(fs.statSync(path.join(data, 'gateway.key')).mode & 0o777).toBe(0o600);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
