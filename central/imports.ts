import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { parseCatalogJson } from '../shared/catalog/parse-catalog';
import { agencyDataSchema, calendarDayDataSchema, staffDataSchema, type ChangeKind } from '../shared/sync/protocol';
import type { CentralDb } from './db/open';
import { appendChange, latestChangeData } from './feed';

/**
 * Province-owned data imported from JSON files (formats in central/README.md). Each item becomes a
 * `central_changes` row that counters pull; an item identical to what the feed already says is
 * skipped, so importing the same file twice sends nothing new.
 */
export const importKinds = ['catalog', 'calendar', 'staff'] as const;
export type ImportKind = (typeof importKinds)[number];

export interface ImportReport {
  changed: number;
  unchanged: number;
  rejected: { item: number; key: string | null; problem: string }[];
}

interface ImportItem {
  kind: ChangeKind;
  key: string;
  agencyCode: string | null;
  data: unknown;
}

const calendarFileSchema = z.object({ version: z.literal(1), days: z.array(z.unknown()).max(10_000) });
const staffFileSchema = z.object({ version: z.literal(1), staff: z.array(z.unknown()).max(100_000) });
const catalogExtrasSchema = z.object({ agencies: z.array(z.unknown()).max(10_000).default([]) });

export class ImportFileError extends Error {}

function fileShape<T>(schema: z.ZodType<T>, value: unknown, kind: ImportKind): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new ImportFileError(
      `not a ${kind} file: ${parsed.error.issues[0]?.path.join('.') || '(file)'}: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

function itemsOf(
  list: unknown[],
  schema: z.ZodType<Record<string, unknown>>,
  toItem: (data: Record<string, unknown>) => ImportItem,
  rejected: ImportReport['rejected'],
  offset = 0,
): ImportItem[] {
  const items: ImportItem[] = [];
  list.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) items.push(toItem(parsed.data));
    else
      rejected.push({
        item: offset + index + 1,
        key: null,
        problem: `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
      });
  });
  return items;
}

/** Reads and checks a file; throws ImportFileError when the file as a whole is not of that kind. */
export function parseImportFile(kind: ImportKind, file: string): { items: ImportItem[]; rejected: ImportReport['rejected'] } {
  // A byte-order mark is legal at the start of a UTF-8 file and fatal to JSON.parse.
  const text = file.replace(/^\uFEFF/, '');
  const rejected: ImportReport['rejected'] = [];
  if (kind === 'catalog') {
    const catalog = parseCatalogJson(text);
    if (!catalog.ok) throw new ImportFileError(`not a catalogue file: ${catalog.error.code}`);
    for (const r of catalog.value.rejected)
      rejected.push({ item: r.row, key: r.code, problem: r.problems.map((p) => `${p.field}: ${p.code}`).join('; ') });
    const procedures: ImportItem[] = catalog.value.procedures.map((p) => ({ kind: 'procedure', key: p.code, agencyCode: null, data: p }));
    const { agencies } = fileShape(catalogExtrasSchema, JSON.parse(text), kind);
    const agencyItems = itemsOf(
      agencies,
      agencyDataSchema,
      (a) => ({ kind: 'agency', key: String(a.code), agencyCode: null, data: a }),
      rejected,
    );
    return { items: [...procedures, ...agencyItems], rejected };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportFileError(`not a ${kind} file: invalid JSON`);
  }
  if (kind === 'calendar') {
    const { days } = fileShape(calendarFileSchema, json, kind);
    return {
      items: itemsOf(
        days,
        calendarDayDataSchema,
        (d) => ({ kind: 'calendarDay', key: String(d.date), agencyCode: null, data: d }),
        rejected,
      ),
      rejected,
    };
  }
  const { staff } = fileShape(staffFileSchema, json, kind);
  // Staff accounts belong to one agency: only that agency's counters pull them.
  return {
    items: itemsOf(
      staff,
      staffDataSchema,
      (s) => ({ kind: 'staff', key: String(s.username), agencyCode: String(s.agencyCode), data: s }),
      rejected,
    ),
    rejected,
  };
}

export async function importFile(db: CentralDb, kind: ImportKind, text: string): Promise<ImportReport> {
  const { items, rejected } = parseImportFile(kind, text);
  let changed = 0;
  await db.transaction(async (tx) => {
    for (const item of items) {
      if (isDeepStrictEqual(await latestChangeData(tx, item.kind, item.key, item.agencyCode), item.data)) continue;
      await appendChange(tx, item);
      changed += 1;
    }
  });
  return { changed, unchanged: items.length - changed, rejected };
}
