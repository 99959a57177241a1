import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCentralCli } from '../../../central/cli';
import { GatewayDatabase, receiveDossier } from './portal-fixture';

let gateway: GatewayDatabase | null = null;

afterAll(async () => {
  if (gateway) fs.rmSync(gateway.dataDir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCentralCli(args, (line) => lines.push(line));
  return { code, lines };
}

describe('quay-central dvcqg (issue 15 §2)', () => {
  it('explains usage mistakes before opening the database', async () => {
    const bare = await cli(['dvcqg', '--data', '/nonexistent']);
    expect([bare.code, bare.lines[0]!.split('\n')[0]]).toEqual([2, 'dvcqg needs status, retry or replay']);
    const replay = await cli(['dvcqg', 'replay', '--data', '/nonexistent']);
    expect([replay.code, replay.lines[0]!.split('\n')[0]]).toEqual([2, 'dvcqg replay needs --dossier CODE']);
  });

  it('reports what is owed, replays a dossier and lists its rows', async () => {
    gateway = await GatewayDatabase.create();
    const code = await receiveDossier(gateway, {});
    await gateway.close();
    const data = ['--data', gateway.dataDir];
    expect(fs.existsSync(path.join(gateway.dataDir, 'pg'))).toBe(true);
    const owed = await cli(['dvcqg', 'status', ...data]);
    expect(owed.code).toBe(0);
    expect(owed.lines[0]).toMatch(/^pending 2, sent 0, skipped 0, dead 0 \(oldest pending since \d{4}-\d{2}-\d{2}T/);
    expect(await cli(['dvcqg', 'replay', '--dossier', code, ...data])).toEqual({
      code: 0,
      lines: [`dossier ${code} queued again: 2 operation(s)`],
    });
    const status = await cli(['dvcqg', 'status', '--dossier', code, '--json', ...data]);
    const answer = JSON.parse(status.lines[0]!) as { status: { rows: { operation: string; generation: number; state: string }[] } };
    expect(answer.status.rows.map((r) => [r.operation, r.generation, r.state])).toEqual([
      ['DongBoHoSoMC', 0, 'skipped'],
      ['CapNhatTienDoHoSoMC', 0, 'skipped'],
      ['DongBoHoSoMC', 1, 'pending'],
      ['CapNhatTienDoHoSoMC', 1, 'pending'],
    ]);
    // Each call opens the embedded database, seconds apiece on a busy machine.
  }, 120_000);
});
