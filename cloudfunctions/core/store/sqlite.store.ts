import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { assertCovered, indexName, type IndexDef } from './indexes';
import {
  decodeCursor,
  encodeCursor,
  isOperator,
  MAX_LIMIT,
  StoreConflictError,
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
  /** A file path, or ':memory:' for tests. */
  filename: string;
  indexes: readonly IndexDef[];
  /** Refuse queries no declared index covers (on by default). */
  strictIndexes?: boolean;
  /** Counts every store operation, for the benchmark. */
  onOperation?: (op: string) => void;
};

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function checkName(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe name ${name}`);
  return name;
}

function col(field: string): string {
  return field === '_id' ? '_id' : `json_extract(doc, '$.${checkName(field)}')`;
}

function bind(value: Scalar): Scalar {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function whereSql(where: Where): { sql: string; params: Scalar[] } {
  const parts: string[] = [];
  const params: Scalar[] = [];
  for (const [field, cond] of Object.entries(where)) {
    if (cond === undefined) throw new Error(`filter ${field} is undefined`);
    const c = col(field);
    if (!isOperator(cond)) {
      if (cond === null) parts.push(`${c} IS NULL`);
      else {
        parts.push(`${c} = ?`);
        params.push(bind(cond as Scalar));
      }
      continue;
    }
    // Several operators on one field combine with AND: { $gte: a, $lt: b } is a range.
    for (const [op, value] of Object.entries(cond) as Array<[string, Scalar | Scalar[]]>) {
      if (op === '$in') {
        const list = value as Scalar[];
        if (list.length === 0) parts.push('0');
        else {
          parts.push(`${c} IN (${list.map(() => '?').join(',')})`);
          params.push(...list.map(bind));
        }
      } else if (op === '$has' || op === '$nin') {
        // A list field's members (a plain value counts as a list of itself; a missing field holds none).
        if (field === '_id') throw new Error(`${op} on _id`);
        const list = op === '$has' ? [value as Scalar] : (value as Scalar[]);
        const member = list.length
          ? `EXISTS (SELECT 1 FROM json_each(doc, '$.${checkName(field)}') AS m WHERE m.value IN (${list.map(() => '?').join(',')}))`
          : '0';
        parts.push(op === '$has' ? member : `NOT ${member}`);
        params.push(...list.map(bind));
      } else if (op === '$ne') {
        if (value === null) parts.push(`${c} IS NOT NULL`);
        else {
          parts.push(`(${c} IS NULL OR ${c} <> ?)`);
          params.push(bind(value as Scalar));
        }
      } else {
        const sqlOp = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
        if (!sqlOp) throw new Error(`unknown operator ${op}`);
        parts.push(`${c} ${sqlOp} ?`);
        params.push(bind(value as Scalar));
      }
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

function applyPatch(doc: Doc, patch: Patch): Doc {
  const next: Record<string, unknown> = { ...doc };
  for (const [field, update] of Object.entries(patch)) {
    if (field === '_id') throw new Error('cannot change _id');
    if (isOperator(update) && '$inc' in update) next[field] = (Number(next[field]) || 0) + Number(update.$inc);
    else if (isOperator(update) && '$push' in update)
      next[field] = [...((next[field] as unknown[]) ?? []), update.$push];
    else if (isOperator(update) && '$pull' in update)
      next[field] = ((next[field] as unknown[] | undefined) ?? []).filter((x) => x !== update.$pull);
    else next[field] = update;
  }
  return next as Doc;
}

/**
 * The embedded store: one table per collection holding JSON documents, indexes on json_extract
 * expressions from the declared list. better-sqlite3 is synchronous, so every operation is atomic on
 * its own; a transaction holds a lock that other operations wait for, so no other request's writes
 * can interleave with (or be rolled back by) an open transaction.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly known = new Set<string>();
  private lock: Promise<void> | null = null;
  /** Marks code running inside a transaction, so a store call from there fails loudly instead of waiting forever. */
  private readonly inTransaction = new AsyncLocalStorage<true>();

  constructor(private readonly options: Options) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    for (const def of options.indexes) this.ensure(def.collection);
  }

  private ensure(collection: string): string {
    const name = checkName(collection);
    if (this.known.has(name)) return name;
    this.db.exec(`CREATE TABLE IF NOT EXISTS "${name}" (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
    for (const def of this.options.indexes.filter((d) => d.collection === name)) {
      const unique = def.unique ? 'UNIQUE ' : '';
      this.db.exec(
        `CREATE ${unique}INDEX IF NOT EXISTS ${indexName(def)} ON "${name}" (${def.fields.map(col).join(', ')})`,
      );
    }
    this.known.add(name);
    return name;
  }

  private count_(op: string): void {
    this.options.onOperation?.(op);
  }

  /** A store call from inside a transaction would wait for that transaction forever: fail loudly instead. */
  private outsideTransaction(): void {
    if (this.inTransaction.getStore())
      throw new Error("store called inside a transaction: use the transaction's own by-id operations");
  }

  private getSync<T extends Doc>(collection: string, id: string): T | null {
    const row = this.db.prepare(`SELECT doc FROM "${this.ensure(collection)}" WHERE _id = ?`).get(id) as
      { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  private insertSync(collection: string, doc: Doc): void {
    try {
      this.db
        .prepare(`INSERT INTO "${this.ensure(collection)}" (_id, doc) VALUES (?, ?)`)
        .run(doc._id, JSON.stringify(doc));
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new StoreConflictError(collection, doc._id);
      throw error;
    }
  }

  private writeSync(collection: string, doc: Doc): void {
    this.db.prepare(`UPDATE "${this.ensure(collection)}" SET doc = ? WHERE _id = ?`).run(JSON.stringify(doc), doc._id);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    // The check and the operation run in one synchronous step, so no transaction can start between them.
    this.outsideTransaction();
    while (this.lock) await this.lock;
    this.count_('get');
    return this.getSync<T>(collection, id);
  }

  async insert(collection: string, doc: Doc): Promise<void> {
    this.outsideTransaction();
    while (this.lock) await this.lock;
    this.count_('insert');
    this.insertSync(collection, doc);
  }

  async update(collection: string, where: Where, patch: Patch): Promise<number> {
    this.outsideTransaction();
    while (this.lock) await this.lock;
    this.count_('update');
    if (!('_id' in where)) assertCovered(this.options.indexes, collection, where, []);
    const { sql, params } = whereSql(where);
    const run = this.db.transaction(() => {
      const rows = this.db.prepare(`SELECT doc FROM "${this.ensure(collection)}" WHERE ${sql}`).all(...params) as {
        doc: string;
      }[];
      for (const row of rows) this.writeSync(collection, applyPatch(JSON.parse(row.doc) as Doc, patch));
      return rows.length;
    });
    return run();
  }

  async find<T extends Doc>(collection: string, query: FindQuery): Promise<FindPage<T>> {
    this.outsideTransaction();
    while (this.lock) await this.lock;
    this.count_('find');
    const where = query.where ?? {};
    const orderBy: OrderBy = query.orderBy ?? [];
    const limit = Math.min(query.limit ?? 100, MAX_LIMIT);
    if (this.options.strictIndexes !== false) assertCovered(this.options.indexes, collection, where, orderBy);
    const filter = whereSql(where);
    const keys = [...orderBy, ['_id', orderBy[0]?.[1] ?? 'asc'] as const];
    let sql = `SELECT doc FROM "${this.ensure(collection)}" WHERE ${filter.sql}`;
    const params = [...filter.params];
    if (query.after) {
      // Keyset paging: rows strictly after the cursor in (order fields…, _id) order.
      const values = decodeCursor(query.after, keys.length);
      const ors: string[] = [];
      keys.forEach(([field, dir], i) => {
        const ands = keys.slice(0, i).map(([f]) => `${col(f)} IS ?`);
        ands.push(`${col(field)} ${dir === 'asc' ? '>' : '<'} ?`);
        ors.push(`(${ands.join(' AND ')})`);
        params.push(...values.slice(0, i + 1));
      });
      sql += ` AND (${ors.join(' OR ')})`;
    }
    sql += ` ORDER BY ${keys.map(([f, d]) => `${col(f)} ${d === 'asc' ? 'ASC' : 'DESC'}`).join(', ')} LIMIT ?`;
    params.push(limit + 1);
    const rows = this.db.prepare(sql).all(...params) as { doc: string }[];
    const items = rows.slice(0, limit).map((r) => JSON.parse(r.doc) as T);
    const last = items[items.length - 1];
    const next =
      rows.length > limit && last
        ? encodeCursor(keys.map(([f]) => (f === '_id' ? last._id : (last[f] ?? null))))
        : null;
    return { items, next };
  }

  async count(collection: string, where: Where): Promise<number> {
    this.outsideTransaction();
    while (this.lock) await this.lock;
    this.count_('count');
    if (this.options.strictIndexes !== false) assertCovered(this.options.indexes, collection, where, []);
    const { sql, params } = whereSql(where);
    const row = this.db
      .prepare(`SELECT COUNT(*) AS n FROM "${this.ensure(collection)}" WHERE ${sql}`)
      .get(...params) as { n: number };
    return row.n;
  }

  async transaction<R>(fn: (tx: TxStore) => Promise<R>): Promise<R> {
    this.outsideTransaction();
    while (this.lock) await this.lock;
    let release!: () => void;
    this.lock = new Promise((resolve) => (release = resolve));
    this.count_('transaction');
    const tx: TxStore = {
      get: async <T extends Doc>(c: string, id: string) => (this.count_('tx.get'), this.getSync<T>(c, id)),
      insert: async (c, doc) => (this.count_('tx.insert'), this.insertSync(c, doc)),
      set: async (c, doc) => {
        this.count_('tx.set');
        this.db
          .prepare(`INSERT OR REPLACE INTO "${this.ensure(c)}" (_id, doc) VALUES (?, ?)`)
          .run(doc._id, JSON.stringify(doc));
      },
      update: async (c, id, patch) => {
        this.count_('tx.update');
        const doc = this.getSync(c, id);
        if (!doc) return false;
        this.writeSync(c, applyPatch(doc, patch));
        return true;
      },
      remove: async (c, id) => {
        this.count_('tx.remove');
        return this.db.prepare(`DELETE FROM "${this.ensure(c)}" WHERE _id = ?`).run(id).changes > 0;
      },
    };
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await this.inTransaction.run(true, () => fn(tx));
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.lock = null;
      release();
    }
  }

  /** True when the collection holds any document (seeding decides on it). */
  hasDocuments(collection: string): boolean {
    return this.db.prepare(`SELECT 1 FROM "${this.ensure(collection)}" LIMIT 1`).get() !== undefined;
  }

  /** A pragma's value (tests check the journal mode). */
  pragma(name: string): unknown {
    return this.db.pragma(checkName(name), { simple: true });
  }

  /** The names of a collection's indexes (tests check the declared ones exist). */
  indexNames(collection: string): string[] {
    const rows = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`)
      .all(this.ensure(collection)) as { name: string }[];
    return rows.map((r) => r.name);
  }

  /** Every document of a collection in id order (tests and tools; never used by features). */
  dump(collection: string): Doc[] {
    const rows = this.db.prepare(`SELECT doc FROM "${this.ensure(collection)}" ORDER BY _id`).all() as {
      doc: string;
    }[];
    return rows.map((r) => JSON.parse(r.doc) as Doc);
  }

  /** Many documents at once, for seeding: one SQLite transaction. */
  insertMany(collection: string, docs: Doc[]): void {
    const run = this.db.transaction(() => docs.forEach((d) => this.insertSync(collection, d)));
    run();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
