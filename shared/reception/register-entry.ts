import type { DossierCodeParts } from '../domain/dossier-code';

/**
 * Where a dossier stands in the register (Sổ theo dõi hồ sơ, docs/domain.md §5.1), as printed on the
 * receipt: "Quyển số <day>, Số thứ tự <n>". It is derived from the dossier code — the book is the day of
 * reception, the number the code's daily sequence — rather than counted at each desk, because every
 * desk of an agency numbers codes from blocks leased from the gateway (docs/domain.md §4): the entry is
 * then unique across the agency's desks, issued offline like the code, and a supervisor finds the row
 * from the number on the receipt. Counting per desk gave two desks the same "Số thứ tự".
 */
export function registerEntryOf(parts: Pick<DossierCodeParts, 'date' | 'sequence'>): { book: string; number: number } {
  const [year, month, day] = parts.date.split('-');
  return { book: `${day}/${month}/${year}`, number: parts.sequence };
}
