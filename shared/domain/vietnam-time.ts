/**
 * Vietnam has used UTC+7 without daylight saving since 1975, so local wall-clock time is a fixed
 * offset from the stored UTC instant; no time-zone database (and no machine setting) is involved.
 */
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** `YYYY-MM-DDTHH:mm` in Asia/Ho_Chi_Minh for a UTC instant. */
export function toVietnamLocal(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** The UTC instant of a local `YYYY-MM-DDTHH:mm` (or `YYYY-MM-DD`, taken at midnight). */
export function fromVietnamLocal(local: string): Date {
  const withTime = local.length === 10 ? `${local}T00:00` : local;
  return new Date(Date.parse(`${withTime}:00.000Z`) - OFFSET_MS);
}
