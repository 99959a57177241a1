import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/test-core';
import { checkTree, layerOf } from './layer-rules';

describe('dependency rules of docs/architecture.md §3', () => {
  it('hold on the whole tree', () => {
    const { violations, filesChecked } = checkTree(repoRoot);
    expect(filesChecked).toBeGreaterThan(40);
    expect(violations).toEqual([]);
  });

  it('catch every violation planted in the fixture tree', () => {
    const { violations } = checkTree(path.join(repoRoot, 'tests', 'fixtures', 'arch-violation'));
    const found = violations.map((v) => `${v.file} → ${v.specifier}`).sort();
    expect(found).toEqual(
      [
        'db/open.ts → ../electron/core/create-core',
        'electron/core/create-core.ts → ../main/platform/window',
        'electron/core/create-core.ts → electron',
        'electron/main/helper.ts → electron',
        'electron/preload/index.ts → ../../db/open',
        'electron/preload/index.ts → ../../shared/domain/format',
        'renderer/src/reaches-core.ts → ../../electron/core/create-core',
        'renderer/src/reaches-core.ts → better-sqlite3',
        'renderer/src/reaches-core.ts → electron',
        'renderer/src/reaches-core.ts → node:fs',
        'shared/uses-db.ts → ../db/open',
        'shared/uses-db.ts → node:fs',
      ].sort(),
    );
  });

  it('lets platform code and the composition root import electron', () => {
    const { violations } = checkTree(path.join(repoRoot, 'tests', 'fixtures', 'arch-violation'));
    expect(violations.some((v) => v.file === 'electron/main/platform/window.ts')).toBe(false);
    expect(violations.some((v) => v.file === 'shared/ok.ts')).toBe(false);
  });

  it('maps folders to layers', () => {
    expect(layerOf('electron/main/platform/security.ts')).toBe('platform');
    expect(layerOf('electron/main/index.ts')).toBe('mainIndex');
    expect(layerOf('electron/core/create-core.ts')).toBe('core');
    expect(layerOf('renderer/src/main.tsx')).toBe('renderer');
    expect(layerOf('tests/unit/x.ts')).toBeNull();
  });
});
