import type { SequenceRepository } from '../../../db/repositories/sequence-repository';
import { civilFromDayNumber, dayNumber, formatIsoDate, parseIsoDate, weekdayOf } from '../../../shared/domain/local-date';
import type { WorkingCalendar } from '../../../shared/domain/working-time';
import { MAX_SEQUENCE_BLOCK, type SequenceBlock } from '../../../shared/sync/protocol';
import type { AuditService } from '../audit/audit-service';
import type { SequenceService } from '../site/sequence-service';

/** Never lease fewer than this: a quiet commune still has a busy morning now and then. */
export const MIN_LEASE = 20;
/** Headroom over the busiest recent day, for the Monday after a holiday. */
const HEADROOM = 1.5;
/** How many working days of history size a lease. */
const HISTORY_DAYS = 28;
/** Working days leased ahead, today included: a long weekend offline still has numbers. */
export const DAYS_AHEAD = 3;

export interface LeaseNeed {
  day: string;
  count: number;
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.workingDays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const civil = parseIsoDate(date);
  return civil !== null && calendar.sessions[weekdayOf(dayNumber(civil))].length > 0;
}

/**
 * The days to hold numbers for: today whatever the calendar says — an office open on a day off (a
 * weekend campaign, a swapped day not yet in the calendar) must still receive — then the coming
 * working days.
 */
export function leaseDays(today: string, calendar: WorkingCalendar): string[] {
  return [...new Set([today, ...nextWorkingDays(today, DAYS_AHEAD, calendar)])];
}

export function nextWorkingDays(from: string, count: number, calendar: WorkingCalendar): string[] {
  const start = parseIsoDate(from);
  if (!start) return [];
  const days: string[] = [];
  // Two months without a working day means the calendar is broken, not that we should spin.
  for (let n = dayNumber(start); days.length < count && n < dayNumber(start) + 60; n += 1) {
    const date = formatIsoDate(civilFromDayNumber(n));
    if (isWorkingDay(date, calendar)) days.push(date);
  }
  return days;
}

/** The day's expected demand: the busiest recent day with headroom, within the gateway's limits. */
export function expectedDemand(recentDailyUsage: number[]): number {
  const busiest = Math.max(0, ...recentDailyUsage);
  return Math.min(MAX_SEQUENCE_BLOCK, Math.max(MIN_LEASE, Math.ceil(busiest * HEADROOM)));
}

/** What to lease: for each coming working day, whatever tops its free numbers up to the expected demand. */
export function planLeases(days: string[], remainingOn: (day: string) => number, demand: number): LeaseNeed[] {
  return days.flatMap((day) => {
    const missing = demand - remainingOn(day);
    return missing > 0 ? [{ day, count: Math.min(MAX_SEQUENCE_BLOCK, Math.max(MIN_LEASE, missing)) }] : [];
  });
}

export interface SequenceLeaserDeps {
  gateway: { leaseSequenceBlock(day: string, count: number): Promise<SequenceBlock> };
  repository: SequenceRepository;
  sequences: SequenceService;
  audit: AuditService;
  agencyCode: () => string | null;
  today: () => string;
  calendar: () => WorkingCalendar;
  newId: () => string;
  now: () => string;
  transaction: <T>(work: () => T) => T;
}

/**
 * Keeps the counter holding enough dossier numbers for the coming working days (issue 6 §6), so
 * reception never waits for the network. The gateway hands out disjoint blocks per agency and day.
 *
 * The fallback when numbers run out offline stays as reception built it: an admin enters an
 * emergency block obtained from the province by phone. Reconciling it: the codes it issued reach the
 * gateway with their dossiers, and once a lease covers today the unused rest of any emergency
 * block is retired here, so numbers handed out by phone are not used beyond the emergency.
 */
export class SequenceLeaser {
  constructor(private readonly deps: SequenceLeaserDeps) {}

  async leaseAhead(): Promise<SequenceBlock[]> {
    const agencyCode = this.deps.agencyCode();
    if (!agencyCode) return [];
    const today = this.deps.today();
    const calendar = this.deps.calendar();
    const days = leaseDays(today, calendar);
    const demand = expectedDemand(this.recentUsage(agencyCode, today));
    const needs = planLeases(days, (day) => this.deps.sequences.status(agencyCode, day).remaining, demand);
    return this.lease(agencyCode, today, needs);
  }

  /**
   * On demand, before a reception: when today has no free number left, lease today's now rather than
   * wait for the next sync pass. Offline this throws, and the emergency block path applies.
   */
  async leaseTodayIfEmpty(): Promise<SequenceBlock[]> {
    const agencyCode = this.deps.agencyCode();
    if (!agencyCode) return [];
    const today = this.deps.today();
    if (this.deps.sequences.status(agencyCode, today).remaining > 0) return [];
    return this.lease(agencyCode, today, [{ day: today, count: expectedDemand(this.recentUsage(agencyCode, today)) }]);
  }

  private async lease(agencyCode: string, today: string, needs: LeaseNeed[]): Promise<SequenceBlock[]> {
    const leased: SequenceBlock[] = [];
    for (const need of needs) {
      const block = await this.deps.gateway.leaseSequenceBlock(need.day, need.count);
      this.deps.transaction(() => {
        this.deps.repository.insertBlock({
          id: this.deps.newId(),
          agencyCode,
          date: block.day,
          first: block.first,
          last: block.last,
          source: 'gateway',
          createdAt: this.deps.now(),
          retiredAt: null,
        });
        this.deps.audit.record({ accountId: null, username: 'sync' }, 'sync.sequenceBlockLeased', agencyCode, {
          day: block.day,
          first: block.first,
          last: block.last,
        });
      });
      leased.push(block);
    }
    if (this.deps.repository.blocksFor(agencyCode, today).some((b) => b.source === 'gateway')) this.retireEmergencyBlocks(agencyCode);
    return leased;
  }

  private recentUsage(agencyCode: string, today: string): number[] {
    const todayNumber = dayNumber(parseIsoDate(today)!);
    const from = formatIsoDate(civilFromDayNumber(todayNumber - HISTORY_DAYS));
    const yesterday = formatIsoDate(civilFromDayNumber(todayNumber - 1));
    return this.deps.repository.dailyUsage(agencyCode, from, yesterday).map((d) => d.used);
  }

  private retireEmergencyBlocks(agencyCode: string): void {
    const emergency = this.deps.repository.allActive(agencyCode).filter((b) => b.source === 'emergency');
    if (emergency.length === 0) return;
    this.deps.transaction(() => {
      for (const block of emergency) {
        this.deps.repository.retire(block.id, this.deps.now());
        this.deps.audit.record({ accountId: null, username: 'sync' }, 'sync.emergencyBlockRetired', agencyCode, {
          date: block.date,
          first: block.first,
          last: block.last,
        });
      }
    });
  }
}
