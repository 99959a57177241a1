import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { parseAst } from 'vite';
import { inject } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export function readYaml(relative: string): unknown {
  return load(fs.readFileSync(path.join(repoRoot, relative), 'utf8'));
}

export interface RunResult {
  code: number | null;
  output: string;
}

export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Runs the real `electron-vite build` with the repository's config, writing main/, preload/ and renderer/ under outDir. */
export async function buildApp(outDir: string): Promise<void> {
  const cli = path.join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const { code, output } = await run(process.execPath, [cli, 'build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: repoRoot,
  });
  if (code !== 0) throw new Error(`electron-vite build failed (${code}):\n${output}`);
}

/** The build made once for this run by tests/unit/build/global-setup.ts. */
export function sharedBuild(): string {
  const { dir, error } = inject('appBuild');
  if (error) throw new Error(error);
  return dir;
}

export function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

type Node = { type: string; [key: string]: unknown };

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
  } else if (node && typeof node === 'object') {
    if (typeof (node as Node).type === 'string') visit(node as Node);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

export interface ModuleSyntax {
  /** Arguments of `require(...)` calls; null where the argument is not a string literal. */
  requires: (string | null)[];
  /** Sources of static imports, re-exports and dynamic import() with a literal argument. */
  imports: string[];
  hasModuleSyntax: boolean;
}

export function moduleSyntax(code: string): ModuleSyntax {
  const requires: (string | null)[] = [];
  const imports: string[] = [];
  let hasModuleSyntax = false;
  walk(parseAst(code), (node) => {
    const source = node.source as { type?: string; value?: unknown } | undefined;
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
        hasModuleSyntax = true;
        if (typeof source?.value === 'string') imports.push(source.value);
        break;
      case 'ImportExpression':
        hasModuleSyntax = true;
        if (typeof source?.value === 'string') imports.push(source.value);
        break;
      case 'MetaProperty':
        hasModuleSyntax = true;
        break;
      case 'CallExpression': {
        const callee = node.callee as Node;
        if (callee.type === 'Identifier' && callee.name === 'require') {
          const [first] = node.arguments as Node[];
          requires.push(first?.type === 'Literal' && typeof first.value === 'string' ? first.value : null);
        }
        break;
      }
    }
  });
  return { requires, imports, hasModuleSyntax };
}

/** Every bare module specifier reachable from an ES module entry through its relative imports. */
export function reachableBareImports(entry: string): Set<string> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of moduleSyntax(fs.readFileSync(file, 'utf8')).imports) {
      if (specifier.startsWith('.')) pending.push(path.resolve(path.dirname(file), specifier));
      else bare.add(specifier);
    }
  }
  return bare;
}
