import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The core answers its first call before any heavy package is loaded (docs/architecture.md §12):
 * those load with the first feature that needs them, through a dynamic import() or a require on
 * first use. This walks the static value imports from the core's entry points and fails when one
 * of them reaches a heavy package at start-up again.
 */
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const ENTRIES = ['electron/core/host/utility-entry.ts', 'electron/core/harness/main.ts', 'electron/core/create-core.ts'];
const HEAVY = [
  'playwright-core',
  'sharp',
  'pdf-lib',
  'pdfjs-dist',
  '@napi-rs/canvas',
  'exceljs',
  'tesseract.js',
  '@zxing/library',
  'serialport',
  'qrcode',
  'bwip-js',
  'date-chinese',
  'node-hid',
  'usb',
];

/** Specifiers a file imports for their values at load time: `import type`, all-type named imports and `import()` do not count. */
export function staticValueImports(source: string, fileName = 'file.ts'): string[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    false,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause &&
        !clause.name &&
        bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) found.push(statement.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      !statement.isTypeOnly
    ) {
      found.push(statement.moduleSpecifier.text);
    }
  }
  return found;
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') || candidate.endsWith('.tsx')) {
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
  }
  return null;
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every package reached from the entries through static value imports, with one chain of files that reaches it. */
function packagesAtStart(entries: string[]): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue: { file: string; chain: string[] }[] = entries.map((entry) => ({ file: path.join(repoRoot, entry), chain: [entry] }));
  while (queue.length > 0) {
    const { file, chain } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticValueImports(fs.readFileSync(file, 'utf8'), file)) {
      if (specifier.startsWith('.')) {
        const target = resolveLocal(file, specifier);
        if (target) queue.push({ file: target, chain: [...chain, path.relative(repoRoot, target)] });
      } else if (!specifier.startsWith('node:')) {
        const name = packageOf(specifier);
        if (!reached.has(name)) reached.set(name, chain);
      }
    }
  }
  return reached;
}

describe('what the core loads at start-up', () => {
  it('tells value imports from type-only ones and dynamic imports', () => {
    const source = [
      "import sharp from 'sharp';",
      "import type { Browser } from 'playwright-core';",
      "import { type Workbook } from 'exceljs';",
      "import { createWorker, type Page } from 'tesseract.js';",
      "export { thing } from './thing';",
      "export type { Other } from './other';",
      "const later = () => import('pdf-lib');",
    ].join('\n');
    expect(staticValueImports(source)).toEqual(['sharp', 'tesseract.js', './thing']);
  });

  it('reaches no heavy package from the core entry points', () => {
    const reached = packagesAtStart(ENTRIES);
    expect(reached.has('better-sqlite3-multiple-ciphers')).toBe(true);
    const heavy = HEAVY.filter((name) => reached.has(name)).map((name) => `${name} via ${reached.get(name)!.join(' → ')}`);
    expect(heavy).toEqual([]);
  });
});
