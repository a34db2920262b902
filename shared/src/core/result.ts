import type { ErrorCode } from './errors';

/** Field-level problems, keyed by the input path ("phone", "unit.id"). */
export type FieldErrors = Record<string, string>;

export type AppErrorBody = { code: ErrorCode; message: string; fields?: FieldErrors };

/** The one response shape of every function action. */
export type Response<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };

/**
 * A business outcome that is not success: returned by handlers and domain rules as a value.
 * Exceptions are kept for bugs and infrastructure faults.
 */
export type Failure = { failure: ErrorCode; message?: string; fields?: FieldErrors };

export function fail(code: ErrorCode, message?: string, fields?: FieldErrors): Failure {
  return { failure: code, ...(message ? { message } : {}), ...(fields ? { fields } : {}) };
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && 'failure' in value;
}
