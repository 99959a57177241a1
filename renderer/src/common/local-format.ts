import { uiText } from '../../../shared/i18n/vi';

/**
 * Legal dates (birth, due date) travel as local `YYYY-MM-DD` / `YYYY-MM-DDTHH:mm` strings and are
 * shown as written on Vietnamese forms; they are never turned into instants, so the machine's time
 * zone cannot shift them by a day.
 */
export function formatLocalDate(local: string | null): string {
  if (!local) return '';
  const [year, month, day] = local.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

export function formatLocalDateTime(local: string | null): string {
  if (!local) return '';
  return local.length > 10 ? `${formatLocalDate(local)} ${local.slice(11, 16)}` : formatLocalDate(local);
}

const moneyFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export function formatMoney(amount: number): string {
  return amount === 0 ? uiText.reception.free : `${moneyFormat.format(amount)} ${uiText.reception.currency}`;
}

export function formatDuration(duration: { unit: keyof typeof uiText.reception.durationUnits; value: number }): string {
  return uiText.reception.durationUnits[duration.unit].replace('{value}', moneyFormat.format(duration.value));
}
