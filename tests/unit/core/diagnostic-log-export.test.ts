import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWithAdmin, type TestCore } from '../../helpers/test-core';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const t of cores.splice(0)) await t.core.close();
});

describe('health.diagnosticLog', () => {
  it('gives the rotated log files oldest first as one text, without personal data', async () => {
    const t = await startWithAdmin();
    cores.push(t);
    const logs = path.join(t.dataDir, 'logs');
    fs.mkdirSync(logs);
    fs.writeFileSync(path.join(logs, 'quay.log.2'), '2026-03-01T00:00:00.000Z INFO [main] oldest\n');
    fs.writeFileSync(path.join(logs, 'quay.log.1'), '2026-03-01T01:00:00.000Z ERROR [core] CCCD 038190012345 refused\n');
    fs.writeFileSync(path.join(logs, 'quay.log'), '2026-03-02T01:00:00.000Z WARN [main] newest\n');
    expect(await t.must('admin-window', 'health.diagnosticLog')).toEqual({
      fileName: 'nhat-ky-chan-doan-quay-mot-cua.txt',
      text:
        '2026-03-01T00:00:00.000Z INFO [main] oldest\n' +
        '2026-03-01T01:00:00.000Z ERROR [core] CCCD [số] refused\n' +
        '2026-03-02T01:00:00.000Z WARN [main] newest\n',
    });
  });

  it('is empty where nothing wrote a log, and needs a signed-in user', async () => {
    const t = await startWithAdmin();
    cores.push(t);
    expect(await t.must('admin-window', 'health.diagnosticLog')).toMatchObject({ text: '' });
    expect(await t.call('stranger', 'health.diagnosticLog')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});
