import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/test-core';

/** Source folders whose JSON comes from storage, files or the wire, and must be read through a schema. */
const ROOTS = ['electron', 'db', 'shared', 'central'];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'out' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/** Every `JSON.parse(…) as T` in the text: the call's closing parenthesis followed by a type assertion. */
function jsonParseCasts(text: string): string[] {
  const found: string[] = [];
  for (let start = text.indexOf('JSON.parse('); start !== -1; start = text.indexOf('JSON.parse(', start + 1)) {
    let depth = 0;
    let end = start + 'JSON.parse'.length;
    for (; end < text.length; end += 1) {
      if (text[end] === '(') depth += 1;
      else if (text[end] === ')' && --depth === 0) break;
    }
    const after = text.slice(end + 1, end + 40);
    const cast = /^\)?\s*as\s+([A-Za-z{[][^;,\n]*)/.exec(after);
    if (cast) found.push(`${text.slice(start, end + 1)} as ${cast[1]!.trim().replace(/\)+$/, '')}`);
  }
  return found;
}

describe('JSON read back in source', () => {
  it('is parsed with a schema (shared/storage/stored-json.ts), never cast with `JSON.parse(…) as T`', () => {
    const offenders: string[] = [];
    for (const root of ROOTS) {
      for (const file of sourceFiles(path.join(repoRoot, root))) {
        for (const cast of jsonParseCasts(fs.readFileSync(file, 'utf8'))) offenders.push(`${path.relative(repoRoot, file)}: ${cast}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('finds the casts it is meant to find, and only those', () => {
    expect(jsonParseCasts('const v = JSON.parse(row.view) as DossierView;')).toEqual(['JSON.parse(row.view) as DossierView']);
    expect(jsonParseCasts('x = (JSON.parse(f(a, b)) as { files?: unknown });')).toEqual(['JSON.parse(f(a, b)) as { files?: unknown }']);
    expect(jsonParseCasts('return JSON.parse(text) as unknown;')).toEqual(['JSON.parse(text) as unknown']);
    expect(jsonParseCasts('return schema.parse(JSON.parse(text));')).toEqual([]);
    expect(jsonParseCasts('const value: unknown = JSON.parse(text);\nconst a = b as C;')).toEqual([]);
  });
});
