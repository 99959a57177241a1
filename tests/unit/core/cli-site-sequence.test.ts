import { openCounterDatabase } from '../../../electron/core/platform/data-at-rest-key';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/core/cli/run-cli';
import { FakeClock, repoRoot, SITE, tempDir } from '../../helpers/test-core';

/** Sunday 6 December 2026, 09:00 in Vietnam: the CLI must not care that it is a day off. */
const SUNDAY = '2026-12-06T02:00:00.000Z';

async function quay(args: string[], clock = new FakeClock(new Date(SUNDAY))) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env: {} },
    resourcesDir: repoRoot,
    appVersion: '0.0.0-test',
    clock,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const SITE_FLAGS = [
  '--agency-code',
  SITE.agencyCode,
  '--agency-name',
  SITE.agencyName,
  '--unit-name',
  SITE.unitName,
  '--place',
  SITE.place,
  '--lookup-url',
  SITE.lookupUrlTemplate,
  '--hotline',
  SITE.hotline,
];

function auditActions(dir: string): { action: string; actor: string; at: string }[] {
  const { sqlite } = openCounterDatabase(dir);
  try {
    return sqlite.prepare('SELECT action, actor_username AS actor, at FROM audit_log ORDER BY seq').all() as {
      action: string;
      actor: string;
      at: string;
    }[];
  } finally {
    sqlite.close();
  }
}

describe('quay site', () => {
  it('sets the site through the site service, audited under the OS account, and shows it', async () => {
    const dir = tempDir();
    expect(await quay(['site', 'show', '--data', dir])).toMatchObject({
      code: 0,
      out: 'Điểm tiếp nhận chưa được khai báo (dùng “quay site set”).',
    });
    const set = await quay(['site', 'set', '--data', dir, ...SITE_FLAGS]);
    expect(set).toMatchObject({
      code: 0,
      out: `Đã lưu điểm tiếp nhận: ${SITE.agencyCode} — ${SITE.agencyName}, ${SITE.unitName} (${SITE.place}).`,
    });
    expect(JSON.parse((await quay(['site', 'show', '--json', '--data', dir])).out)).toEqual({ ...SITE, configured: true });
    const audited = auditActions(dir).filter((a) => a.action === 'admin.siteChanged');
    expect(audited).toEqual([{ action: 'admin.siteChanged', actor: expect.stringMatching(/^cli:/), at: SUNDAY }]);

    const renamed = await quay(['site', 'set', '--data', dir, '--agency-name', '  UBND phường Quảng Phú ']);
    expect(renamed.code).toBe(0);
    expect(JSON.parse((await quay(['site', 'show', '--json', '--data', dir])).out)).toMatchObject({
      agencyCode: SITE.agencyCode,
      agencyName: 'UBND phường Quảng Phú',
      place: SITE.place,
    });
  });

  it('refuses bad input with the flag to fix, in Vietnamese, and changes nothing', async () => {
    const dir = tempDir();
    const badCode = await quay(['site', 'set', '--data', dir, ...SITE_FLAGS, '--agency-code', '000.00.06.h5']);
    expect(badCode.code).toBe(2);
    expect(badCode.err).toBe(
      'SITE_INVALID: Thông tin điểm tiếp nhận không hợp lệ: --agency-code (mã định danh cơ quan theo QCVN 102, dạng 000.00.06.H56)',
    );
    const missing = await quay(['site', 'set', '--data', dir, '--agency-code', SITE.agencyCode]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--agency-name (tên cơ quan, không để trống); --place (địa danh, không để trống)');
    const badUrl = await quay(['site', 'set', '--data', dir, ...SITE_FLAGS, '--lookup-url', 'https://dichvucong.example/tra-cuu']);
    expect(badUrl).toMatchObject({ code: 2, err: expect.stringContaining('--lookup-url (phải chứa {code} ở chỗ đặt mã hồ sơ)') });
    expect(await quay(['site', 'set', '--data', dir, ...SITE_FLAGS, '--form-set', '2020'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--form-set (2018 hoặc 2025)'),
    });
    expect(await quay(['site', 'set', '--data', dir])).toMatchObject({
      code: 64,
      err: expect.stringMatching(/^CLI_USAGE: .*--agency-code/),
    });
    expect(await quay(['site', 'rename', '--data', dir])).toMatchObject({ code: 64 });
    expect(await quay(['site', 'set', '--data', dir, '--agency', SITE.agencyCode])).toMatchObject({ code: 64 });
    expect(JSON.parse((await quay(['site', 'show', '--json', '--data', dir])).out)).toMatchObject({ configured: false, agencyCode: '' });
    expect(auditActions(dir).filter((a) => a.action === 'admin.siteChanged')).toEqual([]);
  });
});

describe('quay sequence', () => {
  it('adds blocks on any day, including emergency ones, and reports today from the injected clock', async () => {
    const dir = tempDir();
    expect(await quay(['sequence', 'add', '--data', dir, '--date', '2026-12-06', '--first', '1', '--last', '50'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^SITE_NOT_CONFIGURED: /),
    });
    expect((await quay(['site', 'set', '--data', dir, ...SITE_FLAGS])).code).toBe(0);

    const added = await quay(['sequence', 'add', '--data', dir, '--date', '2026-12-06', '--first', '1', '--last', '50']);
    expect(added).toMatchObject({ code: 0, out: `Đã thêm dãy số 1–50 ngày 2026-12-06 (Quản trị viên nhập) cho ${SITE.agencyCode}.` });
    expect(
      (await quay(['sequence', 'add', '--data', dir, '--date', '2026-12-06', '--first', '900', '--last', '909', '--emergency'])).code,
    ).toBe(0);
    expect((await quay(['sequence', 'add', '--data', dir, '--date', '2026-12-07', '--first', '1', '--last', '20'])).code).toBe(0);

    const status = await quay(['sequence', 'status', '--json', '--data', dir]);
    expect(JSON.parse(status.out)).toEqual({
      agencyCode: SITE.agencyCode,
      day: { date: '2026-12-06', total: 60, remaining: 60, low: false },
      blocks: [
        { id: expect.any(String), date: '2026-12-06', first: 1, last: 50, source: 'admin' },
        { id: expect.any(String), date: '2026-12-06', first: 900, last: 909, source: 'emergency' },
        { id: expect.any(String), date: '2026-12-07', first: 1, last: 20, source: 'admin' },
      ],
    });
    const monday = await quay(['sequence', 'status', '--data', dir], new FakeClock(new Date('2026-12-07T01:00:00.000Z')));
    expect(monday.code).toBe(0);
    expect(monday.out.split('\n')).toEqual([
      `Ngày 2026-12-07 (${SITE.agencyCode}): còn 20/20 số.`,
      'Các dãy số đang có:',
      '  2026-12-06  1–50  Quản trị viên nhập',
      '  2026-12-06  900–909  Dự phòng khẩn cấp',
      '  2026-12-07  1–20  Quản trị viên nhập',
    ]);
    expect(JSON.parse((await quay(['sequence', 'status', '--json', '--date', '2026-12-08', '--data', dir])).out).day).toEqual({
      date: '2026-12-08',
      total: 0,
      remaining: 0,
      low: true,
    });
    expect(auditActions(dir).filter((a) => a.action === 'admin.sequenceBlockAdded')).toHaveLength(3);
  });

  it('refuses overlaps, reversed ranges and malformed dates with a stable code and a Vietnamese message', async () => {
    const dir = tempDir();
    expect((await quay(['site', 'set', '--data', dir, ...SITE_FLAGS])).code).toBe(0);
    expect((await quay(['sequence', 'add', '--data', dir, '--date', '2026-12-06', '--first', '1', '--last', '50'])).code).toBe(0);

    const add = (...flags: string[]) => quay(['sequence', 'add', '--data', dir, ...flags]);
    expect(await add('--date', '2026-12-06', '--first', '40', '--last', '60')).toMatchObject({
      code: 2,
      err: 'SEQUENCE_BLOCK_OVERLAP: Dãy số 40–60 trùng với dãy số đã có (1–50).',
    });
    expect(await add('--date', '2026-12-06', '--first', '80', '--last', '70')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^SEQUENCE_BLOCK_INVALID: Dãy số không hợp lệ: .*số đầu không lớn hơn số cuối/),
    });
    expect(await add('--date', '2026-12-06', '--first', '0', '--last', '10')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^SEQUENCE_BLOCK_INVALID: /),
    });
    expect(await add('--date', '2026-12-06', '--first', 'mười', '--last', '10')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^SEQUENCE_BLOCK_INVALID: /),
    });
    expect(await add('--date', '2026-12-06', '--first', '100', '--last', '10000')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^SEQUENCE_BLOCK_INVALID: /),
    });
    expect(await add('--date', '06/12/2026', '--first', '100', '--last', '110')).toMatchObject({
      code: 2,
      err: 'SEQUENCE_DATE_INVALID: Ngày của dãy số “06/12/2026” không hợp lệ (cần dạng năm-tháng-ngày, ví dụ 2026-12-07, và là ngày có thật).',
    });
    expect(await add('--date', '2026-02-30', '--first', '100', '--last', '110')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^SEQUENCE_DATE_INVALID: /),
    });
    expect(await quay(['sequence', 'status', '--date', '2026-13-01', '--data', dir])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^SEQUENCE_DATE_INVALID: /),
    });
    expect(await add('--first', '100', '--last', '110')).toMatchObject({
      code: 64,
      err: expect.stringMatching(/^CLI_USAGE: .*thiếu --date/),
    });
    expect(await add('--date', '2026-12-06', '--last', '110')).toMatchObject({
      code: 64,
      err: expect.stringMatching(/^CLI_USAGE: .*thiếu --first/),
    });
    expect(await quay(['sequence', 'lease', '--data', dir])).toMatchObject({ code: 64 });

    expect(JSON.parse((await quay(['sequence', 'status', '--json', '--data', dir])).out).blocks).toHaveLength(1);
    expect(auditActions(dir).filter((a) => a.action === 'admin.sequenceBlockAdded')).toHaveLength(1);
  });
});
