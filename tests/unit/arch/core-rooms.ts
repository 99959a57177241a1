import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The rooms of electron/core and the other rooms each may import (docs/architecture.md §3.2).
 * Every room may also import shared/ and db/ (the layer table, §3.1). `*` marks the entry points
 * and the composition root, which wire everything together.
 */
export const ROOM_IMPORTS: Record<string, readonly string[] | '*'> = {
  platform: [],
  audit: ['platform'],
  site: ['audit', 'platform'],
  accounts: ['audit', 'platform', 'site'],
  calendar: ['audit', 'platform'],
  catalog: ['audit', 'platform'],
  health: ['audit', 'platform'],
  printing: ['platform'],
  reception: ['audit', 'calendar', 'catalog', 'platform', 'printing', 'site'],
  lookup: ['audit', 'platform', 'reception'],
  return: ['audit', 'platform', 'printing', 'reception'],
  lifecycle: ['audit', 'forms', 'platform', 'reception'],
  forms: ['audit', 'catalog', 'platform', 'printing', 'reception'],
  devices: ['audit', 'platform', 'printing', 'reception', 'site'],
  digitize: ['audit', 'catalog', 'forms', 'platform', 'reception'],
  sync: ['audit', 'platform', 'reception', 'site'],
  signing: ['audit', 'platform'],
  backup: ['audit', 'platform'],
  online: ['audit', 'forms', 'platform'],
  'citizen-screen': ['audit', 'platform'],
  reports: ['platform', 'printing'],
  ipc: [
    'core-services',
    'accounts',
    'audit',
    'backup',
    'calendar',
    'catalog',
    'devices',
    'digitize',
    'forms',
    'health',
    'lifecycle',
    'lookup',
    'online',
    'platform',
    'printing',
    'reception',
    'return',
    'site',
    'sync',
  ],
  demo: ['create-core', 'platform', 'reception'],
  host: '*',
  harness: '*',
  cli: '*',
  'create-core': '*',
  'core-services': '*',
};

export interface RoomViolation {
  file: string;
  specifier: string;
  rule: string;
}

/** The room of a path inside electron/core: its first folder, or the file's name for the few top-level files. */
export function roomOf(coreRelative: string): string {
  const [first, ...rest] = coreRelative.split('/');
  return rest.length > 0 ? first! : first!.replace(/\.(ts|mts|d\.ts)$/, '');
}

/** Whether `file` (relative to electron/core) may import the core path `target` (relative, no extension needed). */
export function roomRule(file: string, target: string): string | null {
  const from = roomOf(file);
  const to = roomOf(target);
  const allowed = ROOM_IMPORTS[from];
  if (allowed === undefined) return `${from}/ is not a room of docs/architecture.md §3.2`;
  if (to === from || allowed === '*') return null;
  if (ROOM_IMPORTS[to] === undefined) return `${to} is not a room of docs/architecture.md §3.2`;
  return allowed.includes(to) ? null : `${from}/ may not import ${to}`;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/** The core-internal imports of each source file under coreDir, as paths relative to coreDir. */
export function coreImports(coreDir: string): Map<string, { specifier: string; target: string }[]> {
  const graph = new Map<string, { specifier: string; target: string }[]>();
  for (const file of sourceFiles(coreDir)) {
    const relativeFile = path.relative(coreDir, file).split(path.sep).join('/');
    const edges: { specifier: string; target: string }[] = [];
    for (const { fileName: specifier } of ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const target = path
        .relative(coreDir, path.resolve(path.dirname(file), specifier))
        .split(path.sep)
        .join('/');
      if (!target.startsWith('..')) edges.push({ specifier, target });
    }
    graph.set(relativeFile, edges);
  }
  return graph;
}

export function checkRooms(coreDir: string): { violations: RoomViolation[]; filesChecked: number } {
  const graph = coreImports(coreDir);
  const violations: RoomViolation[] = [];
  for (const [file, edges] of graph) {
    for (const { specifier, target } of edges) {
      const rule = roomRule(file, target);
      if (rule) violations.push({ file, specifier, rule });
    }
  }
  return { violations, filesChecked: graph.size };
}

/** Import circles between files of the core (strongly connected components of more than one file). */
export function importCircles(coreDir: string): string[][] {
  const graph = coreImports(coreDir);
  const fileOf = (target: string): string | undefined =>
    [target, `${target}.ts`, `${target}.mts`, `${target}/index.ts`].find((candidate) => graph.has(candidate));
  const next = new Map(
    [...graph].map(([file, edges]) => [file, edges.map((e) => fileOf(e.target)).filter((f): f is string => f !== undefined)]),
  );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) circles.push(component.sort());
    }
  };
  for (const file of next.keys()) if (!index.has(file)) visit(file);
  return circles;
}
