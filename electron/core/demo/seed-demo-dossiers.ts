import { AppError } from '../../../shared/ipc/result';
import type { Procedure } from '../../../shared/catalog/procedure';
import { receptionDraftSchema, type ReceptionDraftInput, type StoredFile } from '../../../shared/reception/draft';
import type { Core } from '../create-core';
import { systemClock, type Clock } from '../platform/clock';
import type { Officer } from '../reception/reception-service';
import { demoCitizen, pick, seededRandom } from './demo-people';
import { renderScanPage, type ScanPageText } from './scan-page';

/** A clock the seeder moves to each dossier's reception time; the core reads it like the real one. */
export class SettableClock {
  private current: Date | null = null;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return this.current ? new Date(this.current) : this.base.now();
  }

  /** The time it is, whatever the seeder set. */
  real(): Date {
    return this.base.now();
  }

  set(at: Date): void {
    this.current = at;
  }
}

export interface DemoSeedOptions {
  dossiers: number;
  /** Page images per dossier, shared out over the components the procedure requires. */
  pages: number;
  /** Days the dossiers are spread over, ending today (see seedDays): 5 is a week offline. */
  days: number;
  seed: number;
  fontDir: string;
  pageWidthPx?: number;
  /** Replaces the page renderer, e.g. a load test stamping copies of a few rendered pages. */
  renderPage?: (text: ScanPageText) => Buffer;
  onProgress?: (done: number) => void;
}

export interface DemoSeedResult {
  dossiers: number;
  pages: number;
  bytes: number;
  firstCode: string | null;
  lastCode: string | null;
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;
const OPENING_MINUTE = 7 * 60 + 30;
const CLOSING_MINUTE = 17 * 60;

const DAY_MS = 24 * 3600_000;
/** How far back the seeder looks for days it holds numbers for. */
const LOOKBACK_DAYS = 60;

/**
 * The `days` most recent days up to today the counter holds free numbers for, oldest first, as
 * local midnights in UTC: a working day (Mon–Fri) with numbers, or any day the counter holds
 * numbers dated that very day (it opened then, a weekend campaign say). So seeding works on any
 * day of the week, on whatever numbers the counter has; with none it says what to do.
 */
function seedDays(core: Core, agencyCode: string, now: Date, days: number): number[] {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  const today = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - VIETNAM_OFFSET_MS;
  const datedDays = new Set(core.services.sequences.blocks(agencyCode).flatMap((b) => (b.date ? [b.date] : [])));
  const result: number[] = [];
  for (let midnight = today; result.length < days && midnight > today - LOOKBACK_DAYS * DAY_MS; midnight -= DAY_MS) {
    const date = new Date(midnight + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
    const weekday = new Date(midnight + VIETNAM_OFFSET_MS).getUTCDay();
    const opened = datedDays.has(date) || (weekday !== 0 && weekday !== 6);
    if (opened && core.services.sequences.status(agencyCode, date).remaining > 0) result.unshift(midnight);
  }
  if (result.length === 0) {
    throw new AppError('DEMO_NO_NUMBERS', { today: new Date(today + VIETNAM_OFFSET_MS).toISOString().slice(0, 10) });
  }
  return result;
}

/** Dossier `index` of `total`, in opening hours; never later than now, so nothing is received in the future. */
function receptionTime(index: number, total: number, days: number[], now: Date): Date {
  const perDay = Math.ceil(total / days.length);
  const day = days[Math.floor(index / perDay)]!;
  const slot = ((index % perDay) + 0.5) / perDay;
  const minute = OPENING_MINUTE + slot * (CLOSING_MINUTE - OPENING_MINUTE);
  return new Date(Math.min(day + minute * 60_000, now.getTime()));
}

/** The officer the dossiers are received by: an active officer if there is one, else an admin. */
function demoOfficer(core: Core): Officer {
  const active = core.services.accounts.list().filter((a) => a.status === 'active');
  const account = active.find((a) => a.role === 'officer') ?? active.find((a) => a.role === 'admin');
  if (!account) throw new AppError('DEMO_NO_ACCOUNT');
  return { accountId: account.id, username: account.username, fullName: account.fullName };
}

/** Required components first; every page lands on one, round robin, and each required one gets a page. */
function pagesByComponent(procedure: Procedure, pages: number): Map<string, number> {
  const targets = procedure.components.filter((c) => c.required);
  const components = targets.length > 0 ? targets : procedure.components.slice(0, 1);
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(pages, components.length); i += 1) {
    const code = components[i % components.length]!.code;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/**
 * Demo and load-test data through the real reception service (`quay demo seed`): citizens with
 * Vietnamese names and CCCD numbers, procedures of the seeded catalogue, page images stored in the
 * file store and attached to the components — so the outbox, the file store and the register hold
 * exactly what a busy counter would. Each dossier is its own transaction: a stop half way keeps
 * what was received.
 */
export async function seedDemoDossiers(core: Core, clock: SettableClock, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const site = core.services.site.requireConfigured();
  const officer = demoOfficer(core);
  const procedures = core.services.catalog.list().filter((p) => p.components.length > 0);
  if (procedures.length === 0) throw new AppError('DEMO_NO_PROCEDURES');
  const random = seededRandom(options.seed);
  const now = clock.real();
  const days = seedDays(core, site.agencyCode, now, options.days);
  const result: DemoSeedResult = { dossiers: 0, pages: 0, bytes: 0, firstCode: null, lastCode: null };
  for (let i = 0; i < options.dossiers; i += 1) {
    clock.set(receptionTime(i, options.dossiers, days, now));
    const procedure = pick(random, procedures);
    const owner = demoCitizen(random, site.place);
    const layout = pagesByComponent(procedure, options.pages);
    const total = [...layout.values()].reduce((a, b) => a + b, 0);
    let page = 0;
    const components: ReceptionDraftInput['components'] = [];
    for (const [code, count] of layout) {
      const component = procedure.components.find((c) => c.code === code)!;
      const files: StoredFile[] = [];
      for (let k = 0; k < count; k += 1) {
        page += 1;
        const text: ScanPageText = {
          title: component.name,
          lines: [
            `Kính gửi: ${site.agencyName}`,
            `Họ và tên: ${owner.fullName}`,
            `Ngày sinh: ${owner.dateOfBirth!.split('-').reverse().join('/')}    Số CCCD: ${owner.idNumber}`,
            `Nơi cư trú: ${owner.address}`,
            `Số điện thoại: ${owner.phone}`,
            `Đề nghị: ${procedure.name}`,
          ],
          footer: `Trang ${page}/${total}`,
        };
        const image = options.renderPage
          ? options.renderPage(text)
          : renderScanPage(text, { fontDir: options.fontDir, widthPx: options.pageWidthPx, skewDegrees: (random() - 0.5) * 1.6 });
        files.push(core.services.reception.storeFile({ fileName: `trang-${page}.jpg`, dataBase64: image.toString('base64') }));
        result.pages += 1;
        result.bytes += image.byteLength;
      }
      components.push({ code, state: 'attached', files });
    }
    const draft: ReceptionDraftInput = {
      procedureCode: procedure.code,
      owner,
      components,
      fees: procedure.fees.map((fee) =>
        fee.amount === 0 ? { status: 'exempt' as const } : { status: 'paid' as const, method: 'cash' as const },
      ),
    };
    const { dossier } = core.services.reception.accept(officer, receptionDraftSchema.parse(draft));
    result.dossiers += 1;
    result.firstCode ??= dossier.code;
    result.lastCode = dossier.code;
    options.onProgress?.(result.dossiers);
  }
  return result;
}
