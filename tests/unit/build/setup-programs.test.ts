import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support';

/**
 * Every program a test or peer starts must be installed by scripts/setup.sh (issue 11 §2): on a
 * clean machine a missing one fails here, by name, rather than as a suite that cannot start.
 */

/** Always there where the tests run: Node and npm themselves, the checkout's git, and Debian's essential packages (dash, util-linux). */
const BASE_PROGRAMS = new Set(['node', 'npx', 'npm', 'git', 'sh', 'unshare', 'mount']);
const SPAWNERS = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'promisify\\((?:execFile|exec)\\)'];
const STRING = String.raw`'([^']+)'|"([^"]+)"|\`((?:[^\`$]|\$(?!\{))+)\``;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|mts|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** A command line's real program: past `unshare` and its flags, and into `sh -c '… exec PROGRAM …'`. */
function realPrograms(program: string, args: string[]): string[] {
  if (program === 'unshare') {
    const index = args.findIndex((arg) => !arg.startsWith('-'));
    return index < 0 ? [] : realPrograms(args[index]!, args.slice(index + 1));
  }
  if (program === 'sh' && args[0] === '-c') return [...(args[1] ?? '').matchAll(/\bexec\s+([\w./-]+)/g)].map((m) => path.basename(m[1]!));
  return [path.basename(program)];
}

/** Programs named by string literal as the first argument of a spawning call or of a local alias of one. */
function spawnedPrograms(source: string): string[] {
  const aliases = [
    ...source.matchAll(
      /const\s+(\w+)\s*=\s*(?:promisify\((?:execFile|exec)\)|\([^)]*\)\s*=>\s*(?:spawn|spawnSync|execFile|execFileSync)\()/g,
    ),
  ].map((m) => m[1]!);
  const callers = [...SPAWNERS, ...aliases].join('|');
  const calls = new RegExp(String.raw`(?<![\w.])(?:${callers})\(\s*(?:${STRING})\s*(?:,\s*\[([^\]]*)\])?`, 'g');
  const found: string[] = [];
  for (const match of source.matchAll(calls)) {
    const program = match[1] ?? match[2] ?? match[3]!;
    const args = [...(match[4] ?? '').matchAll(new RegExp(STRING, 'g'))].map((m) => m[1] ?? m[2] ?? m[3]!);
    found.push(...realPrograms(program, args));
  }
  return found;
}

/** What setup.sh checks for: `have_cmd NAME` or `[ -x /path/NAME ]`, outside comments. */
function checkedBySetup(): Set<string> {
  const lines = fs
    .readFileSync(path.join(repoRoot, 'scripts', 'setup.sh'), 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'));
  const names = lines.flatMap((line) =>
    [...line.matchAll(/have_cmd\s+([\w.-]+)|\[\s+-x\s+(\/[\w./-]+)\s+\]/g)].map((m) => m[1] ?? path.basename(m[2]!)),
  );
  return new Set(names);
}

describe('scripts/setup.sh', () => {
  const programs = new Map<string, string[]>();
  for (const file of sourceFiles(path.join(repoRoot, 'tests'))) {
    for (const program of spawnedPrograms(fs.readFileSync(file, 'utf8'))) {
      if (!BASE_PROGRAMS.has(program)) programs.set(program, [...(programs.get(program) ?? []), path.relative(repoRoot, file)]);
    }
  }

  it('finds the programs the peers start, through aliases, unshare and sh -c', () => {
    expect([...programs.keys()]).toEqual(
      expect.arrayContaining([
        'cupsd',
        'avahi-daemon',
        'dbus-daemon',
        'ippeveprinter',
        'lpadmin',
        'lpstat',
        'scanimage',
        'socat',
        'qpdf',
        'pdfinfo',
        'pdffonts',
        'pdftotext',
      ]),
    );
    expect(
      spawnedPrograms(
        "const run = (c: string) => execFileSync(c);\nrun('frobnicate', []);\nspawn(\n  'unshare',\n  ['-n', '/usr/sbin/foo-daemon', '-f'],\n);",
      ),
    ).toEqual(['frobnicate', 'foo-daemon']);
  });

  it('checks for every program a test or peer starts', () => {
    const setup = checkedBySetup();
    const missing = [...programs]
      .filter(([program]) => !setup.has(program))
      .map(([program, files]) => `${program} (${[...new Set(files)].join(', ')})`);
    expect(missing).toEqual([]);
  });
});
