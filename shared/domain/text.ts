/**
 * Search key for Vietnamese text: officers type procedure and citizen names without diacritics, so
 * both the indexed text and the query are folded the same way. SQLite's `remove_diacritics` is not
 * used because it keeps đ (docs/architecture.md §5).
 */
export function foldVietnamese(text: string): string {
  return (
    text
      // NFD splits every precomposed letter (ễ → e + ̂ + ̃) whether the input arrived NFC or NFD.
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // Đ/đ have no decomposition. Legacy input methods and fonts often put the Icelandic eth (Ð/ð) in
      // their place, which looks identical on screen, so it folds the same way.
      .replace(/[đĐðÐ]/g, 'd')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
  );
}
