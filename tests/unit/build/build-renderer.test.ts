import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HARNESS_BUNDLE, isBuilt, sourcesHash, STAMP, writeStamp } from '../../../scripts/build-renderer.mjs';

/** A repository in miniature: the renderer's inputs and a built bundle. */
function tree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-build-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('renderer/src/main.tsx', 'render()');
  write('shared/i18n/vi.ts', "export const a = 'Tiếp nhận';");
  write('package-lock.json', '{}');
  write('out/renderer/index.html', '<html></html>');
  return root;
}

describe('npm run start:web builds the renderer once (issue 13 point 12)', () => {
  it('a bundle without a stamp is built; with the stamp of its sources it is not', () => {
    const root = tree();
    expect(isBuilt(root)).toBe(false);
    fs.writeFileSync(path.join(root, STAMP), `${sourcesHash(root)}\n`);
    expect(isBuilt(root)).toBe(true);
  });

  it('an edit to the renderer, to shared code or to the locked packages calls for a build; new file times alone do not', () => {
    const root = tree();
    fs.writeFileSync(path.join(root, STAMP), sourcesHash(root));
    const later = new Date(Date.UTC(2030, 0, 1));
    fs.utimesSync(path.join(root, 'renderer/src/main.tsx'), later, later);
    expect(isBuilt(root)).toBe(true);

    for (const [file, text] of [
      ['renderer/src/main.tsx', 'render(1)'],
      ['shared/i18n/vi.ts', "export const a = 'Trả kết quả';"],
      ['package-lock.json', '{"v":2}'],
    ] as const) {
      fs.writeFileSync(path.join(root, file), text);
      expect(isBuilt(root), file).toBe(false);
      fs.writeFileSync(path.join(root, STAMP), sourcesHash(root));
    }
  });

  it('a renamed source changes the hash even with the same contents', () => {
    const root = tree();
    const before = sourcesHash(root);
    fs.renameSync(path.join(root, 'renderer/src/main.tsx'), path.join(root, 'renderer/src/index.tsx'));
    expect(sourcesHash(root)).not.toBe(before);
  });

  it('a missing bundle is built whatever the stamp says', () => {
    const root = tree();
    fs.writeFileSync(path.join(root, STAMP), sourcesHash(root));
    fs.rmSync(path.join(root, 'out/renderer/index.html'));
    expect(isBuilt(root)).toBe(false);
  });

  it('a stamp with its file list spares the hashing while no source is newer, and a newer or added file is still seen', () => {
    const root = tree();
    writeStamp(root);
    expect(isBuilt(root)).toBe(true);
    const later = new Date(fs.statSync(path.join(root, STAMP)).mtimeMs + 60_000);
    fs.writeFileSync(path.join(root, 'renderer/src/main.tsx'), 'render(2)');
    fs.utimesSync(path.join(root, 'renderer/src/main.tsx'), later, later);
    expect(isBuilt(root)).toBe(false);
    writeStamp(root);
    fs.writeFileSync(path.join(root, 'shared/new.ts'), 'export {};');
    const earlier = new Date(0);
    fs.utimesSync(path.join(root, 'shared/new.ts'), earlier, earlier);
    expect(isBuilt(root)).toBe(false);
  });

  it('the harness bundle has its own stamp over the core, db and shared code', () => {
    const root = tree();
    fs.mkdirSync(path.join(root, 'electron/core'), { recursive: true });
    fs.writeFileSync(path.join(root, 'electron/core/a.ts'), 'export const a = 1;');
    fs.mkdirSync(path.join(root, 'out/harness'), { recursive: true });
    fs.writeFileSync(path.join(root, HARNESS_BUNDLE.output), '');
    expect(isBuilt(root, HARNESS_BUNDLE)).toBe(false);
    writeStamp(root, HARNESS_BUNDLE);
    expect(isBuilt(root, HARNESS_BUNDLE)).toBe(true);
    fs.writeFileSync(path.join(root, 'electron/core/a.ts'), 'export const a = 2;');
    const later = new Date(fs.statSync(path.join(root, HARNESS_BUNDLE.stamp)).mtimeMs + 60_000);
    fs.utimesSync(path.join(root, 'electron/core/a.ts'), later, later);
    expect(isBuilt(root, HARNESS_BUNDLE)).toBe(false);
    // The renderer's stamp does not cover the core.
    writeStamp(root);
    expect(isBuilt(root)).toBe(true);
  });
});
