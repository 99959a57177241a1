import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyDatabaseKey } from '../../db/open';
import { deriveAtRestKeys } from '../../electron/core/platform/data-at-rest-key';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uiText } from '../../shared/i18n/vi';
import { IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { ADMIN, CITIZEN, FakeClock, KHAI_SINH, PDF_BASE64, repoRoot, startReception, tempDir } from '../helpers/test-core';

/**
 * The crash drill on this machine: Electron main (electron/main/index.ts over the fake electron
 * module) runs the real core host in a real child process, as utilityProcess would. The core is
 * killed (SIGKILL) while a reception waits inside its database transaction; main must start a new
 * core, the window must carry on through the same IPC handlers, the officer must be told in
 * Vietnamese, the dossier committed before the crash must be there and the one in flight must not
 * have left any row behind. docs/release.md repeats the drill on real Electron.
 */
type Fake = typeof import('../fakes/electron');

let fake: Fake | null = null;

afterEach(async () => {
  for (const child of fake?.utilityProcess.forks ?? []) if (!child.exited) child.crash();
  fake = null;
  vi.unstubAllEnvs();
});

/** The counter's database as main keyed it: the at-rest secret main took over into the OS key store (issue 17 finding 7). */
async function counterDatabase(f: Fake, dataDir: string, options: Database.Options = {}): Promise<Database.Database> {
  expect(fs.existsSync(path.join(dataDir, 'keys', 'data-at-rest.key'))).toBe(false);
  const wrapped = fs.readFileSync(path.join(dataDir, 'keys', 'data-at-rest.key.enc'));
  const { secret } = JSON.parse((await f.safeStorage.decryptStringAsync(wrapped)).result) as { secret: string };
  const db = new Database(path.join(dataDir, 'quay.sqlite'), options);
  applyDatabaseKey(db, deriveAtRestKeys(Buffer.from(secret, 'hex')).database);
  return db;
}

async function launchMain(dataDir: string): Promise<Fake> {
  vi.resetModules();
  const loaded = await import('../fakes/electron');
  loaded.resetFakeElectron({ ready: false });
  loaded.utilityProcess.realChildren = true;
  loaded.utilityProcess.realModules = { 'core-host.js': path.join(repoRoot, 'electron', 'main', 'platform', 'core-host-entry.ts') };
  loaded.app.appPath = repoRoot;
  vi.stubEnv('QUAY_DATA_DIR', dataDir);
  await import('../../electron/main/index');
  loaded.app.markReady();
  return loaded;
}

/** The renderer's calls, through the IPC handlers main registered, from the app's own window. */
function rendererOf(f: Fake) {
  const window = f.BrowserWindow.instances[0]!;
  return {
    window,
    call(channel: string, input: unknown = {}): Promise<Result<any>> {
      const handler = f.ipcMain.handlers.get(IPC_PREFIX + channel) as (event: unknown, input: unknown) => Promise<Result<any>>;
      return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, input);
    },
    async must(channel: string, input: unknown = {}): Promise<any> {
      const result = await this.call(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

async function draft(renderer: ReturnType<typeof rendererOf>, fullName: string) {
  const file = await renderer.must('reception.storeFile', { fileName: 'to-khai.pdf', dataBase64: PDF_BASE64 });
  return {
    procedureCode: KHAI_SINH,
    owner: { ...CITIZEN, fullName },
    components: [
      { code: 'TP01', state: 'attached', files: [file] },
      { code: 'TP02', state: 'attached', files: [file] },
    ],
  };
}

describe('crash drill: the core process killed mid-reception', () => {
  it('is started again; the window carries on, the officer is told, committed work is kept and the interrupted reception left nothing', async () => {
    const dataDir = tempDir('quay-drill-');
    // The site, an admin and a block of sequence numbers, as a configured counter has them.
    // The drill's main runs a real core on the machine's clock, so the data it finds is set up at that same moment:
    // an admin last seen on the helpers' fixed March 2026 would be locked as inactive for 12 months from March 2027.
    const setup = await startReception({ dataDir, clock: new FakeClock(new Date()) });
    await setup.core.close();

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    fake = await launchMain(dataDir);
    const f = fake;
    await vi.waitFor(() => expect(f.BrowserWindow.instances).toHaveLength(1), { timeout: 60_000 });
    const renderer = rendererOf(f);
    await renderer.must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });

    const committed = (await renderer.must('reception.accept', { draft: await draft(renderer, 'Trần Văn Đã Lưu') })).dossier;

    // The next reception waits for the write lock the drill holds, i.e. inside its transaction, when the core dies.
    const interrupted = await draft(renderer, 'Lê Thị Dở Dang');
    const first = f.utilityProcess.forks[0]!;
    const holder = await counterDatabase(f, dataDir);
    holder.exec('BEGIN IMMEDIATE');
    const received = first.nextTrace('portMessage');
    const inFlight = renderer.call('reception.accept', { draft: interrupted });
    await received;
    await new Promise((resolve) => setTimeout(resolve, 300));
    first.crash();
    const failed = await inFlight;
    holder.exec('ROLLBACK');
    holder.close();

    expect(failed).toMatchObject({ ok: false, error: { code: 'CORE_RESTARTED', message: expect.stringContaining('chưa được lưu') } });
    await vi.waitFor(() => expect(f.dialog.messageBoxes.map((box) => box.options.message)).toContain(uiText.startup.coreRestarted));
    expect(renderer.window.webContents.sent).toContainEqual({
      channel: IPC_EVENT_CHANNEL,
      args: ['session.changed', { state: 'signedOut', reason: 'signedOut' }],
    });

    // The same window, through the same handlers, reaches the new core once it is up.
    await vi.waitFor(() => expect(f.utilityProcess.forks).toHaveLength(2), { timeout: 30_000 });
    await renderer.must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const found = await renderer.must('dossier.search', { text: 'Trần Văn Đã Lưu' });
    expect(JSON.stringify(found)).toContain(committed.code);
    expect(JSON.stringify(await renderer.must('dossier.search', { text: 'Lê Thị Dở Dang' }))).not.toContain('Lê Thị Dở Dang');

    // Nothing half-written: one dossier of this owner at most, every row tied to a dossier, the file sound.
    await renderer.must('reception.accept', { draft: await draft(renderer, 'Lê Thị Dở Dang') });
    f.app.quit();
    await vi.waitFor(() => expect(f.app.terminated).toBe(true), { timeout: 30_000 });
    const db = await counterDatabase(f, dataDir, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const dossiers = db.prepare('SELECT code FROM dossiers ORDER BY code').all() as { code: string }[];
      expect(dossiers).toHaveLength(2);
      expect(dossiers.map((d) => d.code)).toContain(committed.code);
    } finally {
      db.close();
    }

    const log = fs.readFileSync(path.join(dataDir, 'logs', 'quay.log'), 'utf8');
    expect(log).toMatch(/\[main\] the core process exited with code \d+/);
    expect(log).not.toContain(CITIZEN.idNumber);
    errors.mockRestore();
  }, 120_000);
});
