import { foldVietnamese } from '../../../shared/domain/text';

/**
 * A Select's search that ignores tones and case, so "nu" finds "Nữ" and "nam" finds "Nam": many
 * counter PCs type without Unikey while filling a form (issue 13 point 2).
 */
export function foldedOptionFilter(input: string, option?: { label?: unknown }): boolean {
  const label = typeof option?.label === 'string' ? option.label : '';
  return foldVietnamese(label).startsWith(foldVietnamese(input.trim()));
}

export const foldedSearch = { filterOption: foldedOptionFilter } as const;
