/**
 * Reads the procedure catalogue from the spreadsheet layout provinces publish and site IT fill in
 * (docs/catalog-import.md, Vietnamese then English). The same layout is written by
 * write-catalog-xlsx.ts, so an exported catalogue is a ready template.
 *
 * Sheet "Thủ tục" — one row per procedure:
 *   STT | Mã TTHC* | Tên thủ tục hành chính* | Mã lĩnh vực | Lĩnh vực* | Cấp thực hiện* (Tỉnh/Xã/Huyện)
 *   | Thời hạn giải quyết* (a number; empty when the unit is "Không quy định")
 *   | Đơn vị thời hạn* (Ngày làm việc/Giờ làm việc/Ngày/Không quy định)
 *   | Phí (đồng) | Tên phí | Lệ phí (đồng) | Tên lệ phí | Mã kết quả | Mã chưa đối chiếu (Có/Không)
 * Sheet "Thành phần hồ sơ" — one row per component, in checklist order:
 *   STT | Mã TTHC* | Mã thành phần* | Tên thành phần* | Bắt buộc* (Có/Không) | Bản chính | Bản sao
 *   | Mẫu đơn/tờ khai
 * Sheet "Phí, lệ phí" (optional) — for procedures with more than one phí or lệ phí, which the two
 *   columns of "Thủ tục" cannot hold:
 *   Mã TTHC* | Loại* (Phí/Lệ phí) | Tên phí, lệ phí* | Mức thu (đồng)*
 * (* = the column must exist.)
 *
 * Sheet and column names match without regard to case, diacritics or a bracketed hint, so
 * "Ma TTHC", "MÃ TTHC" and "Phí (đồng)" all work; the header row may sit below title rows; other
 * columns and blank rows are ignored. Amounts may be written 200000, 200.000, 200,000 or
 * "200.000 đồng"; "Miễn" means 0. Merged cells count for every row they cover. Every row is then
 * validated by the shared `validateCatalog`, exactly as a JSON import is.
 */
import type ExcelJS from 'exceljs';
import {
  catalogProblem,
  isSameDayWord,
  MAX_CATALOG_PROCEDURES,
  shownValue,
  validateCatalog,
  type CatalogCandidate,
  type CatalogImport,
  type CatalogProblem,
  type CatalogRejection,
  type FieldPath,
} from '../../../shared/catalog/parse-catalog';
import type { agencyLevels, durationUnits, feeKinds } from '../../../shared/catalog/procedure';
import { foldVietnamese } from '../../../shared/domain/text';
import { catalogFieldLabels, formatMessage, type ErrorCode } from '../../../shared/i18n/vi';
import { fail, ok, type Result } from '../../../shared/ipc/result';
import { checkZipInflatedSize } from './zip-inflated-size';

type AgencyLevel = (typeof agencyLevels)[number];
type DurationUnit = (typeof durationUnits)[number];
type FeeKind = (typeof feeKinds)[number];

export const CATALOG_SHEETS = {
  procedures: 'Thủ tục',
  components: 'Thành phần hồ sơ',
  fees: 'Phí, lệ phí',
} as const;

/** A full provincial catalogue is a few MB; the limits leave room and stop a zip bomb before it inflates. */
export const MAX_XLSX_BYTES = 25 * 1024 * 1024;
// A national catalogue of a few thousand procedures is a few MB of XML; exceljs holds several times that in objects.
export const MAX_XLSX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
export const MAX_COMPONENT_ROWS = 40_000;
export const MAX_FEE_ROWS = 20_000;
/** Title lines above the header row ("DANH MỤC THỦ TỤC HÀNH CHÍNH …") are common in published sheets. */
export const HEADER_SEARCH_ROWS = 10;

export interface ColumnSpec {
  /** As written by the exporter; a bracketed tail is a hint, not part of the name. */
  header: string;
  /** Folded spellings accepted on import (see `headerKey`). */
  aliases: readonly string[];
  mustExist: boolean;
  width: number;
}

const column = (header: string, aliases: string[], mustExist: boolean, width: number): ColumnSpec => ({
  header,
  aliases: [headerKey(header), ...aliases],
  mustExist,
  width,
});

export const PROCEDURE_COLUMNS = {
  index: column('STT', ['so thu tu', 'tt'], false, 6),
  code: column('Mã TTHC', ['ma thu tuc', 'ma thu tuc hanh chinh', 'ma so thu tuc', 'ma tthc'], true, 26),
  name: column('Tên thủ tục hành chính', ['ten thu tuc', 'ten tthc', 'thu tuc hanh chinh'], true, 60),
  sectorCode: column('Mã lĩnh vực', [], false, 14),
  sectorName: column('Lĩnh vực', ['ten linh vuc'], true, 28),
  level: column('Cấp thực hiện (Tỉnh/Xã/Huyện)', ['cap', 'cap giai quyet'], true, 14),
  durationValue: column('Thời hạn giải quyết', ['thoi han', 'thoi gian giai quyet'], true, 12),
  durationUnit: column(
    'Đơn vị thời hạn (Ngày làm việc/Giờ làm việc/Ngày/Trong ngày/Không quy định)',
    ['don vi thoi gian', 'don vi tinh thoi han', 'don vi tinh'],
    true,
    18,
  ),
  durationCutoff: column('Giờ chốt trong ngày (giờ:phút)', ['gio chot', 'gio chot tiep nhan'], false, 12),
  phi: column('Phí (đồng)', ['muc phi'], false, 12),
  phiName: column('Tên phí', [], false, 30),
  lePhi: column('Lệ phí (đồng)', ['muc le phi'], false, 12),
  lePhiName: column('Tên lệ phí', [], false, 30),
  resultCode: column('Mã kết quả', ['ma ket qua chinh'], false, 16),
  sample: column('Mã chưa đối chiếu (Có/Không)', ['ma mau'], false, 14),
} as const;

export const COMPONENT_COLUMNS = {
  index: column('STT', ['so thu tu', 'tt'], false, 6),
  procedureCode: column('Mã TTHC', ['ma thu tuc', 'ma thu tuc hanh chinh', 'ma so thu tuc'], true, 26),
  code: column('Mã thành phần', ['ma thanh phan ho so', 'ma giay to'], true, 14),
  name: column('Tên thành phần', ['ten thanh phan ho so', 'ten giay to', 'thanh phan ho so'], true, 70),
  required: column('Bắt buộc (Có/Không)', [], true, 10),
  originals: column('Bản chính', ['so ban chinh'], false, 10),
  copies: column('Bản sao', ['so ban sao'], false, 10),
  formTemplate: column('Mẫu đơn/tờ khai', ['mau to khai', 'mau don', 'bieu mau', 'mau don to khai'], false, 40),
} as const;

export const FEE_COLUMNS = {
  procedureCode: column('Mã TTHC', ['ma thu tuc', 'ma thu tuc hanh chinh', 'ma so thu tuc'], true, 26),
  kind: column('Loại (Phí/Lệ phí)', ['loai phi'], true, 12),
  name: column('Tên phí, lệ phí', ['ten khoan thu', 'ten phi', 'ten le phi'], true, 60),
  amount: column('Mức thu (đồng)', ['so tien', 'muc phi'], true, 14),
} as const;

/** The words written into cells, and read back. */
export const LEVEL_WORDS: Record<AgencyLevel, string> = { province: 'Tỉnh', commune: 'Xã', district: 'Huyện' };
export const UNIT_WORDS: Record<DurationUnit, string> = {
  workingDays: 'Ngày làm việc',
  workingHours: 'Giờ làm việc',
  calendarDays: 'Ngày',
  sameDay: 'Trong ngày',
  none: 'Không quy định',
};
export const FEE_KIND_WORDS: Record<FeeKind, string> = { phi: 'Phí', lePhi: 'Lệ phí' };
export const YES_WORD = 'Có';
export const NO_WORD = 'Không';

const LEVEL_ALIASES: Record<string, AgencyLevel> = {
  tinh: 'province',
  'cap tinh': 'province',
  province: 'province',
  xa: 'commune',
  'cap xa': 'commune',
  phuong: 'commune',
  'xa phuong': 'commune',
  'dac khu': 'commune',
  commune: 'commune',
  huyen: 'district',
  'cap huyen': 'district',
  district: 'district',
};
const UNIT_ALIASES: Record<string, DurationUnit> = {
  'ngay lam viec': 'workingDays',
  'gio lam viec': 'workingHours',
  gio: 'workingHours',
  ngay: 'calendarDays',
  'ngay lich': 'calendarDays',
  'trong ngay': 'sameDay',
  'trong ngay lam viec': 'sameDay',
  'giai quyet trong ngay': 'sameDay',
  sameday: 'sameDay',
  'khong quy dinh': 'none',
  'khong thoi han': 'none',
  khong: 'none',
  workingdays: 'workingDays',
  workinghours: 'workingHours',
  calendardays: 'calendarDays',
  none: 'none',
};
const FEE_KIND_ALIASES: Record<string, FeeKind> = { phi: 'phi', 'le phi': 'lePhi', lephi: 'lePhi' };
const YES = new Set(['co', 'x', 'yes', 'true', '1', 'bat buoc']);
const NO = new Set(['khong', 'no', 'false', '0', 'khong bat buoc']);
const FREE = new Set(['mien', 'mien phi', 'mien le phi', 'khong thu', 'khong thu phi', 'khong thu le phi']);

/** Sheet names, headers and vocabulary compare folded, with bracketed hints and punctuation dropped. */
export function headerKey(text: string): string {
  return foldVietnamese(text)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const shortName = (spec: ColumnSpec): string => spec.header.replace(/\s*\(.*\)\s*$/, '');
const optionList = (words: Record<string, string>): string =>
  Object.values(words)
    .map((w) => `“${w}”`)
    .join(', ');

type Scalar = string | number | null;

function scalar(value: ExcelJS.CellValue): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value.normalize('NFC').trim() || null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Excel stores a time-only cell (a cut-off such as 15:00) as a time on its epoch day, 1899-12-30.
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.startsWith('1899-12-30') ? iso.slice(11, 16) : iso.slice(0, 10);
  }
  if ('richText' in value) return scalar(value.richText.map((part) => part.text).join(''));
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? null : scalar(value.result);
  if ('text' in value) return scalar(value.text);
  return null;
}

type ColumnMap<K extends string> = Record<K, number | undefined>;

interface SheetRow<K extends string> {
  row: number;
  cells: Record<K, Scalar>;
}

function readCell(row: ExcelJS.Row, col: number | undefined): { value: Scalar; ownValue: boolean } {
  if (col === undefined) return { value: null, ownValue: false };
  const cell = row.getCell(col);
  const value = scalar(cell.value);
  // A merged range shows its value on every row it covers, but a row that only lies under a
  // vertically merged cell ("Mã TTHC" spanning a procedure's components) holds nothing of its own.
  const ownValue = value !== null && (!cell.isMerged || cell.master.address === cell.address);
  return { value, ownValue };
}

type SheetProblem = { ok: false; code: ErrorCode; params: Record<string, string | number> };

function findHeader<K extends string>(
  sheet: ExcelJS.Worksheet,
  columns: Record<K, ColumnSpec>,
): { ok: true; headerRow: number; map: ColumnMap<K> } | SheetProblem {
  const keys = Object.keys(columns) as K[];
  let best: { headerRow: number; map: ColumnMap<K>; found: number } | null = null;
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); r++) {
    const row = sheet.getRow(r);
    const map = {} as ColumnMap<K>;
    let found = 0;
    row.eachCell((cell, col) => {
      const text = scalar(cell.value);
      if (typeof text !== 'string') return;
      const key = headerKey(text);
      const match = keys.find((k) => map[k] === undefined && columns[k].aliases.includes(key));
      if (match !== undefined) {
        map[match] = col;
        found++;
      }
    });
    if (!best || found > best.found) best = { headerRow: r, map, found };
  }
  const missing = keys.filter((k) => columns[k].mustExist && best?.map[k] === undefined);
  if (!best || missing.length > 0) {
    return {
      ok: false,
      code: 'CATALOG_XLSX_COLUMNS_MISSING',
      params: {
        sheet: sheet.name,
        columns: missing.map((k) => `“${shortName(columns[k])}”`).join(', '),
        rows: HEADER_SEARCH_ROWS,
      },
    };
  }
  return { ok: true, headerRow: best.headerRow, map: best.map };
}

function readSheet<K extends string>(
  sheet: ExcelJS.Worksheet,
  columns: Record<K, ColumnSpec>,
  maxRows: number,
): { ok: true; rows: SheetRow<K>[] } | SheetProblem {
  if (sheet.actualRowCount - 1 > maxRows) {
    return { ok: false, code: 'CATALOG_XLSX_TOO_MANY_ROWS', params: { sheet: sheet.name, rows: sheet.actualRowCount, max: maxRows } };
  }
  const header = findHeader(sheet, columns);
  if (!header.ok) return header;
  const keys = Object.keys(columns) as K[];
  const rows: SheetRow<K>[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber <= header.headerRow) return;
    const cells = {} as Record<K, Scalar>;
    let hasOwnValue = false;
    for (const key of keys) {
      if (key === 'index') continue;
      const { value, ownValue } = readCell(row, header.map[key]);
      cells[key] = value;
      hasOwnValue ||= ownValue;
    }
    if (hasOwnValue) rows.push({ row: rowNumber, cells });
  });
  return { ok: true, rows };
}

const text = (value: Scalar): string | undefined => (value === null ? undefined : String(value));

type NumberRead = { value: number | undefined } | { invalid: string };

function readAmount(value: Scalar): NumberRead {
  if (value === null) return { value: undefined };
  if (typeof value === 'number') return { value };
  const folded = foldVietnamese(value);
  if (FREE.has(folded)) return { value: 0 };
  const bare = folded.replace(/\s*(dong|vnd|d)\.?$/, '').replace(/\s+/g, '');
  const sign = bare.startsWith('-') ? -1 : 1;
  const digits = bare.replace(/^-/, '');
  // Thousands grouped with dots (Vietnamese) or commas (English-locale Excel), with an optional
  // all-zero decimal tail from an export such as "200.000,00".
  const grouped = /^(\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*)(?:[.,]0+)?$/.exec(digits);
  if (grouped?.[1] && grouped[2]) return { value: sign * Number(grouped[1].split(grouped[2]).join('')) };
  const plain = /^(\d+)(?:[.,]0+)?$/.exec(digits);
  if (plain?.[1]) return { value: sign * Number(plain[1]) };
  return { invalid: value };
}

function readDecimal(value: Scalar): NumberRead {
  if (value === null) return { value: undefined };
  if (typeof value === 'number') return { value };
  const normal = value.replace(/\s+/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normal) ? { value: Number(normal) } : { invalid: value };
}

/** A cut-off as Excel gives it: `15:00`, `15h`, `15 giờ 30`, or a day fraction (0.625). */
function readClockTime(value: Scalar): string | undefined {
  if (value === null) return undefined;
  if (typeof value === 'number') {
    if (value < 0 || value >= 1) return String(value);
    const minutes = Math.round(value * 24 * 60);
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }
  const match = /^(\d{1,2})\s*(?::|h|g|gio)\s*(\d{2})?\s*(?:phut)?$/.exec(foldVietnamese(value).trim());
  if (!match) return value;
  return `${match[1]!.padStart(2, '0')}:${match[2] ?? '00'}`;
}

function readYesNo(value: Scalar): { value: boolean | undefined } | { invalid: string } {
  if (value === null) return { value: undefined };
  const key = headerKey(String(value));
  if (YES.has(key)) return { value: true };
  if (NO.has(key)) return { value: false };
  return { invalid: String(value) };
}

function readWord<T>(value: Scalar, aliases: Record<string, T>): { value: T | undefined } | { invalid: string } {
  if (value === null) return { value: undefined };
  const key = headerKey(String(value));
  const found = Object.prototype.hasOwnProperty.call(aliases, key) ? aliases[key] : undefined;
  return found === undefined ? { invalid: String(value) } : { value: found };
}

interface Located {
  sheet: string;
  row: number;
}

interface FeeSource extends Located {
  /** Column fees live in the procedure row; their name and amount sit in kind-specific columns. */
  fromColumns: FeeKind | null;
}

interface Draft {
  row: number;
  value: {
    code?: string;
    name?: string;
    sectorCode?: string;
    sectorName?: string;
    level?: AgencyLevel;
    duration: { unit?: DurationUnit; value?: number; cutoff?: string };
    fees: { kind?: FeeKind; name?: string; amount?: number }[];
    components: Record<string, unknown>[];
    resultCode?: string | null;
    sample?: boolean;
  };
  problems: CatalogProblem[];
  componentRows: Located[];
  feeSources: FeeSource[];
  feeSheetRows: number;
}

function located(name: string, where: Located): string {
  return `${name} (${formatMessage(catalogFieldLabels.sheetRow, { sheet: where.sheet, row: where.row })})`;
}

function labelFor(draft: Draft): (path: FieldPath) => string {
  return (path) => {
    const [top, index, key] = path;
    if (top === 'components') {
      const where = typeof index === 'number' ? draft.componentRows[index] : undefined;
      if (!where) return CATALOG_SHEETS.components;
      const spec = typeof key === 'string' ? COMPONENT_COLUMNS[key as keyof typeof COMPONENT_COLUMNS] : undefined;
      return located(spec ? shortName(spec) : CATALOG_SHEETS.components, where);
    }
    if (top === 'fees') {
      const source = typeof index === 'number' ? draft.feeSources[index] : undefined;
      if (!source) return catalogFieldLabels.fees;
      if (source.fromColumns) {
        const kind = source.fromColumns;
        const spec = key === 'name' ? PROCEDURE_COLUMNS[kind === 'phi' ? 'phiName' : 'lePhiName'] : PROCEDURE_COLUMNS[kind];
        return shortName(spec);
      }
      const spec = typeof key === 'string' ? FEE_COLUMNS[key as keyof typeof FEE_COLUMNS] : undefined;
      return located(spec ? shortName(spec) : CATALOG_SHEETS.fees, source);
    }
    if (top === 'duration') {
      const spec = { unit: PROCEDURE_COLUMNS.durationUnit, cutoff: PROCEDURE_COLUMNS.durationCutoff }[String(index)];
      return shortName(spec ?? PROCEDURE_COLUMNS.durationValue);
    }
    const spec = typeof top === 'string' ? PROCEDURE_COLUMNS[top as keyof typeof PROCEDURE_COLUMNS] : undefined;
    return spec ? shortName(spec) : catalogFieldLabels.procedure;
  };
}

function procedureDraft(source: SheetRow<keyof typeof PROCEDURE_COLUMNS>): Draft {
  const { cells } = source;
  const draft: Draft = {
    row: source.row,
    value: { duration: {}, fees: [], components: [] },
    problems: [],
    componentRows: [],
    feeSources: [],
    feeSheetRows: 0,
  };
  const label = labelFor(draft);
  const problem = (path: FieldPath, code: ErrorCode, params: Record<string, string | number>) =>
    draft.problems.push(catalogProblem(path, code, { field: label(path), ...params }));
  const v = draft.value;
  v.code = text(cells.code);
  v.name = text(cells.name);
  v.sectorCode = text(cells.sectorCode);
  v.sectorName = text(cells.sectorName);
  v.resultCode = text(cells.resultCode) ?? null;

  const level = readWord(cells.level, LEVEL_ALIASES);
  if ('invalid' in level) {
    problem(['level'], 'CATALOG_FIELD_NOT_ALLOWED', { value: shownValue(level.invalid), options: optionList(LEVEL_WORDS) });
  } else v.level = level.value;

  const unit = readWord(cells.durationUnit, UNIT_ALIASES);
  if ('invalid' in unit) {
    problem(['duration', 'unit'], 'CATALOG_FIELD_NOT_ALLOWED', { value: shownValue(unit.invalid), options: optionList(UNIT_WORDS) });
  } else v.duration.unit = unit.value;
  // Catalogues often write "Trong ngày" in the limit column itself (docs/domain.md §8.4).
  const sameDayInValue = isSameDayWord(cells.durationValue);
  if (sameDayInValue && (v.duration.unit === undefined || v.duration.unit === 'sameDay')) v.duration.unit = 'sameDay';
  const duration = sameDayInValue ? { value: 0 } : readDecimal(cells.durationValue);
  if ('invalid' in duration) {
    problem(['duration', 'value'], 'CATALOG_XLSX_NOT_A_NUMBER', { value: shownValue(duration.invalid) });
  } else {
    v.duration.value = duration.value ?? (v.duration.unit === 'none' || v.duration.unit === 'sameDay' ? 0 : undefined);
  }
  const cutoff = readClockTime(cells.durationCutoff);
  if (cutoff !== undefined) v.duration.cutoff = cutoff;

  for (const kind of ['phi', 'lePhi'] as const) {
    const amountCell = cells[kind];
    const nameCell = cells[kind === 'phi' ? 'phiName' : 'lePhiName'];
    if (amountCell === null && nameCell === null) continue;
    const index = v.fees.length;
    draft.feeSources.push({ sheet: CATALOG_SHEETS.procedures, row: source.row, fromColumns: kind });
    const amount = readAmount(amountCell);
    if ('invalid' in amount) problem(['fees', index, 'amount'], 'CATALOG_XLSX_NOT_A_NUMBER', { value: shownValue(amount.invalid) });
    v.fees.push({ kind, name: text(nameCell) ?? FEE_KIND_WORDS[kind], amount: 'invalid' in amount ? undefined : amount.value });
  }

  const sample = readYesNo(cells.sample);
  if ('invalid' in sample) problem(['sample'], 'CATALOG_XLSX_NOT_YES_NO', { value: shownValue(sample.invalid) });
  else v.sample = sample.value ?? false;
  return draft;
}

function addComponent(draft: Draft, source: SheetRow<keyof typeof COMPONENT_COLUMNS>): void {
  const { cells } = source;
  const index = draft.value.components.length;
  draft.componentRows.push({ sheet: CATALOG_SHEETS.components, row: source.row });
  const label = labelFor(draft);
  const component: Record<string, unknown> = {
    code: text(cells.code),
    name: text(cells.name),
    formTemplate: text(cells.formTemplate) ?? null,
  };
  const required = readYesNo(cells.required);
  if ('invalid' in required) {
    const path = ['components', index, 'required'];
    draft.problems.push(catalogProblem(path, 'CATALOG_XLSX_NOT_YES_NO', { field: label(path), value: shownValue(required.invalid) }));
  } else component.required = required.value;
  for (const key of ['originals', 'copies'] as const) {
    const count = readDecimal(cells[key]);
    if ('invalid' in count) {
      const path = ['components', index, key];
      draft.problems.push(catalogProblem(path, 'CATALOG_XLSX_NOT_A_NUMBER', { field: label(path), value: shownValue(count.invalid) }));
    } else if (count.value !== undefined) component[key] = count.value;
  }
  draft.value.components.push(component);
}

function addSheetFee(draft: Draft, source: SheetRow<keyof typeof FEE_COLUMNS>): void {
  const { cells } = source;
  const index = draft.value.fees.length;
  draft.feeSources.push({ sheet: CATALOG_SHEETS.fees, row: source.row, fromColumns: null });
  draft.feeSheetRows++;
  const label = labelFor(draft);
  const fee: Draft['value']['fees'][number] = { name: text(cells.name) };
  const kind = readWord(cells.kind, FEE_KIND_ALIASES);
  if ('invalid' in kind) {
    const path = ['fees', index, 'kind'];
    draft.problems.push(
      catalogProblem(path, 'CATALOG_FIELD_NOT_ALLOWED', {
        field: label(path),
        value: shownValue(kind.invalid),
        options: optionList(FEE_KIND_WORDS),
      }),
    );
  } else fee.kind = kind.value;
  const amount = readAmount(cells.amount);
  if ('invalid' in amount) {
    const path = ['fees', index, 'amount'];
    draft.problems.push(catalogProblem(path, 'CATALOG_XLSX_NOT_A_NUMBER', { field: label(path), value: shownValue(amount.invalid) }));
  } else fee.amount = amount.value;
  draft.value.fees.push(fee);
}

const codeKey = (code: Scalar): string | null => (code === null ? null : String(code).normalize('NFC').trim().toUpperCase() || null);

function unattached(sheet: string, source: SheetRow<'procedureCode'>): CatalogRejection {
  const code = text(source.cells.procedureCode) ?? null;
  const problem =
    code === null
      ? catalogProblem(['code'], 'CATALOG_FIELD_REQUIRED', { field: shortName(COMPONENT_COLUMNS.procedureCode) })
      : catalogProblem(['code'], 'CATALOG_XLSX_UNKNOWN_PROCEDURE', {
          code: shownValue(code),
          procedureSheet: CATALOG_SHEETS.procedures,
        });
  return { sheet, row: source.row, code: code === null ? null : shownValue(code), problems: [problem] };
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Rounded up, so a file just over the limit never reads as exactly the limit. */
const megabytes = (bytes: number): string => `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toString().replace('.', ',')} MB`;

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((sheet) => headerKey(sheet.name) === headerKey(name));
}

/** Reads a catalogue workbook. Never throws: a file that cannot be read at all is one coded error. */
export async function readCatalogXlsx(bytes: Uint8Array): Promise<Result<CatalogImport>> {
  if (bytes.byteLength === 0) return fail('CATALOG_EMPTY_FILE');
  if (bytes.byteLength > MAX_XLSX_BYTES) {
    return fail('CATALOG_TOO_LARGE', { size: megabytes(bytes.byteLength), max: megabytes(MAX_XLSX_BYTES) });
  }
  if (OLE_SIGNATURE.every((byte, i) => bytes[i] === byte)) return fail('CATALOG_XLSX_LEGACY_XLS');
  const zip = await checkZipInflatedSize(bytes, MAX_XLSX_UNCOMPRESSED_BYTES);
  if (zip === 'notZip') return fail('CATALOG_XLSX_NOT_XLSX');
  if (zip === 'tooLarge') return fail('CATALOG_XLSX_TOO_LARGE_UNPACKED', { max: megabytes(MAX_XLSX_UNCOMPRESSED_BYTES) });
  if (zip === 'unreadable') return fail('CATALOG_XLSX_UNREADABLE');

  // exceljs takes seconds to import: it comes with the first workbook, not with the core.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    // exceljs declares its own global `Buffer` extending ArrayBuffer, which merges with Node's into a
    // type no real value has; at run time it takes any Node Buffer.
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(input as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return fail('CATALOG_XLSX_UNREADABLE');
  }

  const procedureSheet = findSheet(workbook, CATALOG_SHEETS.procedures);
  const componentSheet = findSheet(workbook, CATALOG_SHEETS.components);
  const feeSheet = findSheet(workbook, CATALOG_SHEETS.fees);
  if (!procedureSheet || !componentSheet) {
    return fail('CATALOG_XLSX_SHEET_MISSING', {
      sheet: procedureSheet ? CATALOG_SHEETS.components : CATALOG_SHEETS.procedures,
      found: workbook.worksheets.map((sheet) => `“${sheet.name}”`).join(', ') || '—',
    });
  }

  const procedureRows = readSheet(procedureSheet, PROCEDURE_COLUMNS, MAX_CATALOG_PROCEDURES);
  if (!procedureRows.ok) return fail(procedureRows.code, procedureRows.params);
  const componentRows = readSheet(componentSheet, COMPONENT_COLUMNS, MAX_COMPONENT_ROWS);
  if (!componentRows.ok) return fail(componentRows.code, componentRows.params);
  const feeRows = feeSheet ? readSheet(feeSheet, FEE_COLUMNS, MAX_FEE_ROWS) : { ok: true as const, rows: [] };
  if (!feeRows.ok) return fail(feeRows.code, feeRows.params);

  const drafts = procedureRows.rows.map(procedureDraft);
  // Components and fees belong to the first row with their code; a later duplicate is rejected anyway.
  const byCode = new Map<string, Draft>();
  for (const draft of drafts) {
    const key = codeKey(draft.value.code ?? null);
    if (key !== null && !byCode.has(key)) byCode.set(key, draft);
  }
  const rejectedRows: CatalogRejection[] = [];
  for (const row of componentRows.rows) {
    const draft = byCode.get(codeKey(row.cells.procedureCode) ?? '');
    if (draft) addComponent(draft, row);
    else rejectedRows.push(unattached(CATALOG_SHEETS.components, row));
  }
  for (const row of feeRows.rows) {
    const draft = byCode.get(codeKey(row.cells.procedureCode) ?? '');
    if (draft) addSheetFee(draft, row);
    else rejectedRows.push(unattached(CATALOG_SHEETS.fees, row));
  }
  for (const draft of drafts) {
    if (draft.feeSheetRows > 0 && draft.feeSheetRows < draft.value.fees.length) {
      draft.problems.push(
        catalogProblem(['fees'], 'CATALOG_XLSX_FEES_TWICE', { procedureSheet: CATALOG_SHEETS.procedures, feeSheet: CATALOG_SHEETS.fees }),
      );
    }
  }

  const candidates: CatalogCandidate[] = drafts.map((draft) => ({
    sheet: CATALOG_SHEETS.procedures,
    row: draft.row,
    value: draft.value,
    problems: draft.problems,
    label: labelFor(draft),
  }));
  const result = validateCatalog(candidates);
  return ok({ procedures: result.procedures, rejected: [...result.rejected, ...rejectedRows] });
}
