import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browseKeyFiles, moduleSuggestions } from '../../../../electron/core/signing/key-sources';
import { isKeyFile, KNOWN_TOKEN_MODULES } from '../../../../shared/signing/known-token-modules';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-key-sources-'));
  fs.mkdirSync(path.join(dir, 'VNPT-CA'));
  fs.mkdirSync(path.join(dir, '.hidden'));
  for (const name of ['eps2003csp11.DLL', 'libsofthsm2.so', 'unit.pfx', 'readme.txt']) fs.writeFileSync(path.join(dir, name), '');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('where the signing dialog finds keys', () => {
  it('suggests the known token libraries, the ones installed here first', () => {
    const installed = '/usr/lib/softhsm/libsofthsm2.so';
    const rows = moduleSuggestions((file) => file === installed);
    expect(rows[0]).toEqual({ vendor: 'SoftHSM2', path: installed, present: true });
    expect(rows.slice(1).every((row) => !row.present)).toBe(true);
    expect(rows.map((row) => row.path).sort()).toEqual(KNOWN_TOKEN_MODULES.map((row) => row.path).sort());
  });

  it('lists folders first, then only the files usable as a token library, ignoring case and hidden entries', () => {
    const listing = browseKeyFiles(dir, 'module');
    expect(listing.dir).toBe(dir);
    expect(listing.parent).toBe(path.dirname(dir));
    expect(listing.entries.map((entry) => [entry.kind, entry.name])).toEqual([
      ['dir', 'VNPT-CA'],
      ['file', 'eps2003csp11.DLL'],
      ['file', 'libsofthsm2.so'],
    ]);
    expect(
      browseKeyFiles(dir, 'p12')
        .entries.filter((entry) => entry.kind === 'file')
        .map((entry) => entry.path),
    ).toEqual([path.join(dir, 'unit.pfx')]);
    expect(isKeyFile('Unit.P12', 'p12')).toBe(true);
  });

  it('says in Vietnamese which folder it cannot open', () => {
    expect(() => browseKeyFiles(path.join(dir, 'missing'), 'module')).toThrow(expect.objectContaining({ code: 'SIGN_BROWSE_UNREADABLE' }));
    expect(browseKeyFiles('/', 'module').parent).toBeNull();
  });
});
