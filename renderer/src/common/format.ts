import { uiText } from '../../../shared/i18n/vi';

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** Counters may run with the OS set to any zone; legal times are always Vietnam's. */
const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function formatDateTime(isoInstant: string): string {
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(new Date(isoInstant)).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

export function formatBytes(bytes: number): string {
  const units = uiText.units.bytes;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${numberFormat.format(value)} ${units[unit]}`;
}
