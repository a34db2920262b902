import tcb from '@cloudbase/node-sdk';
import { EJSON } from 'bson';
import nock from 'nock';

/**
 * A stand-in for CloudBase's database HTTP API (`POST https://<env>.tcb-api.tencentcloudapi.com/admin`),
 * installed under `@cloudbase/node-sdk` with nock, so the adapter runs against the real SDK with only
 * the network replaced. It answers the actions the SDK sends (database.getDocument, insertDocument,
 * modifyDocument, removeDocument, calculateDocument, start/commit/abortTransaction, addCollection) in
 * the shapes the SDK parses, evaluates the MongoDB-style EJSON queries and updates it receives, and
 * keeps every request for the tests to read.
 *
 * Semantics modelled on the platform: each request applies atomically; `updated` counts documents
 * actually changed; a transaction sees its own writes, applies them at commit, and fails with
 * DATABASE_TRANSACTION_CONFLICT when another transaction has a pending write on the same document or
 * the document changed since the transaction first touched it. Only document (DOC) operations take
 * part in a transaction; a WHERE operation carrying a transaction id runs outside it, as on CloudBase.
 */

type Doc = Record<string, unknown> & { _id: string };
type Stored = { doc: Doc; v: number };
/** A transaction: its pending writes, and each document as it first saw it (version and content). */
type Tx = {
  writes: Map<string, Doc | null>;
  seen: Map<string, number>;
  snap: Map<string, Doc | null>;
  open: boolean;
  /** The request count when it was last used: the server aborts a transaction left idle (30 s on CloudBase). */
  touched: number;
};

type Body = Record<string, unknown> & { action: string };
export type RecordedRequest = {
  host: string;
  path: string;
  action: string;
  body: Body;
  query?: unknown;
  data?: unknown;
  /** With `rtt` set: when the request left the client and when its reply arrived (performance.now(), ms). */
  sentAt?: number;
  answeredAt?: number;
  /** With `rtt` set: how long the fake itself took to answer (its own CPU, not the network's). */
  handleMs?: number;
};
type Answer = Record<string, unknown>;

const HOST = /tcb-api\.tencentcloudapi\.com(:\d+)?$/;

class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function parse(text: unknown): any {
  return typeof text === 'string' ? EJSON.parse(text, { relaxed: true }) : text;
}

function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (Array.isArray(v)) return 4;
  if (typeof v === 'object') return 3;
  if (typeof v === 'boolean') return 5;
  return 6;
}

function compare(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return 0;
  if (ra === 1 || ra === 2 || ra === 5) return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
  return JSON.stringify(a) === JSON.stringify(b) ? 0 : JSON.stringify(a) < JSON.stringify(b) ? -1 : 1;
}

function equal(a: unknown, b: unknown): boolean {
  if (b === null) return a === null || a === undefined;
  if (Array.isArray(a) && !Array.isArray(b)) return a.some((x) => equal(x, b));
  return typeRank(a) === typeRank(b) && compare(a, b) === 0;
}

function get(doc: Doc, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);
}

function isOps(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((k) => k.startsWith('$'));
}

function matchCondition(value: unknown, cond: unknown): boolean {
  if (!isOps(cond)) return equal(value, cond);
  return Object.entries(cond).every(([op, arg]) => {
    const comparable = typeRank(value) === typeRank(arg) && value !== null && value !== undefined;
    switch (op) {
      case '$eq':
        return equal(value, arg);
      case '$ne':
        return !equal(value, arg);
      case '$in':
        return (arg as unknown[]).some((a) => equal(value, a));
      case '$nin':
        return !(arg as unknown[]).some((a) => equal(value, a));
      case '$all':
        return (arg as unknown[]).every((a) => equal(value, a));
      case '$gt':
        return comparable && compare(value, arg) > 0;
      case '$gte':
        return comparable && compare(value, arg) >= 0;
      case '$lt':
        return comparable && compare(value, arg) < 0;
      case '$lte':
        return comparable && compare(value, arg) <= 0;
      default:
        throw new DbError('DATABASE_REQUEST_FAILED', `operator ${op} not supported by the fake`);
    }
  });
}

export function matches(doc: Doc, query: Record<string, unknown>): boolean {
  return Object.entries(query).every(([key, cond]) => {
    if (key === '$and') return (cond as Record<string, unknown>[]).every((q) => matches(doc, q));
    if (key === '$or') return (cond as Record<string, unknown>[]).some((q) => matches(doc, q));
    if (key === '$nor') return !(cond as Record<string, unknown>[]).some((q) => matches(doc, q));
    if (key.startsWith('$')) throw new DbError('DATABASE_REQUEST_FAILED', `operator ${key} not supported by the fake`);
    return matchCondition(get(doc, key), cond);
  });
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = doc;
  for (const k of keys.slice(0, -1)) {
    if (!at[k] || typeof at[k] !== 'object') at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1] as string] = value;
}

function applyUpdate(doc: Doc, update: Record<string, unknown>): Doc {
  const next = structuredClone(doc) as Doc;
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, arg] of Object.entries(fields as Record<string, unknown>)) {
      if (path === '_id') throw new DbError('DATABASE_REQUEST_FAILED', 'cannot update _id');
      if (op === '$set') setPath(next, path, structuredClone(arg));
      else if (op === '$inc') setPath(next, path, (Number(get(next, path)) || 0) + Number(arg));
      else if (op === '$push') {
        const each = isOps(arg) && '$each' in arg ? (arg.$each as unknown[]) : [arg];
        setPath(next, path, [...((get(next, path) as unknown[] | undefined) ?? []), ...structuredClone(each)]);
      } else if (op === '$pull') {
        const list = get(next, path);
        if (Array.isArray(list))
          setPath(
            next,
            path,
            list.filter((x) => !equal(x, arg)),
          );
      } else if (op === '$unset') delete (next as Record<string, unknown>)[path];
      else throw new DbError('DATABASE_REQUEST_FAILED', `update operator ${op} not supported by the fake`);
    }
  }
  return next;
}

export class CloudbaseFake {
  readonly requests: RecordedRequest[] = [];
  /** Return an error `{ code, message }` to answer a request with it instead (fault injection). */
  failWith: ((request: RecordedRequest) => { code: string; message: string } | undefined) | null = null;
  /**
   * Answer with an error `{ code, message }` AFTER the request took effect: the reply that never arrives
   * (a timeout once the write, or the commit, succeeded).
   */
  failAfter: ((request: RecordedRequest) => { code: string; message: string } | undefined) | null = null;
  /**
   * How many requests an idle transaction outlives before the server aborts it (CloudBase's 30-second
   * limit, counted in requests here). Off by default: set it where faults can leave a transaction open.
   */
  txIdleRequests = Infinity;
  /**
   * A network round trip in milliseconds (the bench's 10 ms inside a region): each request waits half of it
   * before the fake answers and half after. 0 (the default) answers at once, as the tests expect.
   */
  rtt = 0;
  private readonly collections = new Map<string, Map<string, Stored>>();
  private readonly txs = new Map<string, Tx>();
  private version = 0;
  private txSeq = 0;
  private scope: nock.Scope | null = null;

  install(): this {
    nock.disableNetConnect();
    // nock calls the reply function with its own `this`; the fake is reached through this binding.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const fake = this;
    this.scope = nock(HOST)
      .persist()
      .post(/^\/admin/)
      .reply(function (path, body) {
        const host = String(this.req.headers.host ?? '');
        if (!fake.rtt) return [200, fake.handle(host, path, body as Body)];
        return fake.delayed(host, path, body as Body);
      });
    return this;
  }

  uninstall(): void {
    this.scope?.persist(false);
    nock.cleanAll();
    nock.enableNetConnect();
  }

  /** Forgets every collection, transaction and recorded request (between tests). */
  reset(): this {
    this.collections.clear();
    this.txs.clear();
    this.txSeq = 0;
    this.requests.length = 0;
    this.failWith = null;
    this.failAfter = null;
    this.txIdleRequests = Infinity;
    this.rtt = 0;
    return this;
  }

  /** Creates a collection with documents (test setup, as the deploy and the seed script would). */
  load(collection: string, docs: Doc[]): void {
    this.insertMany(collection, docs);
  }

  /** The seeding interface the demo data uses. */
  insertMany(collection: string, docs: Array<{ _id: string }>): void {
    const c = this.coll(collection, true)!;
    for (const doc of docs) c.set(doc._id, { doc: structuredClone(doc) as Doc, v: ++this.version });
  }

  /** Every document of a collection in id order. */
  dump(collection: string): Doc[] {
    return [...(this.coll(collection)?.values() ?? [])].map((s) => s.doc).sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  createCollection(name: string): void {
    this.coll(name, true);
  }

  actions(): string[] {
    return this.requests.map((r) => r.action);
  }

  private coll(name: string, create = false): Map<string, Stored> | undefined {
    if (!this.collections.has(name) && create) this.collections.set(name, new Map());
    return this.collections.get(name);
  }

  private existing(name: string): Map<string, Stored> {
    const c = this.coll(name);
    if (!c) throw new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);
    return c;
  }

  /** A request answered over a network `rtt` long: half on the way there, half on the way back. */
  private async delayed(host: string, path: string, body: Body): Promise<[number, Answer]> {
    const half = this.rtt / 2;
    const sentAt = performance.now();
    await new Promise((done) => setTimeout(done, half));
    const start = performance.now();
    const answer = this.handle(host, path, body);
    const request = this.requests[this.requests.length - 1] as RecordedRequest;
    request.handleMs = performance.now() - start;
    await new Promise((done) => setTimeout(done, half));
    request.sentAt = sentAt;
    request.answeredAt = performance.now();
    return [200, answer];
  }

  handle(host: string, path: string, body: Body): Answer {
    const request: RecordedRequest = {
      host,
      path,
      action: body.action,
      body,
      query: parse(body.query),
      data: Array.isArray(body.data) ? body.data.map(parse) : parse(body.data),
    };
    this.requests.push(request);
    const requestId = `fake-${this.requests.length}`;
    try {
      const injected = this.failWith?.(request);
      if (injected) throw new DbError(injected.code, injected.message);
      const answer = { requestId, ...this.run(request) };
      const lost = this.failAfter?.(request);
      if (lost) throw new DbError(lost.code, lost.message);
      return answer;
    } catch (error) {
      if (error instanceof DbError) return { requestId, code: error.code, message: error.message };
      throw error;
    }
  }

  private tx(id: unknown, request: RecordedRequest): Tx | null {
    if (!id) return null;
    // A WHERE operation does not join a transaction on CloudBase: it runs on its own.
    if (request.body.queryType === 'WHERE') return null;
    const tx = this.txs.get(String(id));
    if (!tx || !this.alive(tx)) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} is not open`);
    tx.touched = this.requests.length;
    return tx;
  }

  /** A document as a transaction sees it: its own writes first, then the version it first saw (a snapshot). */
  private view(tx: Tx | null, collection: string, id: string): Doc | null {
    const key = `${collection}/${id}`;
    const stored = this.coll(collection)?.get(id);
    if (tx) {
      if (tx.writes.has(key)) return structuredClone(tx.writes.get(key) ?? null);
      if (!tx.seen.has(key)) {
        tx.seen.set(key, stored?.v ?? 0);
        tx.snap.set(key, stored ? structuredClone(stored.doc) : null);
      }
      return structuredClone(tx.snap.get(key) ?? null);
    }
    return stored ? structuredClone(stored.doc) : null;
  }

  /** Open, and not yet aborted by the server for being left idle (a client that lost its reply never ends it). */
  private alive(tx: Tx): boolean {
    if (tx.open && this.requests.length - tx.touched > this.txIdleRequests) tx.open = false;
    return tx.open;
  }

  private txWrite(tx: Tx, collection: string, id: string, doc: Doc | null): void {
    const key = `${collection}/${id}`;
    for (const other of this.txs.values()) {
      if (other !== tx && this.alive(other) && other.writes.has(key))
        throw new DbError('DATABASE_TRANSACTION_CONFLICT', `write conflict on ${key}`);
    }
    const current = this.coll(collection)?.get(id)?.v ?? 0;
    if (!tx.seen.has(key)) tx.seen.set(key, current);
    if (tx.seen.get(key) !== current) throw new DbError('DATABASE_TRANSACTION_CONFLICT', `write conflict on ${key}`);
    tx.writes.set(key, doc);
  }

  private write(collection: string, doc: Doc | null, id: string): void {
    const c = this.existing(collection);
    if (doc) c.set(id, { doc, v: ++this.version });
    else c.delete(id);
  }

  private run(request: RecordedRequest): Answer {
    const { body } = request;
    const name = String(body.collectionName ?? '');
    switch (body.action) {
      case 'database.addCollection':
        if (this.coll(name)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} exists`);
        this.coll(name, true);
        return {};
      case 'database.startTransaction': {
        const id = `tx-${++this.txSeq}`;
        this.txs.set(id, {
          writes: new Map(),
          seen: new Map(),
          snap: new Map(),
          open: true,
          touched: this.requests.length,
        });
        return { transactionId: id };
      }
      case 'database.commitTransaction': {
        const tx = this.txs.get(String(body.transactionId));
        if (!tx || !this.alive(tx)) throw new DbError('DATABASE_TRANSACTION_FAIL', 'transaction is not open');
        tx.open = false;
        for (const key of tx.writes.keys()) {
          const [collection, id] = key.split('/') as [string, string];
          if ((this.coll(collection)?.get(id)?.v ?? 0) !== tx.seen.get(key))
            throw new DbError('DATABASE_TRANSACTION_CONFLICT', `write conflict on ${key}`);
        }
        for (const [key, doc] of tx.writes) {
          const [collection, id] = key.split('/') as [string, string];
          this.write(collection, doc, id);
        }
        return {};
      }
      case 'database.abortTransaction': {
        const tx = this.txs.get(String(body.transactionId));
        if (tx) tx.open = false;
        return {};
      }
      case 'database.insertDocument': {
        const tx = this.tx(body.transactionId, request);
        const c = this.existing(name);
        const docs = request.data as Doc[];
        const ids: string[] = [];
        for (const doc of docs) {
          const id = doc._id ?? `auto${++this.version}`;
          const exists = tx ? this.view(tx, name, id) !== null : c.has(id);
          if (exists)
            throw new DbError(
              'DATABASE_DUPLICATE_WRITE',
              `E11000 duplicate key error collection: ${name} index: _id_ dup key: { _id: "${id}" }`,
            );
          if (tx) this.txWrite(tx, name, id, { ...doc, _id: id });
          else this.write(name, { ...doc, _id: id }, id);
          ids.push(id);
        }
        return { data: { insertedIds: ids } };
      }
      case 'database.getDocument': {
        const tx = this.tx(body.transactionId, request);
        const q = (request.query ?? {}) as Record<string, unknown>;
        if (body.queryType === 'DOC') {
          const doc = this.view(tx, name, String(q._id));
          return { data: { list: doc ? [EJSON.stringify(doc, { relaxed: false })] : [] } };
        }
        const c = this.existing(name);
        let rows = [...c.values()].map((s) => s.doc).filter((d) => matches(d, q));
        const order = Object.entries((parse(body.order) ?? {}) as Record<string, number>);
        rows.sort((a, b) => {
          for (const [field, dir] of order) {
            const r = compare(get(a, field), get(b, field));
            if (r !== 0) return dir < 0 ? -r : r;
          }
          return 0;
        });
        const offset = Number(body.offset ?? 0);
        const limit = Math.min(Number(body.limit ?? 100), 1000);
        rows = rows.slice(offset, offset + limit);
        return { data: { list: rows.map((d) => EJSON.stringify(d, { relaxed: false })) } };
      }
      case 'database.calculateDocument': {
        const q = (request.query ?? {}) as Record<string, unknown>;
        return { data: { total: [...this.existing(name).values()].filter((s) => matches(s.doc, q)).length } };
      }
      case 'database.modifyDocument': {
        const tx = this.tx(body.transactionId, request);
        const q = (request.query ?? {}) as Record<string, unknown>;
        const data = request.data as Record<string, unknown>;
        if (body.queryType === 'DOC') {
          const id = String(q._id);
          const doc = this.view(tx, name, id);
          if (!tx) this.existing(name);
          let next: Doc | null = null;
          if (body.merge === false) next = { ...(data as object), _id: id } as Doc;
          else if (doc) next = applyUpdate(doc, data);
          if (!next || (doc && JSON.stringify(next) === JSON.stringify(doc))) return { data: { updated: 0 } };
          if (tx) this.txWrite(tx, name, id, next);
          else this.write(name, next, id);
          return { data: doc ? { updated: 1 } : { updated: 0, upsert_id: id } };
        }
        const c = this.existing(name);
        let updated = 0;
        // A filter on one id looks at that document only (as the database's _id index would), not the collection.
        const candidates = typeof q._id === 'string' ? [c.get(q._id)].filter((x) => x !== undefined) : [...c.values()];
        for (const stored of candidates.filter((s) => matches(s.doc, q))) {
          const next = applyUpdate(stored.doc, data);
          if (JSON.stringify(next) === JSON.stringify(stored.doc)) continue;
          this.write(name, next, next._id);
          updated++;
          if (body.multi === false) break;
        }
        return { data: { updated } };
      }
      case 'database.removeDocument': {
        const tx = this.tx(body.transactionId, request);
        const q = (request.query ?? {}) as Record<string, unknown>;
        if (body.queryType !== 'DOC') throw new DbError('DATABASE_REQUEST_FAILED', 'only removal by id is modelled');
        const id = String(q._id);
        const doc = this.view(tx, name, id);
        if (!doc) return { data: { deleted: 0 } };
        if (tx) this.txWrite(tx, name, id, null);
        else this.write(name, null, id);
        return { data: { deleted: 1 } };
      }
      default:
        throw new DbError('DATABASE_REQUEST_FAILED', `action ${body.action} not modelled by the fake`);
    }
  }
}

export const FAKE_ENV = 'hongling-test-1a2b';

/**
 * The SDK's database as inside a CloudBase function (TENCENTCLOUD_RUNENV=SCF: requests go to the
 * environment's internal endpoint), for the fake to answer.
 */
export function sdkDatabase() {
  process.env.TENCENTCLOUD_RUNENV = 'SCF';
  process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
  process.env.SCF_NAMESPACE = FAKE_ENV;
  process.env.SILENCE = 'true';
  return tcb.init({ env: FAKE_ENV, secretId: 'AKIDtest', secretKey: 'test-key' }).database();
}
