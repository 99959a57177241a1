import { errorMessage, type ErrorCode } from '../i18n/vi';

/** Errors cross process boundaries as data (code + Vietnamese message), never as thrown objects. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, params?: Record<string, string | number>): { ok: false; error: AppErrorData } {
  return { ok: false, error: { code, message: errorMessage(code, params) } };
}

/** Thrown inside the core; the dispatcher turns it into a failed Result at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}) {
    super(errorMessage(code, params));
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }

  /** Re-raises an error that arrived as data, keeping its exact message. */
  static fromData(data: AppErrorData): AppError {
    const error = new AppError(data.code);
    error.message = data.message;
    return error;
  }

  toData(): AppErrorData {
    return { code: this.code, message: this.message };
  }
}
