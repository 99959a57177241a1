import type { z } from 'zod';
import { AppError } from '../ipc/result';

/** How many characters of zod's complaint reach the message: enough to find the field, not a page of text. */
const DETAILS_MAX = 300;

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(gốc)'}: ${issue.message}`)
    .join('; ')
    .slice(0, DETAILS_MAX);
}

/** JSON text from the database, or an AppError naming what was stored wrongly: never a crash further on. */
export function parseStoredText(text: string, what: string, key: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch (error) {
    throw new AppError('STORED_DATA_INVALID', {
      what,
      key,
      details: (error instanceof Error ? error.message : String(error)).slice(0, DETAILS_MAX),
    });
  }
}

/**
 * A JSON column read back through its schema (docs/architecture.md §5). `what` names the column for
 * the message, `key` the row (a dossier code, a page id), so the admin can find it.
 */
export function parseStoredJson<S extends z.ZodType>(schema: S, text: string, what: string, key: string): z.output<S> {
  const parsed = schema.safeParse(parseStoredText(text, what, key));
  if (!parsed.success) throw new AppError('STORED_DATA_INVALID', { what, key, details: describeIssues(parsed.error) });
  return parsed.data;
}
