import type { ErrorCode } from './errors';

/** Field-level problems, keyed by the input path ("phone", "unit.id"). */
export type FieldErrors = Record<string, string>;

/** `params` fill the placeholders of the code's message (a distance, a limit). */
export type ErrorParams = Record<string, string | number>;
export type AppErrorBody = { code: ErrorCode; message: string; fields?: FieldErrors; params?: ErrorParams };

/** The one response shape of every function action. */
export type Response<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };

/**
 * A business outcome that is not success: returned by handlers and domain rules as a value.
 * Exceptions are kept for bugs and infrastructure faults.
 */
export type Failure = { failure: ErrorCode; fields?: FieldErrors; params?: ErrorParams };

/** A failure with its code; the client shows the code's text from the one table, and `fields` beside the inputs. */
export function fail(code: ErrorCode, fields?: FieldErrors): Failure {
  return { failure: code, ...(fields ? { fields } : {}) };
}

export function failWith(code: ErrorCode, params: ErrorParams): Failure {
  return { failure: code, params };
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && 'failure' in value;
}
