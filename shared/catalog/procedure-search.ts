import { foldVietnamese } from '../domain/text';

/**
 * Finding a procedure from a few letters typed at the counter: with or without diacritics
 * ("dang ky khai sinh"), by initials ("ĐKKS"), or by code ("1.001193"). Pure and in memory: a
 * province's catalogue is a few thousand rows, so a scan beats an index here.
 */
export interface SearchableProcedure {
  code: string;
  name: string;
  sectorName: string;
}

interface IndexedProcedure<T extends SearchableProcedure> {
  item: T;
  code: string;
  name: string;
  words: string[];
  initials: string;
  sector: string;
}

export interface ProcedureMatch<T> {
  item: T;
  score: number;
}

function initialsOf(words: string[]): string {
  return words.map((w) => w[0] ?? '').join('');
}

function tokenize(folded: string): string[] {
  return folded.split(/[^a-z0-9.]+/).filter(Boolean);
}

export class ProcedureSearchIndex<T extends SearchableProcedure> {
  private readonly entries: IndexedProcedure<T>[];

  constructor(items: readonly T[]) {
    this.entries = items.map((item) => {
      // Catalogues often start every name with "Thủ tục"; nobody types it, so it must not dilute the ranking.
      const name = foldVietnamese(item.name).replace(/^thu tuc\s+/, '');
      const words = tokenize(name);
      return { item, code: item.code.toLowerCase(), name, words, initials: initialsOf(words), sector: foldVietnamese(item.sectorName) };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Ranks by how the query matches: exact code, code prefix, initials, every query word as a word
   * prefix (in order scores higher), then plain substrings of the name or sector.
   */
  search(query: string, limit = 20): ProcedureMatch<T>[] {
    const folded = foldVietnamese(query);
    if (!folded) return [];
    const queryWords = tokenize(folded);
    const compact = folded.replace(/\s+/g, '');
    const matches: ProcedureMatch<T>[] = [];
    for (const entry of this.entries) {
      const score = this.score(entry, folded, compact, queryWords);
      if (score > 0) matches.push({ item: entry.item, score });
    }
    matches.sort((a, b) => b.score - a.score || a.item.name.localeCompare(b.item.name, 'vi'));
    return matches.slice(0, limit);
  }

  private score(entry: IndexedProcedure<T>, folded: string, compact: string, queryWords: string[]): number {
    if (entry.code === compact) return 1000;
    if (compact.length >= 3 && entry.code.startsWith(compact)) return 900;
    if (compact.length >= 2 && !folded.includes(' ')) {
      if (entry.initials === compact) return 850;
      if (entry.initials.startsWith(compact)) return 800 - (entry.initials.length - compact.length);
      if (compact.length >= 3 && entry.initials.includes(compact)) return 700 - (entry.initials.length - compact.length);
    }
    if (queryWords.length > 0 && queryWords.every((q) => entry.words.some((w) => w.startsWith(q)))) {
      const inOrder = entry.name.includes(folded) ? 100 : 0;
      const atStart = entry.name.startsWith(folded) ? 50 : 0;
      // Shorter names first: "Đăng ký khai sinh" before "Đăng ký khai sinh lưu động".
      return 500 + inOrder + atStart - Math.min(entry.words.length, 50);
    }
    if (compact.length >= 3 && entry.code.includes(compact)) return 300;
    if (folded.length >= 3 && entry.sector.includes(folded)) return 100;
    return 0;
  }
}
