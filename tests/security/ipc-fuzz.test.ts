import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessages } from '../../shared/i18n/vi';
import { channels, type ChannelName } from '../../shared/ipc/contract';
import { ADMIN, startReception, type TestCore } from '../helpers/test-core';

/**
 * Issue 17 acceptance: every IPC channel with hostile strings and shapes — no crash, no partial write, a Vietnamese
 * message for each refusal. Runs against the real core (a temporary database), signed in as admin, seeded so a failure
 * is reproduced by running the file again.
 */

/** Channels that reach outside the core (network, devices, backup folders): fuzzed for shape only, never with values. */
const REACH_OUTSIDE = new Set<ChannelName>([
  'backup.configure',
  'backup.run',
  'sync.enroll',
  'sync.now',
  'dossier.searchRemote',
  'dossier.openRemote',
  'dossier.remoteFile',
  'devices.test',
  'devices.discoverScanners',
  'devices.list',
  'devices.updateSettings',
  'devices.updateScanSettings',
  'scan.scanners',
  'scan.start',
]);

/** Refusals that are writes by design: a wrong password counts toward the lockout. */
const WRITES_WHEN_REFUSED = new Set<ChannelName>(['auth.signIn', 'auth.unlockScreen', 'auth.changePassword', 'app.createFirstAdmin']);

const NASTY = [
  '',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00',
  'Nguyễn \u202EnaV',
  '\u2066A\u2069',
  '\uFEFF',
  'Nguyễn'.normalize('NFD'),
  '__proto__',
  'constructor',
  '../../../etc/passwd',
  'C:\\Windows\\System32',
  "' OR 1=1 --",
  '"; DROP TABLE dossiers; --',
  '<script>alert(1)</script>',
  '%s%s%n',
  '000.00.06.H56-260302-0001\t',
  '000.00.06.H56\u3000-260302-0001',
  '9'.repeat(400),
  'đ'.repeat(5000),
  '😀'.repeat(300),
];

const hostileString = fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 3000 }));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 2 ** 53, -1),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
  fc.anything({ maxDepth: 2 }),
);

function inputsFor(channel: ChannelName): fc.Arbitrary<unknown> {
  const input = channels[channel].input;
  const shapes = fc.oneof(fc.anything({ maxDepth: 3 }), fc.constantFrom(null, [], '', 0, { __proto__: { admin: true } }));
  if (REACH_OUTSIDE.has(channel) || !(input instanceof z.ZodObject)) return shapes;
  const keys = Object.keys(input.shape as Record<string, unknown>);
  if (keys.length === 0) return shapes;
  const record = fc.record(Object.fromEntries(keys.map((key) => [key, hostileValue])), { requiredKeys: [] });
  return fc.oneof(record, shapes);
}

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

let t: TestCore;
let tables: string[];
const cwd = process.cwd();

beforeAll(async () => {
  // Anything a handler might write under a relative name lands in a scratch folder, not the repository.
  process.chdir(fs.mkdtempSync(`${os.tmpdir()}/quay-fuzz-cwd-`));
  t = await startReception();
  tables = (
    t.core.database.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as {
      name: string;
    }[]
  )
    .map((row) => row.name)
    .filter((name) => !['audit_log', 'audit_head', '__drizzle_migrations'].includes(name) && !name.includes('_fts'));
}, 60_000);

afterAll(() => {
  t?.core.close();
  process.chdir(cwd);
});

/** Every table's rows, hashed (small tables) or counted (large ones): a refused call must leave each as it was. */
function fingerprint(): string {
  const sqlite = t.core.database.sqlite;
  return tables
    .map((name) => {
      const count = sqlite.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number;
      if (count > 200) return `${name}:${count}`;
      const rows = sqlite.prepare(`SELECT * FROM "${name}"`).raw().all();
      return `${name}:${createHash('sha256')
        .update(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
        .digest('hex')}`;
    })
    .join('|');
}

/** Each call starts signed in and unlocked, whatever the previous hostile call did to the session. */
async function ensureSignedIn(): Promise<void> {
  const session = await t.call('admin-window', 'auth.session');
  if (session.ok && session.value && !session.value.locked && !session.value.account.mustChangePassword) return;
  if (session.ok && session.value?.locked) await t.call('admin-window', 'auth.unlockScreen', { password: ADMIN.password });
  else await t.call('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
}

describe('IPC fuzz: every channel of the contract', () => {
  const names = Object.keys(channels) as ChannelName[];

  it.each(names)('%s: no crash, no partial write, a Vietnamese message for each refusal', async (channel) => {
    await fc.assert(
      fc.asyncProperty(inputsFor(channel), async (input) => {
        await ensureSignedIn();
        const before = fingerprint();
        const result = await t.call('admin-window', channel, input);
        if (result.ok) return;
        expect(result.error.code, JSON.stringify(result.error)).not.toBe('INTERNAL');
        expect(Object.hasOwn(errorMessages, result.error.code), result.error.code).toBe(true);
        expect(result.error.message, result.error.code).toMatch(VIETNAMESE);
        if (!WRITES_WHEN_REFUSED.has(channel)) expect(fingerprint(), `${channel} wrote before refusing`).toBe(before);
      }),
      { numRuns: 6, seed: 17, endOnFailure: true },
    );
    // The core still answers after the hostile calls.
    expect(await t.call('admin-window', 'app.firstRunStatus')).toMatchObject({ ok: true });
  });
});
