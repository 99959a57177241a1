import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { importViolation, LAYER_PREFIXES, layerOf as layerOfPath, type Layer } from '../../../scripts/lint/layer-rules.mjs';

export type { Layer };

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

export function layerOf(relativeFile: string): Layer | null {
  return layerOfPath(relativeFile.split(path.sep).join('/'));
}

/** Every import of one file checked against the layer table ESLint uses (scripts/lint/layer-rules.mjs). */
export function checkFile(root: string, file: string): Violation[] {
  const relativeFile = path.relative(root, file).split(path.sep).join('/');
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const violations: Violation[] = [];
  for (const { fileName: specifier } of info.importedFiles) {
    const rule = importViolation(relativeFile, specifier);
    if (rule) violations.push({ file: relativeFile, specifier, rule });
  }
  return violations;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'out' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name) && !/\.d\.m?ts$/.test(entry.name)) yield full;
  }
}

/** Checks every source file of the layered folders under root, each once (the nested prefixes overlap). */
export function checkTree(root: string): { violations: Violation[]; filesChecked: number } {
  const files = new Set<string>();
  for (const [prefix] of LAYER_PREFIXES) {
    const dir = path.join(root, prefix);
    if (fs.existsSync(dir)) for (const file of sourceFiles(dir)) files.add(file);
  }
  const violations = [...files].flatMap((file) => checkFile(root, file));
  return { violations, filesChecked: files.size };
}
