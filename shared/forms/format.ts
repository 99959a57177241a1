import type { ProcessingDuration } from '../domain/working-time';
import { formatIsoDate, parseClockTime, parseIsoDate, type CivilDate } from '../domain/local-date';
import { AppError } from '../ipc/result';

/**
 * Vietnamese renderings of the values printed on the forms. Inputs are local wall-clock strings
 * (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`, Asia/Ho_Chi_Minh), so no JS Date and no machine time zone is
 * involved; a malformed value throws FORM_DATE_INVALID instead of printing a wrong date on a legal form.
 */

interface LocalMoment {
  date: CivilDate;
  hour: number;
  minute: number;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

function parseLocal(value: string, needTime: boolean): LocalMoment {
  const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(value) : null;
  const date = match ? parseIsoDate(match[1]!) : null;
  const minutes = match?.[2] === undefined ? (needTime ? null : 0) : parseClockTime(match[2]);
  if (!date || minutes === null) throw new AppError('FORM_DATE_INVALID', { value: String(value) });
  return { date, hour: Math.floor(minutes / 60), minute: minutes % 60 };
}

/** `dd/MM/yyyy`. */
export function formatDate(local: string): string {
  const { date } = parseLocal(local, false);
  return `${pad2(date.day)}/${pad2(date.month)}/${String(date.year).padStart(4, '0')}`;
}

/** `dd tháng MM năm yyyy`, for wording that starts a sentence with "Ngày". */
export function formatDayMonthYear(local: string): string {
  const { date } = parseLocal(local, false);
  return `${pad2(date.day)} tháng ${pad2(date.month)} năm ${String(date.year).padStart(4, '0')}`;
}

/** `ngày dd tháng MM năm yyyy`. */
export function formatLongDate(local: string): string {
  return `ngày ${formatDayMonthYear(local)}`;
}

/** `<place>, ngày dd tháng MM năm yyyy` — the date line under the national motto. */
export function formatPlaceDate(place: string, local: string): string {
  return `${place.trim()}, ${formatLongDate(local)}`;
}

/** `HH giờ mm phút`. */
export function formatClock(local: string): string {
  const { hour, minute } = parseLocal(local, true);
  return `${pad2(hour)} giờ ${pad2(minute)} phút`;
}

/** `HH:mm`, where a table column has no room for the words. */
export function formatHourMinute(local: string): string {
  const { hour, minute } = parseLocal(local, true);
  return `${pad2(hour)}:${pad2(minute)}`;
}

/** `HH giờ mm phút, ngày dd/MM/yyyy` — reception and return times on the receipt. */
export function formatTimeAndDate(local: string): string {
  return `${formatClock(local)}, ngày ${formatDate(local)}`;
}

/** `HH giờ mm phút, ngày dd tháng MM năm yyyy` — the hand-over times on the control slip. */
export function formatTimeAndLongDate(local: string): string {
  return `${formatClock(local)}, ${formatLongDate(local)}`;
}

/** The local date part of a local date-time, `YYYY-MM-DD`. */
export function localDateOf(local: string): string {
  return formatIsoDate(parseLocal(local, false).date);
}

/** Vietnam has kept UTC+7 without daylight saving since 1975, so a UTC instant maps by a fixed offset. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** A stored UTC instant (ISO 8601) as local `YYYY-MM-DDTHH:mm` in Asia/Ho_Chi_Minh. */
export function utcToVietnamLocal(instant: string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : Number.NaN;
  if (!Number.isFinite(ms)) throw new AppError('FORM_DATE_INVALID', { value: String(instant) });
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
}

/** Vietnamese number style: `.` between thousands, `,` before decimals (`1.250.000`, `0,5`). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new AppError('FORM_AMOUNT_INVALID', { value: String(value) });
  const negative = value < 0;
  const [whole = '0', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** Money is an integer number of đồng (docs/architecture.md §5): `1.000.000 đồng`. */
export function formatMoney(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new AppError('FORM_AMOUNT_INVALID', { value: String(amount) });
  return `${formatNumber(amount)} đồng`;
}

export const NO_DUE_DATE_TEXT = 'Không có ngày hẹn trả cụ thể theo quy định';

/** What the receipt prints as the time limit of a same-day procedure (docs/domain.md §8.4). */
export const SAME_DAY_TEXT = 'Trong ngày';

const DURATION_UNIT_TEXT: Record<Exclude<ProcessingDuration['unit'], 'none' | 'sameDay'>, string> = {
  workingDays: 'ngày làm việc',
  workingHours: 'giờ làm việc',
  calendarDays: 'ngày',
};

/** The statutory processing time as the catalogue states it (`15 ngày làm việc`). */
export function formatDuration(duration: ProcessingDuration): string {
  if (duration.unit === 'none') return NO_DUE_DATE_TEXT;
  if (duration.unit === 'sameDay') return SAME_DAY_TEXT;
  return `${formatNumber(duration.value)} ${DURATION_UNIT_TEXT[duration.unit]}`;
}

/** The appointment: a time and date, or the legal phrase for procedures without one. */
export function formatDue(dueLocal: string | null): string {
  return dueLocal === null ? NO_DUE_DATE_TEXT : formatTimeAndDate(dueLocal);
}
