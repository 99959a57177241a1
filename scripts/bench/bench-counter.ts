// The counter every benchmark starts from: a core on a fresh data folder, an admin signed in, the site declared
// and numbers 1–9999 for the clock's day, reached through the same dispatcher the window uses.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore, type Core, type CoreOptions } from '../../electron/core/create-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BenchCounter {
  core: Core;
  must: (channel: string, input?: unknown) => Promise<any>;
}

export async function startBenchCounter(dataDir: string, options: Partial<CoreOptions> = {}): Promise<BenchCounter> {
  const core = await createCore({
    dataDir,
    appVersion: 'bench',
    resourcesDir: repoRoot,
    hasher: new ScryptPasswordHasher(FAST_SCRYPT_COST),
    idleSweepMs: null,
    backupTickMs: null,
    // A benchmark reads far faster than any officer; the per-account budget would refuse it (the audit stays).
    personalDataReadLimits: {},
    log: () => undefined,
    ...options,
  });
  const must = async (channel: string, input: unknown = {}) => {
    const result = await core.dispatch('bench', channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as any;
  };
  await must('app.createFirstAdmin', { username: 'quantri', fullName: 'Quản Trị', password: 'QuanTri2026' });
  await must('auth.signIn', { username: 'quantri', password: 'QuanTri2026' });
  await must('site.update', {
    agencyCode: '000.00.06.H56',
    agencyName: 'UBND xã Quảng Phú',
    unitName: 'Bộ phận tiếp nhận và trả kết quả',
    place: 'Quảng Phú',
    hotline: '',
    lookupUrlTemplate: 'https://example.invalid/tra-cuu?MHS={code}',
    formSet: '2018',
  });
  await must('sequence.addBlock', { first: 1, last: 9999 });
  return { core, must };
}
