import type { CalendarRepository } from '../../../db/repositories/calendar-repository';
import type { SettingsRepository } from '../../../db/repositories/settings-repository';
import { dayNumber, civilFromDayNumber, formatIsoDate, parseIsoDate, weekdayOf } from '../../../shared/domain/local-date';
import {
  defaultCalendar,
  validateCalendar,
  type WorkingCalendar,
  type WorkingSession,
  type Weekday,
} from '../../../shared/domain/working-time';
import { AppError } from '../../../shared/ipc/result';
import type { Clock } from '../platform/clock';
import type { AuditActor, AuditService } from '../audit/audit-service';

const SESSIONS_KEY = 'calendar.sessions';
const RECEPTION_SESSIONS_KEY = 'calendar.receptionSessions';

export interface CalendarDay {
  date: string;
  kind: 'dayOff' | 'workingDay';
  name: string;
}

export interface HolidaySuggestion extends CalendarDay {
  /** Why it is suggested; the admin confirms each against the year's official notice. */
  basis: 'solar' | 'lunar' | 'compensatory';
}

function requireDate(value: string): string {
  const parsed = parseIsoDate(value);
  if (!parsed) throw new AppError('CALENDAR_DAY_INVALID', { value });
  return formatIsoDate(parsed);
}

function addDays(date: string, days: number): string {
  return formatIsoDate(civilFromDayNumber(dayNumber(parseIsoDate(date)!) + days));
}

function toIso({ year, month, day }: { year: number; month: number; day: number }): string {
  return formatIsoDate({ year, month, day });
}

/**
 * The agency's working calendar (docs/domain.md §8): weekly sessions plus administrator-maintained
 * days off and swapped working days. Lunar holidays are only *suggested* from date-chinese's
 * Vietnamese calendar (UTC+7, MIT); the official notice decides.
 */
export class CalendarService {
  constructor(
    private readonly days: CalendarRepository,
    private readonly settings: SettingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transaction: <T>(work: () => T) => T,
  ) {}

  sessions(): Record<Weekday, WorkingSession[]> {
    const stored = this.settings.get(SESSIONS_KEY) as Record<Weekday, WorkingSession[]> | undefined;
    return stored ?? defaultCalendar().sessions;
  }

  /**
   * When the counter is open to the public. Kept apart from the counting hours above (docs/domain.md
   * §8.3): a counter that opens on Saturday mornings receives then, but counting still starts at the
   * next working session, so opening longer never shortens a due date. The counting hours until set.
   */
  receptionSessions(): Record<Weekday, WorkingSession[]> {
    const stored = this.settings.get(RECEPTION_SESSIONS_KEY) as Record<Weekday, WorkingSession[]> | undefined;
    return stored ?? this.sessions();
  }

  setReceptionSessions(actor: AuditActor, sessions: Record<Weekday, WorkingSession[]>): void {
    this.checked({ ...this.calendar(), sessions });
    this.transaction(() => {
      this.settings.set(RECEPTION_SESSIONS_KEY, sessions, this.clock.now().toISOString());
      this.audit.record(actor, 'admin.calendarChanged', 'receptionSessions', { sessions });
    });
  }

  /** The calendar due dates are counted on: the counting hours only, never the reception hours. */
  calendar(): WorkingCalendar {
    const rows = this.days.all();
    return {
      sessions: this.sessions(),
      holidays: rows.filter((r) => r.kind === 'dayOff').map((r) => r.date),
      workingDays: rows.filter((r) => r.kind === 'workingDay').map((r) => r.date),
    };
  }

  year(year: number): {
    days: CalendarDay[];
    sessions: Record<Weekday, WorkingSession[]>;
    receptionSessions: Record<Weekday, WorkingSession[]>;
  } {
    if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new AppError('CALENDAR_YEAR_INVALID', { value: year });
    const days = this.days.between(`${year}-01-01`, `${year}-12-31`).map(({ date, kind, name }) => ({ date, kind, name }));
    return { days, sessions: this.sessions(), receptionSessions: this.receptionSessions() };
  }

  private checked(calendar: WorkingCalendar): void {
    const problems = validateCalendar(calendar);
    if (problems.length > 0) {
      throw new AppError('WORKING_TIME_CALENDAR_INVALID', { details: problems.map((p) => p.message).join(' ') });
    }
  }

  setSessions(actor: AuditActor, sessions: Record<Weekday, WorkingSession[]>): void {
    this.checked({ ...this.calendar(), sessions });
    this.transaction(() => {
      this.settings.set(SESSIONS_KEY, sessions, this.clock.now().toISOString());
      this.audit.record(actor, 'admin.calendarChanged', 'sessions', { sessions });
    });
  }

  setDay(actor: AuditActor, day: CalendarDay): void {
    const date = requireDate(day.date);
    const name = day.name.normalize('NFC').trim().slice(0, 200);
    this.transaction(() => {
      this.days.upsert({ date, kind: day.kind, name, updatedAt: this.clock.now().toISOString() });
      this.checked(this.calendar());
      this.audit.record(actor, 'admin.calendarChanged', date, { kind: day.kind, name });
    });
  }

  removeDay(actor: AuditActor, date: string): void {
    const valid = requireDate(date);
    this.transaction(() => {
      if (this.days.remove(valid)) this.audit.record(actor, 'admin.calendarChanged', valid, { removed: true });
    });
  }

  /**
   * The public holidays of a year as suggestions: the fixed solar days, Tết (the last day of the
   * old lunar year and the first four of the new — the split is decided yearly), Giỗ Tổ 10/3 lunar,
   * and a compensatory day after any holiday falling on a weekend.
   */
  async suggestHolidays(year: number): Promise<HolidaySuggestion[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new AppError('CALENDAR_YEAR_INVALID', { value: year });
    // Only the yearly suggestion needs the lunar calendar: loaded then, not with the core.
    const { CalendarVietnamese } = await import('date-chinese');
    const lunar = new CalendarVietnamese();
    lunar.fromJDE(lunar.newYear(year));
    const [cycle, lunarYear] = lunar.get();
    const tet = toIso(lunar.toGregorian());
    lunar.set(cycle, lunarYear, 3, false, 10);
    const gioTo = toIso(lunar.toGregorian());

    const holidays: HolidaySuggestion[] = [
      { date: `${year}-01-01`, kind: 'dayOff', name: 'Tết Dương lịch', basis: 'solar' },
      { date: addDays(tet, -1), kind: 'dayOff', name: 'Tết Âm lịch (ngày cuối năm cũ)', basis: 'lunar' },
      ...[0, 1, 2, 3].map((i) => ({
        date: addDays(tet, i),
        kind: 'dayOff' as const,
        name: `Tết Âm lịch (mùng ${i + 1})`,
        basis: 'lunar' as const,
      })),
      { date: gioTo, kind: 'dayOff', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', basis: 'lunar' },
      { date: `${year}-04-30`, kind: 'dayOff', name: 'Ngày Chiến thắng', basis: 'solar' },
      { date: `${year}-05-01`, kind: 'dayOff', name: 'Ngày Quốc tế Lao động', basis: 'solar' },
      { date: `${year}-09-02`, kind: 'dayOff', name: 'Quốc khánh', basis: 'solar' },
      { date: `${year}-09-01`, kind: 'dayOff', name: 'Quốc khánh (ngày liền kề; có thể là 03/9 theo thông báo hằng năm)', basis: 'solar' },
    ];
    if (year >= 2026)
      holidays.push({ date: `${year}-11-24`, kind: 'dayOff', name: 'Ngày Văn hóa Việt Nam (chưa xác nhận)', basis: 'solar' });

    const taken = new Set(holidays.map((h) => h.date));
    const compensatory: HolidaySuggestion[] = [];
    for (const holiday of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
      const weekday = weekdayOf(dayNumber(parseIsoDate(holiday.date)!));
      if (weekday !== 0 && weekday !== 6) continue;
      let next = addDays(holiday.date, 1);
      while (taken.has(next) || [0, 6].includes(weekdayOf(dayNumber(parseIsoDate(next)!)))) next = addDays(next, 1);
      taken.add(next);
      compensatory.push({ date: next, kind: 'dayOff', name: `Nghỉ bù ${holiday.name}`, basis: 'compensatory' });
    }
    return [...holidays, ...compensatory].sort((a, b) => a.date.localeCompare(b.date));
  }
}
