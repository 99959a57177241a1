import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The design lives in the repository (docs/architecture.md, docs/domain.md, docs/devices.md), so a
 * fresh clone can follow every comment that cites it. A citation of the design brief outside the
 * repository, a bare `domain.md §…`, or a section that the cited doc does not have fails here.
 */
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const THIS_FILE = 'tests/unit/arch/doc-citations.test.ts';
const CHECKED = /\.(ts|tsx|js|mjs|cjs|json|ya?ml|sh|css|html|md)$/;

function repositoryFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(listed.split('\0'))].filter(
    (file) =>
      CHECKED.test(file) &&
      file !== THIS_FILE &&
      !file.startsWith('tests/fixtures/') &&
      !file.endsWith('package-lock.json') &&
      fs.existsSync(path.join(repoRoot, file)),
  );
}

/** Section numbers of a doc, from headings such as `## 8. Sync` or `### 8.4 Working-time arithmetic`. */
export function sectionsOf(markdown: string): Set<string> {
  const sections = new Set<string>();
  for (const match of markdown.matchAll(/^#{2,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)) sections.add(match[1]!);
  return sections;
}

export interface Citation {
  doc: string;
  sections: string[];
}

/** `docs/domain.md §2.4–§2.10, §3`, `docs/devices.md §3.4–3.5`, `docs/domain.md §6.2/§6.5` … */
export function citationsIn(text: string): Citation[] {
  const citations: Citation[] = [];
  for (const match of text.matchAll(/docs\/([\w-]+)\.md((?:(?:\s*§\s*|\s*[–,/-]\s*§?\s*)\d+(?:\.\d+)*)*)/g)) {
    citations.push({ doc: match[1]!, sections: [...match[2]!.matchAll(/\d+(?:\.\d+)*/g)].map((m) => m[0]) });
  }
  return citations;
}

/** What must not appear: the brief's own paths and names, and citations that do not say which doc of the repository. */
export function outsideCitations(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /shared\/DESIGN\b/g,
    /shared\/docs\//g,
    /\bDESIGN(?:\.md)?\s*§/g,
    /\banchors(?:\.md)?\s*§/g,
    /\banchors\.md\b/g,
    /(?<![\w/])(?:domain|devices|architecture)\.md\s*§/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[0]);
  return found;
}

describe('citations of the design', () => {
  const sections = new Map(
    fs
      .readdirSync(path.join(repoRoot, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => [name.slice(0, -3), sectionsOf(fs.readFileSync(path.join(repoRoot, 'docs', name), 'utf8'))]),
  );

  it('has the three design docs', () => {
    expect([...sections.keys()]).toEqual(expect.arrayContaining(['architecture', 'domain', 'devices']));
  });

  it('reads the section numbers and citation forms the code uses', () => {
    expect(sectionsOf('## 8. Sync\n### 8.4 Arithmetic\ntext 9.1 here\n')).toEqual(new Set(['8', '8.4']));
    expect(citationsIn('(docs/domain.md §2.4–§2.10, §3) and docs/devices.md §3.4–3.5; docs/domain.md §8.')).toEqual([
      { doc: 'domain', sections: ['2.4', '2.10', '3'] },
      { doc: 'devices', sections: ['3.4', '3.5'] },
      { doc: 'domain', sections: ['8'] },
    ]);
    expect(outsideCitations('see DESIGN §5, ../shared/docs/domain.md, domain.md §4 and anchors §10; docs/domain.md §4 is fine')).toEqual([
      'shared/docs/',
      'DESIGN §',
      'anchors §',
      'domain.md §',
    ]);
  });

  it('never points outside the repository or at the design brief', () => {
    const offenders = repositoryFiles().flatMap((file) => {
      if (file.startsWith('docs/')) return [];
      return outsideCitations(fs.readFileSync(path.join(repoRoot, file), 'utf8')).map((found) => `${file}: ${found}`);
    });
    expect(offenders).toEqual([]);
  });

  it('cites only docs and sections that exist', () => {
    const files = repositoryFiles();
    let cited = 0;
    const broken = files.flatMap((file) =>
      citationsIn(fs.readFileSync(path.join(repoRoot, file), 'utf8')).flatMap(({ doc, sections: wanted }) => {
        const known = sections.get(doc);
        cited += 1;
        if (!known) return [`${file}: docs/${doc}.md does not exist`];
        return wanted.filter((section) => !known.has(section)).map((section) => `${file}: docs/${doc}.md has no §${section}`);
      }),
    );
    expect(broken).toEqual([]);
    expect(cited).toBeGreaterThan(50);
  });
});
