import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore, type Core, type CoreOptions } from '../../electron/core/create-core';
import type { Clock } from '../../electron/core/platform/clock';
import type { ChannelName } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export function tempDir(prefix = 'quay-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export class FakeClock implements Clock {
  constructor(private current = new Date('2026-03-02T01:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export interface TestCore {
  core: Core;
  clock: FakeClock;
  pdf: RecordingPdfRenderer;
  dataDir: string;
  events: { clientId: string | null; event: string; payload: unknown }[];
  call(clientId: string, channel: ChannelName, input?: unknown): Promise<Result<any>>;
  /** Calls and asserts success, returning the value. */
  must(clientId: string, channel: ChannelName, input?: unknown): Promise<any>;
}

/**
 * Records what would have been turned into a PDF; unit tests check the print flow, while
 * tests/integration/forms-pdf.test.ts checks real PDFs from Chromium.
 */
export class RecordingPdfRenderer {
  readonly rendered: { html: string; pageSize: string }[] = [];
  failWith: Error | null = null;
  async renderPdf(html: string, options: { pageSize: 'A5' | 'A4' }): Promise<Uint8Array> {
    if (this.failWith) throw this.failWith;
    this.rendered.push({ html, pageSize: options.pageSize });
    return new TextEncoder().encode(`%PDF-1.4\n% ${options.pageSize} ${html.length}\n%%EOF\n`);
  }
}

export async function startTestCore(
  dataDir = tempDir(),
  pdfRenderer = new RecordingPdfRenderer(),
  digitize?: CoreOptions['digitize'],
  clock = new FakeClock(),
): Promise<TestCore> {
  const core = await createCore({
    pdfRenderer,
    dataDir,
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock,
    hasher: new ScryptPasswordHasher(FAST_SCRYPT_COST),
    idleSweepMs: null,
    log: () => undefined,
    digitize,
  });
  const events: TestCore['events'] = [];
  core.onEvent((clientId, event, payload) => events.push({ clientId, event, payload }));
  const call = (clientId: string, channel: ChannelName, input: unknown = {}) => core.dispatch(clientId, channel, input);
  return {
    core,
    clock,
    pdf: pdfRenderer,
    dataDir,
    events,
    call,
    async must(clientId, channel, input = {}) {
      const result = await call(clientId, channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

export const ADMIN = { username: 'quantri', fullName: 'Nguyễn Thị Quản Trị', password: 'QuanTri2026' };
export const OFFICER = { username: 'canbo01', fullName: 'Lê Văn Cán Bộ', password: 'CanBo2026x', role: 'officer' as const };

/** A core with the first admin created and signed in as client 'admin-window'. */
export async function startWithAdmin(dataDir?: string, digitize?: CoreOptions['digitize'], clock?: FakeClock): Promise<TestCore> {
  const t = await startTestCore(dataDir, undefined, digitize, clock);
  await t.must('admin-window', 'app.createFirstAdmin', ADMIN);
  await t.must('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  return t;
}

/** The newest migration this build ships, so tests do not need editing when one is added. */
export function latestMigration(): { count: number; tag: string } {
  const journal = JSON.parse(fs.readFileSync(path.join(repoRoot, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return { count: journal.entries.length, tag: journal.entries.at(-1)!.tag };
}

export const SITE = {
  agencyCode: '000.00.06.H56',
  agencyName: 'UBND xã Quảng Phú',
  unitName: 'Bộ phận tiếp nhận và trả kết quả',
  place: 'Quảng Phú',
  hotline: '0237 3852 123',
  lookupUrlTemplate: 'https://dichvucong.thanhhoa.gov.vn/tra-cuu?MHS={code}',
  formSet: '2018' as const,
};

export const KHAI_SINH = '1.001193.000.00.00.H56';

/** A tiny but real PDF, so files pass the type check by their bytes. */
export const PDF_BASE64 = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

export const CITIZEN = {
  kind: 'citizen' as const,
  fullName: 'Nguyễn Thị Hồng Nhung',
  idNumber: '038190012345',
  dateOfBirth: '1990-05-14',
  sex: 'female' as const,
  address: 'Thôn Đông, xã Quảng Phú, tỉnh Thanh Hóa',
  phone: '0912 345 678',
  email: '',
};

/** A signed-in admin with the site configured and a block of sequence numbers, on Monday 08:00 local. */
export async function startReception(
  options: { block?: [number, number]; dataDir?: string; digitize?: CoreOptions['digitize']; clock?: FakeClock } = {},
): Promise<TestCore> {
  const t = await startWithAdmin(options.dataDir, options.digitize, options.clock);
  await t.must('admin-window', 'site.update', SITE);
  const [first, last] = options.block ?? [1, 500];
  await t.must('admin-window', 'sequence.addBlock', { first, last });
  return t;
}

/** A complete khai sinh draft whose required components carry an attached PDF. */
export async function khaiSinhDraft(t: TestCore, client = 'admin-window'): Promise<any> {
  const file = await t.must(client, 'reception.storeFile', { fileName: 'to-khai.pdf', dataBase64: PDF_BASE64 });
  return {
    procedureCode: KHAI_SINH,
    owner: CITIZEN,
    components: [
      { code: 'TP01', state: 'attached', files: [file] },
      { code: 'TP02', state: 'attached', files: [file] },
    ],
  };
}
