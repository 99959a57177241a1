import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode } from '../../central/enrolment';
import { runCli } from '../../electron/core/cli/run-cli';
import { FakeClock, repoRoot, SITE, tempDir } from '../helpers/test-core';
import { startGateway, type Gateway } from './gateway-fixture';

let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway();
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

async function quay(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env: {} },
    resourcesDir: repoRoot,
    appVersion: '0.0.0-test',
    clock: new FakeClock(),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('quay enroll, sync and status', () => {
  it('enrols with a one-time code, runs one pass and reports the state as JSON', async () => {
    const dir = tempDir();
    const before = await quay(['status', '--json', '--data', dir]);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.out)).toMatchObject({ enrolled: false, pendingCommands: 0, state: 'stopped' });
    const unenrolled = await quay(['sync', '--once', '--data', dir]);
    expect(unenrolled).toMatchObject({ code: 2, err: expect.stringContaining('SYNC_NOT_ENROLLED') });

    const wrong = await quay(['enroll', '--gateway', gateway.url, '--code', 'AAAAA-BBBBB-CCCCC', '--data', dir]);
    expect(wrong).toMatchObject({ code: 2, err: expect.stringContaining('Mã đăng ký không đúng') });
    expect(await quay(['enroll', '--code', 'x', '--data', dir])).toMatchObject({ code: 64 });

    const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 2' });
    const enrolled = await quay(['enroll', '--gateway', gateway.url, '--code', code, '--counter', 'Quầy 2', '--data', dir]);
    expect(enrolled.code).toBe(0);
    expect(enrolled.out).toContain(SITE.agencyCode);
    const pass = await quay(['sync', '--once', '--data', dir]);
    expect(pass).toMatchObject({ code: 0, out: expect.stringContaining('Đã đồng bộ') });
    const after = JSON.parse((await quay(['status', '--json', '--data', dir])).out);
    expect(after).toMatchObject({ enrolled: true, agencyCode: SITE.agencyCode, gatewayUrl: gateway.url, lastError: null });
    expect(after.lastSuccessAt).not.toBeNull();
  });

  it('exits 1 with the Vietnamese reason when the pass fails', async () => {
    const dir = tempDir();
    const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 3' });
    expect((await quay(['enroll', '--gateway', gateway.url, '--code', code, '--data', dir])).code).toBe(0);
    const credential = path.join(dir, 'device-credential.json');
    const saved = JSON.parse(fs.readFileSync(credential, 'utf8'));
    fs.writeFileSync(credential, JSON.stringify({ ...saved, gatewayUrl: 'http://127.0.0.1:9' }));
    const failed = await quay(['sync', '--once', '--data', dir]);
    expect(failed).toMatchObject({ code: 1, err: expect.stringContaining('Không kết nối được') });
    expect(JSON.parse((await quay(['status', '--json', '--data', dir])).out).enrolled).toBe(true);
  });
});
