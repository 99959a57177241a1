import type { z } from 'zod';
import { catalogFieldLabels, errorMessage, formatMessage, type ErrorCode } from '../i18n/vi';
import { fail, ok, type Result } from '../ipc/result';
import { foldVietnamese } from '../domain/text';
import { catalogFileSchema, procedureSchema, type Procedure } from './procedure';

/**
 * Import of the procedure catalogue (danh mục TTHC). Every source format (JSON here, the provincial
 * spreadsheet in the core) turns its rows into candidates and hands them to `validateCatalog`, so a
 * procedure is accepted or rejected by the same rules and reported with the same Vietnamese messages
 * whatever file it came from. Good rows are kept; a bad row never sinks the whole file.
 */

/** A provincial catalogue has a few thousand procedures; far more means the wrong file was picked. */
export const MAX_CATALOG_PROCEDURES = 10_000;
/** Characters of JSON text; about 50 MB, many times a full provincial catalogue. */
export const MAX_CATALOG_JSON_CHARS = 50_000_000;

export interface CatalogProblem {
  /** Schema path of the offending value, e.g. `duration.unit` or `components.2.code`. */
  field: string;
  code: ErrorCode;
  /** Vietnamese, naming the field (or the spreadsheet column and row) in words. */
  message: string;
}

export interface CatalogRejection {
  /** The spreadsheet sheet the row is on; null for JSON. */
  sheet: string | null;
  /** 1-based: the procedure's position in the JSON list, or the spreadsheet row number. */
  row: number;
  /** Mã TTHC as written, when there is one, so the report can name the procedure. */
  code: string | null;
  problems: CatalogProblem[];
}

export interface CatalogImport {
  procedures: Procedure[];
  rejected: CatalogRejection[];
}

export type FieldPath = readonly PropertyKey[];

export interface CatalogCandidate {
  sheet: string | null;
  row: number;
  value: unknown;
  /** Problems the source format found before the schema ran, e.g. "200.000đ/trang" in a number column. */
  problems: CatalogProblem[];
  /** Names a schema path in messages; the spreadsheet reader names its columns and rows instead. */
  label?: (path: FieldPath) => string;
}

type Params = Record<string, string | number>;

export function catalogProblem(path: FieldPath, code: ErrorCode, params: Params = {}): CatalogProblem {
  return { field: pathKey(path), code, message: capitalize(errorMessage(code, params)) };
}

export function pathKey(path: FieldPath): string {
  return path.map(String).join('.');
}

/** Values are echoed in messages; a 10 MB cell must not become a 10 MB report. */
export function shownValue(value: unknown): string {
  // Structures are not spelled out: they may be nested deeper than the stack allows to print.
  const structure = Array.isArray(value) ? '[…]' : '{…}';
  const text = typeof value === 'string' ? value : value !== null && typeof value === 'object' ? structure : String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const componentKeys: Record<string, string> = {
  code: catalogFieldLabels.componentCode,
  name: catalogFieldLabels.componentName,
  required: catalogFieldLabels.componentRequired,
  originals: catalogFieldLabels.componentOriginals,
  copies: catalogFieldLabels.componentCopies,
  formTemplate: catalogFieldLabels.componentFormTemplate,
};
const feeKeys: Record<string, string> = {
  kind: catalogFieldLabels.feeKind,
  name: catalogFieldLabels.feeName,
  amount: catalogFieldLabels.feeAmount,
};
const topKeys: Record<string, string> = {
  code: catalogFieldLabels.code,
  name: catalogFieldLabels.name,
  sectorCode: catalogFieldLabels.sectorCode,
  sectorName: catalogFieldLabels.sectorName,
  level: catalogFieldLabels.level,
  duration: catalogFieldLabels.duration,
  fees: catalogFieldLabels.fees,
  components: catalogFieldLabels.components,
  resultCode: catalogFieldLabels.resultCode,
  sample: catalogFieldLabels.sample,
};

/** The Vietnamese name of a field of the JSON catalogue format. */
export function describeCatalogField(path: FieldPath): string {
  const [top, index, key] = path;
  if (top === undefined) return catalogFieldLabels.procedure;
  if (top === 'duration') {
    if (index === 'unit') return catalogFieldLabels.durationUnit;
    if (index === 'value') return catalogFieldLabels.durationValue;
    if (index === 'cutoff') return catalogFieldLabels.durationCutoff;
  }
  if ((top === 'components' || top === 'fees') && typeof index === 'number') {
    const item = formatMessage(top === 'components' ? catalogFieldLabels.componentAt : catalogFieldLabels.feeAt, {
      n: index + 1,
    });
    const keyLabel = typeof key === 'string' ? (top === 'components' ? componentKeys : feeKeys)[key] : undefined;
    return keyLabel ? `${item}, ${keyLabel}` : item;
  }
  return (typeof top === 'string' && topKeys[top]) || pathKey(path);
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const expectedWords: Record<string, string> = catalogFieldLabels.expected;

/** The schema's own custom checks (procedure.ts superRefine), recognised by where they point. */
function customProblemCode(path: FieldPath, input: unknown): ErrorCode {
  if (path[0] === 'components' && path[2] === 'code') return 'CATALOG_DUPLICATE_COMPONENT';
  if (path[0] === 'duration' && path[1] === 'value') {
    return valueAt(input, ['duration', 'unit']) === 'sameDay' ? 'CATALOG_SAME_DAY_VALUE' : 'CATALOG_DURATION_NOT_POSITIVE';
  }
  if (path[0] === 'duration' && path[1] === 'cutoff') return 'CATALOG_CUTOFF_INVALID';
  return 'CATALOG_FIELD_INVALID';
}

function problemFromIssue(issue: z.core.$ZodIssue, input: unknown, label: (path: FieldPath) => string): CatalogProblem {
  const path = issue.path;
  const field = label(path);
  const value = valueAt(input, path);
  const shown = shownValue(value);
  if (path[0] === 'duration' && path[1] === 'cutoff' && value !== undefined) {
    return catalogProblem(path, 'CATALOG_CUTOFF_INVALID', { field, value: shown });
  }
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined || value === null) return catalogProblem(path, 'CATALOG_FIELD_REQUIRED', { field });
      if (issue.expected === 'int') return catalogProblem(path, 'CATALOG_FIELD_NOT_INTEGER', { field, value: shown });
      return catalogProblem(path, 'CATALOG_FIELD_WRONG_TYPE', {
        field,
        expected: expectedWords[issue.expected] ?? issue.expected,
      });
    case 'too_small':
      if (issue.origin === 'string') return catalogProblem(path, 'CATALOG_FIELD_REQUIRED', { field });
      if (issue.origin === 'number' && Number(issue.minimum) === 0) {
        return catalogProblem(path, 'CATALOG_FIELD_NEGATIVE', { field, value: shown });
      }
      return catalogProblem(path, 'CATALOG_FIELD_TOO_SMALL', { field, min: String(issue.minimum), value: shown });
    case 'too_big':
      if (issue.origin === 'string') {
        return catalogProblem(path, 'CATALOG_FIELD_TOO_LONG', {
          field,
          length: typeof value === 'string' ? value.length : 0,
          max: String(issue.maximum),
        });
      }
      if (issue.origin === 'array') {
        return catalogProblem(path, 'CATALOG_FIELD_TOO_MANY', {
          field,
          count: Array.isArray(value) ? value.length : 0,
          max: String(issue.maximum),
        });
      }
      return catalogProblem(path, 'CATALOG_FIELD_TOO_LARGE', { field, max: String(issue.maximum), value: shown });
    case 'invalid_value':
      return catalogProblem(path, 'CATALOG_FIELD_NOT_ALLOWED', {
        field,
        value: shown,
        options: issue.values.map((v) => `“${String(v)}”`).join(', '),
      });
    case 'custom': {
      const code = customProblemCode(path, input);
      return catalogProblem(path, code, { field, code: shown });
    }
    default:
      return catalogProblem(path, 'CATALOG_FIELD_INVALID', { field });
  }
}

/**
 * NFC and trimmed, every string the schema will look at, before it looks: a name typed on a Mac
 * (NFD) must not fail a length limit or hide a duplicate that its NFC twin would show. Depth is
 * bounded so a maliciously nested file cannot exhaust the stack; the schema is only four levels deep.
 */
function normalizeStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.normalize('NFC').trim();
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => normalizeStrings(item, depth + 1));
  // fromEntries defines own properties, so a `__proto__` key stays an inert key.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeStrings(v, depth + 1)]));
}

/**
 * The schema's cross-field checks (procedure.ts superRefine) run only once every field is valid, so
 * a row with a bad fee would hide its duplicate component codes until the next import. Repeating
 * them here puts every problem of a row in one report; the schema stays the authority on acceptance.
 */
function crossFieldProblems(value: unknown, label: (path: FieldPath) => string): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const components = valueAt(value, ['components']);
  if (Array.isArray(components)) {
    const seen = new Set<string>();
    components.forEach((component: unknown, index) => {
      const code = valueAt(component, ['code']);
      if (typeof code !== 'string' || code === '') return;
      if (seen.has(code)) {
        const path = ['components', index, 'code'];
        problems.push(catalogProblem(path, 'CATALOG_DUPLICATE_COMPONENT', { field: label(path), code: shownValue(code) }));
      }
      seen.add(code);
    });
  }
  const unit = valueAt(value, ['duration', 'unit']);
  const amount = valueAt(value, ['duration', 'value']);
  if (typeof unit === 'string' && unit !== 'none' && unit !== 'sameDay' && amount === 0) {
    const path = ['duration', 'value'];
    problems.push(catalogProblem(path, 'CATALOG_DURATION_NOT_POSITIVE', { field: label(path) }));
  }
  return problems;
}

function codeOf(value: unknown): string | null {
  const code = valueAt(value, ['code']);
  return typeof code === 'string' && code !== '' ? shownValue(code) : null;
}

function firstOccurrence(candidate: CatalogCandidate): string {
  return candidate.sheet === null
    ? formatMessage(catalogFieldLabels.procedureAt, { row: candidate.row })
    : formatMessage(catalogFieldLabels.sheetRow, { sheet: candidate.sheet, row: candidate.row });
}

/**
 * Catalogues write same-day procedures as words ("Trong ngày", "trong ngày làm việc") in the unit or
 * the value field; both mean unit 'sameDay' with value 0 (docs/domain.md §8.4).
 */
export function isSameDayWord(text: unknown): boolean {
  return typeof text === 'string' && /^trong ngay\b/.test(foldVietnamese(text).trim());
}

function withSameDayWords(value: unknown): unknown {
  const duration = valueAt(value, ['duration']);
  if (duration === null || typeof duration !== 'object') return value;
  const { unit, value: amount, ...rest } = duration as Record<string, unknown>;
  if (!isSameDayWord(unit) && !isSameDayWord(amount) && unit !== 'sameDay') return value;
  const sameDayAmount = amount === undefined || amount === null || isSameDayWord(amount) ? 0 : amount;
  return { ...(value as Record<string, unknown>), duration: { ...rest, unit: 'sameDay', value: sameDayAmount } };
}

/** Validates candidates in order; a later procedure with an already seen code is rejected. */
export function validateCatalog(candidates: readonly CatalogCandidate[]): CatalogImport {
  const procedures: Procedure[] = [];
  const rejected: CatalogRejection[] = [];
  // Officers and DVCQG treat `…H56` and `…h56` as one procedure.
  const seen = new Map<string, CatalogCandidate>();
  for (const candidate of candidates) {
    const value = withSameDayWords(normalizeStrings(candidate.value));
    const label = candidate.label ?? describeCatalogField;
    const problems = [...candidate.problems];
    const code = codeOf(value);
    const key = code?.toUpperCase();
    const earlier = key === undefined ? undefined : seen.get(key);
    if (earlier) {
      problems.push(catalogProblem(['code'], 'CATALOG_DUPLICATE_PROCEDURE', { code: code ?? '', first: firstOccurrence(earlier) }));
    } else if (key !== undefined) {
      seen.set(key, candidate);
    }
    const parsed = procedureSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(...crossFieldProblems(value, label).filter((p) => !problems.some((q) => q.field === p.field)));
      const reported = new Set(problems.map((p) => p.field));
      for (const issue of parsed.error.issues) {
        const problem = problemFromIssue(issue, value, label);
        if (!reported.has(problem.field)) problems.push(problem);
      }
    }
    if (problems.length > 0 || !parsed.success) {
      rejected.push({ sheet: candidate.sheet, row: candidate.row, code, problems });
      continue;
    }
    const procedure = parsed.data;
    procedures.push({
      ...procedure,
      // An empty cell or "" means "none" for these; keep one spelling so exports and comparisons agree.
      resultCode: procedure.resultCode || null,
      components: procedure.components.map((c) => ({ ...c, formTemplate: c.formTemplate || null })),
    });
  }
  return { procedures, rejected };
}

function syntaxErrorPosition(text: string, error: unknown): { line: number; column: number } | null {
  const match = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  if (!match) return null;
  const before = text.slice(0, Number(match[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/**
 * Reads a catalogue file `{ "version": 1, "procedures": [...] }`. A file that is not JSON, or not
 * that shape, fails as a whole with one stable code; otherwise each procedure is judged on its own.
 */
export function parseCatalogJson(text: string): Result<CatalogImport> {
  if (typeof text !== 'string' || text.trim() === '') return fail('CATALOG_EMPTY_FILE');
  if (text.length > MAX_CATALOG_JSON_CHARS) {
    return fail('CATALOG_TOO_LARGE', {
      size: `${Math.ceil(text.length / 1_000_000)} MB`,
      max: `${MAX_CATALOG_JSON_CHARS / 1_000_000} MB`,
    });
  }
  let data: unknown;
  try {
    // A byte-order mark is legal at the start of a UTF-8 file and fatal to JSON.parse.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const at = syntaxErrorPosition(text, error);
    return at ? fail('CATALOG_NOT_JSON_AT', at) : fail('CATALOG_NOT_JSON');
  }
  // A numbered but newer format deserves "update the app", not "this is not a catalogue".
  const version = Array.isArray(data) ? undefined : valueAt(data, ['version']);
  if (typeof version === 'number' && version !== 1) {
    return fail('CATALOG_VERSION_UNSUPPORTED', { version: shownValue(version) });
  }
  const file = catalogFileSchema.safeParse(data);
  if (!file.success) return fail('CATALOG_BAD_SHAPE');
  if (file.data.procedures.length > MAX_CATALOG_PROCEDURES) {
    return fail('CATALOG_TOO_MANY_PROCEDURES', { count: file.data.procedures.length, max: MAX_CATALOG_PROCEDURES });
  }
  return ok(validateCatalog(file.data.procedures.map((value, index) => ({ sheet: null, row: index + 1, value, problems: [] }))));
}
