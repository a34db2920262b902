/**
 * The store port: only what CloudBase's document database can really do (docs/ARCHITECTURE.md, "The store").
 * Outside a transaction: get by id, insert (conflict on a duplicate id), conditional update that
 * reports how many documents changed (the way to win a race), find with filters/order/limit/cursor,
 * count. Inside a transaction: document reads and writes by id only.
 */
export type Scalar = string | number | boolean | null;
export type Doc = { _id: string } & Record<string, unknown>;

export type Condition =
  | Scalar
  | { $in: Scalar[] }
  | { $ne: Scalar }
  | { $gt: Scalar }
  | { $gte: Scalar }
  | { $lt: Scalar }
  | { $lte: Scalar }
  /** The field is a list holding this value (CloudBase `_.all([v])`). */
  | { $has: Scalar }
  /** The field (a value, or a list) holds none of these: also true when it is missing (CloudBase `_.nin`). */
  | { $nin: Scalar[] }
  /** A range: lower and upper bound on one field. */
  | { $gt?: Scalar; $gte?: Scalar; $lt?: Scalar; $lte?: Scalar };
export type Where = Record<string, Condition>;

/** A field update: a value to set, or an operator CloudBase also has (`_.inc`, `_.push`, `_.pull`). */
export type FieldUpdate = unknown | { $inc: number } | { $push: unknown } | { $pull: Scalar };
export type Patch = Record<string, FieldUpdate>;

export type OrderBy = ReadonlyArray<readonly [field: string, dir: 'asc' | 'desc']>;

export type FindQuery = {
  where?: Where;
  orderBy?: OrderBy;
  /** At most 1000, as on CloudBase. */
  limit?: number;
  /** An opaque cursor from a previous page's `next`. */
  after?: string | null;
};
export type FindPage<T> = { items: T[]; next: string | null };

export const MAX_LIMIT = 1000;

export interface TxStore {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  insert(collection: string, doc: Doc): Promise<void>;
  /** Create or replace the whole document. */
  set(collection: string, doc: Doc): Promise<void>;
  /** True when the document was updated (CloudBase answers false for a patch that changes nothing). */
  update(collection: string, id: string, patch: Patch): Promise<boolean>;
  remove(collection: string, id: string): Promise<boolean>;
}

export interface Store {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  insert(collection: string, doc: Doc): Promise<void>;
  /**
   * How many documents matching `where` were updated. CloudBase counts only documents the patch changed,
   * SQLite every match; a race filters on the state its patch changes, so both count the winner alone.
   */
  update(collection: string, where: Where, patch: Patch): Promise<number>;
  find<T extends Doc>(collection: string, query: FindQuery): Promise<FindPage<T>>;
  count(collection: string, where: Where): Promise<number>;
  /**
   * Runs `fn` with by-id reads and writes that commit together or not at all. Inside `fn`, use only
   * `tx`: a query on the store itself waits for the transaction to end (on SQLite it never would).
   */
  transaction<R>(fn: (tx: TxStore) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/** Thrown (an infrastructure outcome, not a business one) when an insert meets an existing id. */
export class StoreConflictError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`duplicate id ${id} in ${collection}`);
    this.name = 'StoreConflictError';
  }
}

/** A transaction that kept meeting other writers' conflicts (CloudBase) and gave up: the caller may retry. */
export class StoreBusyError extends Error {
  override name = 'StoreBusyError';
  constructor() {
    super('transaction gave up after repeated write conflicts');
  }
}

/** A query no declared index covers: a bug in the feature, caught by the tests. */
export class UncoveredQueryError extends Error {
  override name = 'UncoveredQueryError';
}

export function isOperator(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).some((k) => k.startsWith('$'))
  );
}

/** A keyset cursor: the last document's (order fields…, _id) values, opaque to callers. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** A paging cursor the store did not make (forged, altered, or from another list): bad input, not a fault. */
export class BadCursorError extends Error {
  override name = 'BadCursorError';
  constructor() {
    super('bad cursor');
  }
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

export function decodeCursor(cursor: string, width: number): Scalar[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError();
  }
  if (!Array.isArray(values) || values.length !== width || !values.every(isScalar)) throw new BadCursorError();
  return values;
}
