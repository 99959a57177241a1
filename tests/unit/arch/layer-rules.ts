import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/** The layers of docs/architecture.md §3, matched by path prefix (longest first). */
export type Layer = 'shared' | 'db' | 'core' | 'platform' | 'mainIndex' | 'preload' | 'renderer' | 'central';

const LAYER_PREFIXES: [string, Layer][] = [
  ['electron/main/platform/', 'platform'],
  ['electron/main/', 'mainIndex'],
  ['electron/core/', 'core'],
  ['electron/preload/', 'preload'],
  ['renderer/src/', 'renderer'],
  ['shared/', 'shared'],
  ['db/', 'db'],
  ['central/', 'central'],
];

/** Which layers each layer may import (the table in docs/architecture.md §3). */
const ALLOWED: Record<Layer, Layer[]> = {
  shared: ['shared'],
  db: ['shared', 'db'],
  core: ['shared', 'db', 'core'],
  platform: ['shared', 'db', 'core', 'platform'],
  mainIndex: ['shared', 'db', 'core', 'platform', 'mainIndex'],
  preload: ['shared', 'preload'],
  renderer: ['shared', 'renderer'],
  central: ['shared', 'central'],
};

/** The preload may take only the IPC contract from shared, nothing heavier. */
const PRELOAD_SHARED_ALLOWED = /^shared\/(ipc|i18n|auth)\//;

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'drizzle-orm', 'drizzle-kit', 'ws', 'uuid', 'tsx', 'electron-updater', 'node-hid', 'usb', 'serialport', 'sharp'];

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

export function layerOf(relativeFile: string): Layer | null {
  const normalized = relativeFile.split(path.sep).join('/');
  return LAYER_PREFIXES.find(([prefix]) => normalized.startsWith(prefix))?.[1] ?? null;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function checkExternal(layer: Layer, relativeFile: string, specifier: string): string | null {
  const name = packageName(specifier);
  const isBuiltin = NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(name);
  if (name === 'electron') {
    if (layer === 'platform' || layer === 'preload') return null;
    if (layer === 'mainIndex' && relativeFile.endsWith('electron/main/index.ts')) return null;
    return `${layer} may not import electron`;
  }
  if (layer === 'shared') {
    if (isBuiltin) return 'shared is pure: no Node built-ins';
    return name === 'zod' ? null : `shared may only use pure packages (zod), not ${name}`;
  }
  if (layer === 'renderer' || layer === 'preload') {
    if (isBuiltin) return `${layer} runs sandboxed: no Node built-ins`;
    if (NODE_ONLY_PACKAGES.includes(name)) return `${layer} may not use the Node-only package ${name}`;
  }
  return null;
}

export function checkFile(root: string, file: string): Violation[] {
  const relativeFile = path.relative(root, file).split(path.sep).join('/');
  const layer = layerOf(relativeFile);
  if (!layer) return [];
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const violations: Violation[] = [];
  for (const { fileName: specifier } of info.importedFiles) {
    if (specifier.startsWith('.')) {
      const target = path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
      const targetLayer = layerOf(target.endsWith('/') ? target : `${target}/`) ?? layerOf(target);
      if (!targetLayer) {
        violations.push({ file: relativeFile, specifier, rule: `${layer} may not import outside the layered folders (${target})` });
      } else if (!ALLOWED[layer].includes(targetLayer)) {
        violations.push({ file: relativeFile, specifier, rule: `${layer} may not import ${targetLayer}` });
      } else if (layer === 'preload' && targetLayer === 'shared' && !PRELOAD_SHARED_ALLOWED.test(target)) {
        violations.push({ file: relativeFile, specifier, rule: 'preload may only import the IPC contract from shared' });
      }
    } else {
      const rule = checkExternal(layer, relativeFile, specifier);
      if (rule) violations.push({ file: relativeFile, specifier, rule });
    }
  }
  return violations;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'out' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/** Checks every source file of the layered folders under root. */
export function checkTree(root: string): { violations: Violation[]; filesChecked: number } {
  const violations: Violation[] = [];
  let filesChecked = 0;
  for (const [prefix] of LAYER_PREFIXES) {
    const dir = path.join(root, prefix);
    if (prefix === 'electron/main/' || !fs.existsSync(dir)) continue;
    for (const file of sourceFiles(dir)) {
      filesChecked += 1;
      violations.push(...checkFile(root, file));
    }
  }
  const mainDir = path.join(root, 'electron', 'main');
  if (fs.existsSync(mainDir)) {
    for (const file of sourceFiles(mainDir)) {
      if (file.includes(`${path.sep}platform${path.sep}`)) continue;
      filesChecked += 1;
      violations.push(...checkFile(root, file));
    }
  }
  return { violations, filesChecked };
}
