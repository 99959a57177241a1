import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_PAGE } from '../../../shared/ipc/citizen-contract';
import { channelNames, IPC_PREFIX } from '../../../shared/ipc/contract';
import { filesUnder, moduleSyntax, reachableBareImports, sharedBuild } from './support';

let outDir: string;

beforeAll(() => {
  outDir = sharedBuild();
});

const read = (relative: string) => fs.readFileSync(path.join(outDir, relative), 'utf8');

describe('preload bundle', () => {
  it('is exactly one CommonJS file', () => {
    expect(filesUnder(path.join(outDir, 'preload'))).toEqual(['index.cjs']);
    expect(moduleSyntax(read('preload/index.cjs')).hasModuleSyntax).toBe(false);
  });

  it("requires nothing but 'electron', as a sandboxed renderer demands", () => {
    const { requires } = moduleSyntax(read('preload/index.cjs'));
    expect(requires.length).toBeGreaterThan(0);
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });

  /** Runs the preload as Electron wraps a sandboxed one — no Node require, only these parameters — on a page at `pathname`. */
  function runPreload(pathname: string) {
    const exposed = new Map<string, unknown>();
    const invoked: [string, unknown][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: async (channel: string, input: unknown) => {
          invoked.push([channel, input]);
          return { ok: true, value: null };
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return fakeElectron;
      throw new Error(`module not found: ${id}`);
    };
    const module = { exports: {} };
    const wrapper = vm.runInNewContext(
      `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${read('preload/index.cjs')}\n})`,
      { location: { pathname } },
    ) as (...args: unknown[]) => void;
    wrapper(sandboxRequire, { env: {} }, undefined, {}, setImmediate, clearImmediate, module.exports, module);
    return { exposed, invoked };
  }

  it('runs in a sandbox-like context and exposes the contract as window.api', async () => {
    const { exposed, invoked } = runPreload('/index.html');
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api') as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    const [namespace, method] = (channelNames[0] as string).split('.') as [string, string];
    await expect(api[namespace]?.[method]?.({})).resolves.toEqual({ ok: true, value: null });
    expect(invoked).toEqual([[IPC_PREFIX + channelNames[0], {}]]);
  });

  it("gives the citizen-facing page its own contract and nothing of the officer's", () => {
    const { exposed } = runPreload(`/${CITIZEN_PAGE}`);
    expect([...exposed.keys()]).toEqual(['citizenApi']);
  });
});

describe('main bundles', () => {
  // The digitize worker runs the cleanup pool, PDF import and page counts; digitize/pipeline/worker-script.ts finds it by name.
  it('emit the main process, the core host, the CLI and the digitize worker entries', () => {
    const files = filesUnder(path.join(outDir, 'main'));
    expect(files).toEqual(expect.arrayContaining(['index.js', 'core-host.js', 'cli.js', 'digitize-worker.js']));
  });

  // The main process itself never opens the database; the core does, in the utilityProcess or the CLI, through the
  // SQLCipher build of better-sqlite3 (docs/architecture.md §9).
  it.each(['core-host.js', 'cli.js'])('%s reaches better-sqlite3-multiple-ciphers as an external import', (entry) => {
    expect(reachableBareImports(path.join(outDir, 'main', entry))).toContain('better-sqlite3-multiple-ciphers');
  });

  it("never inline better-sqlite3's source", () => {
    for (const file of filesUnder(path.join(outDir, 'main'))) {
      const code = read(path.join('main', file));
      expect(code, file).not.toContain('node_modules/better-sqlite3');
      expect(code, file).not.toContain('Misspelled option "readOnly"');
    }
  });

  it('cli.js loads no electron module, through shared chunks either', () => {
    const bare = [...reachableBareImports(path.join(outDir, 'main', 'cli.js'))];
    expect(bare.filter((specifier) => specifier === 'electron' || specifier.startsWith('electron/'))).toEqual([]);
  });

  // The utility process's electron module offers net; the entry hands net.fetch to the core's sync.
  it('core-host.js takes only net from electron, in its entry file and not in the core it shares with the CLI', () => {
    const entry = path.join(outDir, 'main', 'core-host.js');
    const electronImports = (file: string) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*["']electron["']/g)].flatMap((m) =>
        m[1]!.split(',').map((name) => name.trim().split(/\s+as\s+/)[0]),
      );
    expect(electronImports(entry)).toEqual(['net']);
    for (const file of filesUnder(path.join(outDir, 'main'))) {
      if (file !== 'core-host.js' && file !== 'index.js')
        expect(moduleSyntax(read(path.join('main', file))).imports, file).not.toContain('electron');
    }
  });
});

describe('renderer bundle', () => {
  it('has index.html whose scripts and styles exist, referenced relatively', () => {
    const html = read('renderer/index.html');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('./'), ref).toBe(true);
      expect(fs.existsSync(path.join(outDir, 'renderer', ref)), ref).toBe(true);
    }
  });
});
