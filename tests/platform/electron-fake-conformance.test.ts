import { EventEmitter } from 'node:events';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as fake from '../fakes/electron';
import { repoRoot } from '../helpers/test-core';

/**
 * The fake may only offer what Electron 45 declares (node_modules/electron/electron.d.ts), apart
 * from the recorders and switches it lists in FAKE_ONLY_MEMBERS. So a test cannot pass because the
 * fake grew a method the real module lacks.
 */
const DECLARED = path.join(repoRoot, 'node_modules', 'electron', 'electron.d.ts');

/** Each export of the fake and the type electron.d.ts gives it. */
const SUBJECTS: Array<{ name: string; value: () => object; declared: string }> = [
  { name: 'app', value: () => fake.app, declared: 'Electron.App' },
  { name: 'BrowserWindow', value: () => new fake.BrowserWindow({}), declared: 'Electron.BrowserWindow' },
  { name: 'BrowserWindow (static)', value: () => fake.BrowserWindow, declared: 'typeof Electron.BrowserWindow' },
  { name: 'WebContents', value: () => new fake.FakeWebContents(), declared: 'Electron.WebContents' },
  { name: 'WebFrameMain', value: () => new fake.FakeWebFrame('app://renderer/'), declared: 'Electron.WebFrameMain' },
  { name: 'Menu', value: () => fake.Menu, declared: 'typeof Electron.Menu' },
  { name: 'screen', value: () => fake.screen, declared: 'Electron.Screen' },
  { name: 'ipcMain', value: () => fake.ipcMain, declared: 'Electron.IpcMain' },
  { name: 'protocol', value: () => fake.protocol, declared: 'Electron.Protocol' },
  { name: 'Session', value: () => fake.session.defaultSession, declared: 'Electron.Session' },
  { name: 'session', value: () => fake.session, declared: 'typeof Electron.Session' },
  { name: 'MessagePortMain', value: () => new fake.FakeMessagePort(), declared: 'Electron.MessagePortMain' },
  { name: 'MessageChannelMain', value: () => new fake.MessageChannelMain(), declared: 'Electron.MessageChannelMain' },
  { name: 'UtilityProcess', value: () => fake.utilityProcess.fork('/core.js'), declared: 'Electron.UtilityProcess' },
  { name: 'utilityProcess', value: () => fake.utilityProcess, declared: 'typeof Electron.UtilityProcess' },
  { name: 'dialog', value: () => fake.dialog, declared: 'Electron.Dialog' },
  { name: 'net', value: () => fake.net, declared: 'Electron.Net' },
  { name: 'safeStorage', value: () => fake.safeStorage, declared: 'Electron.SafeStorage' },
  { name: 'contextBridge', value: () => fake.contextBridge, declared: 'Electron.ContextBridge' },
  { name: 'ipcRenderer', value: () => fake.ipcRenderer, declared: 'Electron.IpcRenderer' },
];

/** EventEmitter's own bookkeeping fields, which every emitter instance carries. */
const EMITTER_FIELDS = new Set(['_events', '_eventsCount', '_maxListeners']);

function offeredMembers(value: object): Set<string> {
  const names = new Set<string>();
  for (
    let current: object | null = value;
    current && current !== Object.prototype && current !== Function.prototype && current !== EventEmitter.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    if (typeof current === 'function' && current !== value) break;
    for (const name of Object.getOwnPropertyNames(current)) names.add(name);
  }
  for (const builtin of ['constructor', 'length', 'name', 'prototype', ...EMITTER_FIELDS]) names.delete(builtin);
  return names;
}

/** The property names of each declared type, read with the TypeScript checker from electron.d.ts. */
function declaredMembers(): Map<string, Set<string>> {
  // A module of its own that refers to electron.d.ts's global Electron namespace, whose classes keep their statics.
  const probe = path.join(repoRoot, 'tests', 'platform', '__electron_probe__.ts');
  const source = `${SUBJECTS.map((s, i) => `export declare const probe${i}: ${s.declared};`).join('\n')}\n`;
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === probe ? source : readFile(file));
  host.fileExists = (
    (exists) => (file: string) =>
      path.resolve(file) === probe || exists(file)
  )(host.fileExists.bind(host));
  host.getSourceFile = (file, language, onError) =>
    path.resolve(file) === probe ? ts.createSourceFile(file, source, language) : getSourceFile(file, language, onError);
  const program = ts.createProgram([probe, DECLARED], options, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(probe)!;
  const members = new Map<string, Set<string>>();
  const fileSymbol = checker.getSymbolAtLocation(file)!;
  for (const [i, subject] of SUBJECTS.entries()) {
    const symbol = checker.getExportsOfModule(fileSymbol).find((s) => s.name === `probe${i}`)!;
    const type = checker.getTypeOfSymbol(symbol);
    members.set(subject.name, new Set(checker.getPropertiesOfType(type).map((p) => p.name)));
  }
  return members;
}

describe('the fake electron module against electron.d.ts', () => {
  fake.resetFakeElectron();
  const declared = declaredMembers();

  it.each(SUBJECTS.map((s) => [s.name, s] as const))(
    '%s offers only what Electron declares, besides its listed test helpers',
    (name, subject) => {
      fake.resetFakeElectron();
      const types = declared.get(name)!;
      expect(types.size, `${subject.declared} was not found in electron.d.ts`).toBeGreaterThan(0);
      const testOnly = new Set(fake.FAKE_ONLY_MEMBERS[name] ?? []);
      const offered = offeredMembers(subject.value());
      const undeclared = [...offered].filter((member) => !types.has(member) && !testOnly.has(member));
      expect(undeclared, `members of the fake ${name} that ${subject.declared} lacks`).toEqual([]);
      // A helper named like a real member would hide a real API behind test behaviour.
      expect(
        [...testOnly].filter((member) => types.has(member)),
        `test helpers of ${name} that shadow Electron members`,
      ).toEqual([]);
    },
  );

  it('lists test helpers only for the exports it checks', () => {
    expect(Object.keys(fake.FAKE_ONLY_MEMBERS).sort()).toEqual(SUBJECTS.map((s) => s.name).sort());
  });
});
