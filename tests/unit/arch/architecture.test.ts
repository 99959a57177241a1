import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/test-core';
import { importViolation } from '../../../scripts/lint/layer-rules.mjs';
import { checkTree, layerOf } from './layer-rules';

const fixtureRoot = path.join(repoRoot, 'tests', 'fixtures', 'arch-violation');

/** Every import the fixture plants across a line, as `file → specifier`. */
const PLANTED = [
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
  'renderer/src/uses-server-package.ts → pg',
  'shared/uses-calendar-package.ts → date-chinese',
  'shared/uses-db.ts → ../db/open',
  'shared/uses-db.ts → node:fs',
].sort();

describe('dependency rules of docs/architecture.md', () => {
  it('hold on the whole tree', () => {
    const { violations, filesChecked } = checkTree(repoRoot);
    expect(filesChecked).toBeGreaterThan(40);
    expect(violations).toEqual([]);
  });

  it('catch every violation planted in the fixture tree', () => {
    const { violations } = checkTree(fixtureRoot);
    expect(violations.map((v) => `${v.file} → ${v.specifier}`).sort()).toEqual(PLANTED);
  });

  it('are the same in ESLint, so the editor marks the planted imports too', { timeout: 120_000 }, async () => {
    // The repository's own config; the fixture belongs to no TypeScript project, so without type information.
    const eslint = new ESLint({
      cwd: fixtureRoot,
      overrideConfigFile: path.join(repoRoot, 'eslint.config.js'),
      overrideConfig: tseslint.configs.disableTypeChecked,
      ignore: false,
    });
    const results = await eslint.lintFiles(['.']);
    const found = results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId === 'layers/allowed-imports')
        .map((m) => `${path.relative(fixtureRoot, result.filePath).split(path.sep).join('/')} → ${/^'([^']+)'/.exec(m.message)?.[1]}`),
    );
    expect(found.sort()).toEqual(PLANTED);
  });

  it('are allow lists: a package no layer has been given is refused everywhere', () => {
    expect(importViolation('renderer/src/x.ts', 'pg')).toMatch(/renderer may not import pg/);
    expect(importViolation('renderer/src/x.ts', 'exceljs')).not.toBeNull();
    expect(importViolation('renderer/src/x.ts', 'antd/es/form')).toBeNull();
    expect(importViolation('shared/x.ts', 'zod')).toBeNull();
    expect(importViolation('shared/x.ts', 'dayjs')).not.toBeNull();
    expect(importViolation('db/x.ts', 'node:fs')).toBeNull();
    expect(importViolation('db/x.ts', 'sharp')).not.toBeNull();
    expect(importViolation('central/x.ts', 'sharp')).not.toBeNull();
    expect(importViolation('electron/core/x.ts', 'a-package-nobody-chose')).not.toBeNull();
    expect(importViolation('electron/preload/index.ts', 'zod')).not.toBeNull();
    expect(importViolation('db/drizzle.config.ts', 'drizzle-kit')).toBeNull();
    expect(importViolation('db/open.ts', 'drizzle-kit')).not.toBeNull();
  });

  it('lets platform code and the composition root import electron', () => {
    const { violations } = checkTree(fixtureRoot);
    expect(violations.some((v) => v.file === 'electron/main/platform/window.ts')).toBe(false);
    expect(violations.some((v) => v.file === 'shared/ok.ts')).toBe(false);
    expect(importViolation('electron/main/index.ts', 'electron')).toBeNull();
  });

  it('maps folders to layers', () => {
    expect(layerOf('electron/main/platform/security.ts')).toBe('platform');
    expect(layerOf('electron/main/index.ts')).toBe('mainIndex');
    expect(layerOf('electron/core/create-core.ts')).toBe('core');
    expect(layerOf('renderer/src/main.tsx')).toBe('renderer');
    expect(layerOf('tests/unit/x.ts')).toBeNull();
  });
});
