import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '@cloudbase/database';
import { assertCovered, type IndexDef } from './indexes';
import {
  decodeCursor,
  encodeCursor,
  isOperator,
  MAX_LIMIT,
  StoreBusyError,
  StoreConflictError,
  type Condition,
  type Doc,
  type FindPage,
  type FindQuery,
  type OrderBy,
  type Patch,
  type Scalar,
  type Store,
  type TxStore,
  type Where,
} from './store.port';

type Options = {
  indexes: readonly IndexDef[];
  /** Refuse queries no declared index covers (on by default, as on SQLite). */
  strictIndexes?: boolean;
  /** Attempts of a transaction that meets a write conflict before giving up with StoreBusyError. */
  txAttempts?: number;
  onOperation?: (op: string) => void;
};

/** The error codes the CloudBase database answers with that the store maps (from @cloudbase/database's sources). */
export const CLOUDBASE_ERRORS = {
  duplicate: 'DATABASE_DUPLICATE_WRITE',
  conflict: 'DATABASE_TRANSACTION_CONFLICT',
  /** The server lost the transaction (not committed within 30 s, or gone): nothing of it was written. */
  transactionFail: 'DATABASE_TRANSACTION_FAIL',
  noCollection: 'DATABASE_COLLECTION_NOT_EXIST',
} as const;

function codeOf(error: unknown): string | undefined {
  return (error as { code?: unknown } | null)?.code as string | undefined;
}

type Command = Db['command'];
type Transaction = Awaited<ReturnType<Db['startTransaction']>>;

/** Refuses a filter value of `undefined`: the SDK would drop it silently and widen the query or update. */
function checkWhere(where: Where): void {
  for (const [field, cond] of Object.entries(where)) {
    if (cond === undefined) throw new Error(`filter ${field} is undefined`);
    if (isOperator(cond)) {
      for (const [op, value] of Object.entries(cond)) {
        if (value === undefined) throw new Error(`filter ${field}.${op} is undefined`);
        if ((op === '$in' || op === '$nin') && (!Array.isArray(value) || value.some((v) => v === undefined)))
          throw new Error(`filter ${field}.${op} is not a list of values`);
      }
    }
  }
}

function condition(_: Command, cond: Condition): unknown {
  if (!isOperator(cond)) return cond;
  const parts: unknown[] = [];
  for (const [op, value] of Object.entries(cond) as Array<[string, Scalar | Scalar[]]>) {
    if (op === '$in') parts.push(_.in(value as Scalar[]));
    else if (op === '$ne') parts.push(_.neq(value));
    else if (op === '$has') parts.push(_.all([value as Scalar]));
    else if (op === '$nin') parts.push(_.nin(value as Scalar[]));
    else if (op === '$gt') parts.push(_.gt(value));
    else if (op === '$gte') parts.push(_.gte(value));
    else if (op === '$lt') parts.push(_.lt(value));
    else if (op === '$lte') parts.push(_.lte(value));
    else throw new Error(`unknown operator ${op}`);
  }
  // Several operators on one field combine with AND: { $gte: a, $lt: b } is a range.
  return parts.reduce((all, next) => (all as ReturnType<Command['gt']>).and(next as ReturnType<Command['gt']>));
}

function query(_: Command, where: Where): Record<string, unknown> {
  checkWhere(where);
  return Object.fromEntries(Object.entries(where).map(([field, cond]) => [field, condition(_, cond)]));
}

/**
 * A patch in CloudBase's update commands. A plain object value is wrapped in `_.set` so it replaces the
 * field as on SQLite (an update otherwise merges nested objects key by key); `$push` appends one value.
 */
function update(_: Command, patch: Patch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    if (field === '_id') throw new Error('cannot change _id');
    if (value === undefined) throw new Error(`update of ${field} is undefined`);
    if (isOperator(value) && '$inc' in value) out[field] = _.inc(Number(value.$inc));
    else if (isOperator(value) && '$push' in value) out[field] = _.push([value.$push]);
    else if (isOperator(value) && '$pull' in value) out[field] = _.pull(value.$pull);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) out[field] = _.set(value);
    else out[field] = value;
  }
  return out;
}

/** Keyset paging: documents strictly after the cursor in (order fields…, _id) order, as one `_.or`. */
function afterCursor(_: Command, keys: OrderBy, values: Scalar[]): unknown {
  const branches: Record<string, unknown>[] = [];
  keys.forEach(([field, dir], i) => {
    const branch: Record<string, unknown> = {};
    keys.slice(0, i).forEach(([f], j) => (branch[f] = values[j]));
    const value = values[i] ?? null;
    if (value === null) {
      // null sorts first: everything non-null comes after it ascending, nothing before it descending.
      if (dir === 'desc') return;
      branch[field] = _.neq(null);
    } else branch[field] = dir === 'asc' ? _.gt(value) : _.lt(value);
    branches.push(branch);
  });
  return _.or(branches);
}

/**
 * The deployed store: CloudBase's document database through `@cloudbase/node-sdk`, with the same
 * contract as the SQLite store. Races are won with conditional `where().update()` (CloudBase applies
 * each one atomically); transactions use only document operations by id, the only ones that join a
 * CloudBase transaction, and are retried on a write conflict.
 */
export class CloudbaseStore implements Store {
  private readonly _: Command;
  private readonly inTransaction = new AsyncLocalStorage<true>();

  constructor(
    private readonly db: Db,
    private readonly options: Options,
  ) {
    this._ = db.command;
  }

  private op(name: string): void {
    if (this.inTransaction.getStore())
      throw new Error("store called inside a transaction: use the transaction's own by-id operations");
    this.options.onOperation?.(name);
  }

  /** Creates a collection the first time a document is written to it (the deploy creates the declared ones). */
  private async withCollection<R>(collection: string, write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (error) {
      if (codeOf(error) !== CLOUDBASE_ERRORS.noCollection) throw error;
      try {
        await this.db.createCollection(collection);
      } catch (created) {
        if (codeOf(created) !== 'DATABASE_COLLECTION_ALREADY_EXIST') throw created;
      }
      return write();
    }
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    this.op('get');
    try {
      const res = await this.db.collection(collection).doc(id).get();
      return ((res.data as T[] | undefined)?.[0] ?? null) as T | null;
    } catch (error) {
      if (codeOf(error) === CLOUDBASE_ERRORS.noCollection) return null;
      throw error;
    }
  }

  async insert(collection: string, doc: Doc): Promise<void> {
    this.op('insert');
    try {
      await this.withCollection(collection, () => this.db.collection(collection).add(doc));
    } catch (error) {
      if (codeOf(error) === CLOUDBASE_ERRORS.duplicate) throw new StoreConflictError(collection, doc._id);
      throw error;
    }
  }

  async update(collection: string, where: Where, patch: Patch): Promise<number> {
    this.op('update');
    const filter = query(this._, where);
    if (Object.keys(filter).length === 0) throw new Error('an update needs a filter');
    if (!('_id' in where)) assertCovered(this.options.indexes, collection, where, []);
    try {
      const res = await this.db.collection(collection).where(filter).update(update(this._, patch));
      return Number(res.updated ?? 0);
    } catch (error) {
      if (codeOf(error) === CLOUDBASE_ERRORS.noCollection) return 0;
      throw error;
    }
  }

  async find<T extends Doc>(collection: string, q: FindQuery): Promise<FindPage<T>> {
    this.op('find');
    const where = q.where ?? {};
    const orderBy: OrderBy = q.orderBy ?? [];
    const limit = Math.max(1, Math.min(q.limit ?? 100, MAX_LIMIT));
    if (this.options.strictIndexes !== false) assertCovered(this.options.indexes, collection, where, orderBy);
    const keys: OrderBy = [...orderBy, ['_id', orderBy[0]?.[1] ?? 'asc']];
    let filter: unknown = query(this._, where);
    if (q.after) {
      const cursor = afterCursor(this._, keys, decodeCursor(q.after, keys.length));
      filter = Object.keys(filter as object).length ? this._.and([filter, cursor]) : cursor;
    }
    let request = this.db.collection(collection).where(filter as object);
    for (const [field, dir] of keys) request = request.orderBy(field, dir);
    // One more than asked tells whether a next page exists; CloudBase returns at most 1000.
    const asked = Math.min(limit + 1, MAX_LIMIT);
    let rows: T[];
    try {
      rows = ((await request.limit(asked).get()).data ?? []) as T[];
    } catch (error) {
      if (codeOf(error) === CLOUDBASE_ERRORS.noCollection) return { items: [], next: null };
      throw error;
    }
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const more = rows.length > limit || (asked === limit && rows.length === limit);
    const next = more && last ? encodeCursor(keys.map(([f]) => (f === '_id' ? last._id : (last[f] ?? null)))) : null;
    return { items, next };
  }

  async count(collection: string, where: Where): Promise<number> {
    this.op('count');
    if (this.options.strictIndexes !== false) assertCovered(this.options.indexes, collection, where, []);
    const filter = query(this._, where);
    try {
      const res = await this.db.collection(collection).where(filter).count();
      return Number(res.total ?? 0);
    } catch (error) {
      if (codeOf(error) === CLOUDBASE_ERRORS.noCollection) return 0;
      throw error;
    }
  }

  async transaction<R>(fn: (tx: TxStore) => Promise<R>): Promise<R> {
    this.op('transaction');
    const attempts = this.options.txAttempts ?? 6;
    for (let attempt = 1; ; attempt++) {
      const t = await this.db.startTransaction();
      try {
        const result = await this.inTransaction.run(true, () => fn(this.txStore(t)));
        await t.commit();
        return result;
      } catch (error) {
        await t.rollback(undefined).catch(() => undefined);
        const code = codeOf(error);
        if (code !== CLOUDBASE_ERRORS.conflict && code !== CLOUDBASE_ERRORS.transactionFail) throw error;
        if (attempt >= attempts) throw new StoreBusyError();
        // Another transaction holds one of these documents: wait a little, longer each time, and retry.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
      }
    }
  }

  private txStore(t: Transaction): TxStore {
    const count = (name: string) => this.options.onOperation?.(name);
    return {
      get: async <T extends Doc>(c: string, id: string) => {
        count('tx.get');
        const res = await t.collection(c).doc(id).get();
        return ((res as { data?: T | null }).data ?? null) as T | null;
      },
      insert: async (c, doc) => {
        count('tx.insert');
        try {
          await t.collection(c).add(doc);
        } catch (error) {
          if (codeOf(error) === CLOUDBASE_ERRORS.duplicate) throw new StoreConflictError(c, doc._id);
          throw error;
        }
      },
      set: async (c, doc) => {
        count('tx.set');
        const { _id, ...rest } = doc;
        await t.collection(c).doc(_id).set(rest);
      },
      update: async (c, id, patch) => {
        count('tx.update');
        const res = await t.collection(c).doc(id).update(update(this._, patch));
        return Number((res as { updated?: number }).updated ?? 0) > 0;
      },
      remove: async (c, id) => {
        count('tx.remove');
        const res = await t.collection(c).doc(id).remove();
        return Number((res as { deleted?: number }).deleted ?? 0) > 0;
      },
    };
  }

  async close(): Promise<void> {
    // The SDK keeps no connection to close.
  }
}
