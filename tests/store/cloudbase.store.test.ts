import { CloudbaseStore } from '../../cloudfunctions/core/store/cloudbase.store';
import { StoreBusyError, StoreConflictError, type Doc } from '../../cloudfunctions/core/store/store.port';
import { CloudbaseFake, sdkDatabase } from './support/cloudbase-fake';
import { contractIndexes, describeStoreContract } from './store.contract';

const fake = new CloudbaseFake();
beforeAll(() => fake.install());
afterAll(() => fake.uninstall());

function makeStore(options: Partial<ConstructorParameters<typeof CloudbaseStore>[1]> = {}): CloudbaseStore {
  fake.reset();
  return new CloudbaseStore(sdkDatabase(), { indexes: contractIndexes, ...options });
}

describeStoreContract('CloudBase through @cloudbase/node-sdk, network intercepted', () => makeStore());

type Item = Doc & { group: string; rank: number; status: string };

describe('CloudBase adapter: the requests it sends', () => {
  let store: CloudbaseStore;
  beforeEach(() => {
    store = makeStore();
    fake.load(
      'items',
      Array.from({ length: 6 }, (_, i) => ({ _id: `i${i}`, group: i % 2 ? 'odd' : 'even', rank: i, status: 'open' })),
    );
  });

  test("every request is a signed POST to the environment's /admin endpoint", async () => {
    await store.get('items', 'i1');
    const [request] = fake.requests;
    expect(request?.host).toBe('hongling-test-1a2b.internal.ap-shanghai.tcb-api.tencentcloudapi.com');
    expect(request?.path).toMatch(/^\/admin\?env=hongling-test-1a2b&/);
    expect(request?.body).toMatchObject({ envName: 'hongling-test-1a2b', action: 'database.getDocument' });
  });

  test('get by id is one DOC getDocument; a missing document is null', async () => {
    expect(await store.get<Item>('items', 'i1')).toEqual({ _id: 'i1', group: 'odd', rank: 1, status: 'open' });
    expect(await store.get('items', 'none')).toBeNull();
    expect(fake.requests.map((r) => [r.action, r.body.queryType, r.query])).toEqual([
      ['database.getDocument', 'DOC', { _id: 'i1' }],
      ['database.getDocument', 'DOC', { _id: 'none' }],
    ]);
  });

  test('insert is one insertDocument carrying the whole document with its id', async () => {
    await store.insert('items', { _id: 'new', group: 'odd', rank: 9, status: 'open', tags: ['a'], meta: { by: 'x' } });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      action: 'database.insertDocument',
      data: [{ _id: 'new', group: 'odd', rank: 9, status: 'open', tags: ['a'], meta: { by: 'x' } }],
    });
  });

  test('a conditional update is one WHERE modifyDocument with the whole filter and update operators', async () => {
    expect(
      await store.update(
        'items',
        { _id: 'i1', status: 'open' },
        { status: 'claimed', n: { $inc: 1 }, history: { $push: { at: 't', to: 'claimed' } }, meta: { a: 1 } },
      ),
    ).toBe(1);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      action: 'database.modifyDocument',
      body: { queryType: 'WHERE', multi: true, merge: true, upsert: false },
      query: { _id: 'i1', status: 'open' },
      data: {
        $set: { status: 'claimed', meta: { a: 1 } },
        $inc: { n: 1 },
        $push: { history: { $each: [{ at: 't', to: 'claimed' }] } },
      },
    });
  });

  test('an object value replaces the field, as on SQLite, instead of merging into it', async () => {
    await store.update('items', { _id: 'i1' }, { meta: { a: 1, b: 2 } });
    await store.update('items', { _id: 'i1' }, { meta: { c: 3 } });
    expect((await store.get<Item & { meta: unknown }>('items', 'i1'))?.meta).toEqual({ c: 3 });
  });

  test('find sends filter, order with _id last, and one more than the page size', async () => {
    const page = await store.find<Item>('items', {
      where: { group: 'even', rank: { $gte: 0, $lt: 5 } },
      orderBy: [['rank', 'desc']],
      limit: 2,
    });
    expect(page.items.map((d) => d._id)).toEqual(['i4', 'i2']);
    expect(fake.requests[0]).toMatchObject({
      action: 'database.getDocument',
      body: { queryType: 'WHERE', limit: 3 },
      query: { group: 'even', $and: [{ rank: { $gte: 0 } }, { rank: { $lt: 5 } }] },
    });
    expect(JSON.parse(String(fake.requests[0]?.body.order))).toEqual({
      rank: { $numberInt: '-1' },
      _id: { $numberInt: '-1' },
    });
    const rest = await store.find<Item>('items', {
      where: { group: 'even', rank: { $gte: 0, $lt: 5 } },
      orderBy: [['rank', 'desc']],
      limit: 2,
      after: page.next,
    });
    expect(rest).toEqual({ items: [expect.objectContaining({ _id: 'i0' })], next: null });
    // The next page continues strictly after (rank 2, _id i2) in one $or.
    expect(fake.requests[1]?.query).toEqual({
      $and: [
        { group: 'even', $and: [{ rank: { $gte: 0 } }, { rank: { $lt: 5 } }] },
        { $or: [{ rank: { $lt: 2 } }, { rank: 2, _id: { $lt: 'i2' } }] },
      ],
    });
  });

  test('a page of 1000 asks for at most 1000 documents', async () => {
    await store.find('items', { where: { group: 'odd' }, orderBy: [['rank', 'asc']], limit: 5000 });
    expect(fake.requests[0]?.body.limit).toBe(1000);
  });

  test('count is one calculateDocument', async () => {
    expect(await store.count('items', { status: 'open', rank: { $lt: 3 } })).toBe(3);
    expect(fake.requests[0]).toMatchObject({
      action: 'database.calculateDocument',
      query: { status: 'open', rank: { $lt: 3 } },
    });
  });

  test('an undefined filter value is refused before any request is sent', async () => {
    const undef = undefined as unknown as string;
    await expect(store.update('items', { _id: 'i1', status: undef }, { status: 'x' })).rejects.toThrow(
      /status is undefined/,
    );
    await expect(store.update('items', { status: { $in: [undef] } }, { status: 'x' })).rejects.toThrow(/\$in/);
    await expect(store.find('items', { where: { group: undef } })).rejects.toThrow(/undefined/);
    await expect(store.count('items', { status: { $gte: undef } })).rejects.toThrow(/undefined/);
    await expect(store.update('items', {}, { status: 'x' })).rejects.toThrow(/needs a filter/);
    expect(fake.requests).toHaveLength(0);
    expect(fake.dump('items').every((d) => d.status === 'open')).toBe(true);
  });

  test('DATABASE_DUPLICATE_WRITE becomes the store conflict, inside a transaction too', async () => {
    await expect(store.insert('items', { _id: 'i1', group: 'x', rank: 0, status: 'x' })).rejects.toEqual(
      new StoreConflictError('items', 'i1'),
    );
    await expect(
      store.transaction((tx) => tx.insert('items', { _id: 'i2', group: 'x', rank: 0, status: 'x' })),
    ).rejects.toBeInstanceOf(StoreConflictError);
    expect(fake.actions().slice(-1)).toEqual(['database.abortTransaction']);
  });

  test('a collection that does not exist yet reads as empty and is created on the first insert', async () => {
    expect(await store.get('fresh', 'a')).toBeNull();
    expect(await store.find('fresh', {})).toEqual({ items: [], next: null });
    expect(await store.count('fresh', {})).toBe(0);
    expect(await store.update('fresh', { _id: 'a' }, { x: 1 })).toBe(0);
    await store.insert('fresh', { _id: 'a', x: 1 });
    expect(fake.actions().slice(-3)).toEqual([
      'database.insertDocument',
      'database.addCollection',
      'database.insertDocument',
    ]);
    expect(fake.dump('fresh')).toEqual([{ _id: 'a', x: 1 }]);
  });

  test('any other platform error reaches the caller with its code', async () => {
    fake.failWith = () => ({ code: 'DATABASE_PERMISSION_DENIED', message: 'Permission denied' });
    await expect(store.get('items', 'i1')).rejects.toMatchObject({ code: 'DATABASE_PERMISSION_DENIED' });
  });
});

describe('CloudBase adapter: transactions', () => {
  let store: CloudbaseStore;
  beforeEach(() => {
    store = makeStore();
    fake.load('accounts', [
      { _id: 'a', balance: 10 },
      { _id: 'b', balance: 0 },
    ]);
  });

  const transfer = (s: CloudbaseStore) =>
    s.transaction(async (tx) => {
      const a = await tx.get<Doc & { balance: number }>('accounts', 'a');
      if (!a || a.balance < 5) throw new Error('insufficient');
      await tx.update('accounts', 'a', { balance: a.balance - 5 });
      await tx.update('accounts', 'b', { balance: { $inc: 5 } });
      await tx.insert('ledger', { _id: `t${a.balance}`, amount: 5 });
      return a.balance - 5;
    });

  test('use only document operations by id, between start and commit', async () => {
    fake.createCollection('ledger');
    expect(await transfer(store)).toBe(5);
    const actions = fake.actions();
    expect(actions[0]).toBe('database.startTransaction');
    expect(actions[actions.length - 1]).toBe('database.commitTransaction');
    const inside = fake.requests.slice(1, -1);
    expect(inside).toHaveLength(4);
    for (const r of inside) {
      expect(r.body.transactionId).toBe('tx-1');
      expect(r.action === 'database.insertDocument' || r.body.queryType === 'DOC').toBe(true);
    }
    expect(fake.dump('accounts')).toEqual([
      { _id: 'a', balance: 5 },
      { _id: 'b', balance: 5 },
    ]);
  });

  test('a failure rolls back with abortTransaction and writes nothing', async () => {
    fake.createCollection('ledger');
    fake.failWith = (r) =>
      r.action === 'database.insertDocument' ? { code: 'DATABASE_REQUEST_FAILED', message: 'boom' } : undefined;
    await expect(transfer(store)).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(fake.actions().slice(-1)).toEqual(['database.abortTransaction']);
    expect(fake.dump('accounts')).toEqual([
      { _id: 'a', balance: 10 },
      { _id: 'b', balance: 0 },
    ]);
    expect(fake.dump('ledger')).toEqual([]);
  });

  test('concurrent transactions on one document: write conflicts are retried, the balance never goes below zero', async () => {
    fake.createCollection('ledger');
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => transfer(store)));
    const done = results.filter((r) => r.status === 'fulfilled');
    expect(done).toHaveLength(2);
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/insufficient|gave up/);
    expect(fake.dump('accounts')).toEqual([
      { _id: 'a', balance: 0 },
      { _id: 'b', balance: 10 },
    ]);
    expect(fake.dump('ledger')).toHaveLength(2);
    expect(fake.actions().filter((a) => a === 'database.startTransaction').length).toBeGreaterThan(6);
  });

  test('a transaction that keeps conflicting gives up with StoreBusyError', async () => {
    const busy = makeStore({ txAttempts: 3 });
    fake.load('accounts', [
      { _id: 'a', balance: 10 },
      { _id: 'b', balance: 0 },
    ]);
    fake.createCollection('ledger');
    fake.failWith = (r) =>
      r.action === 'database.commitTransaction'
        ? { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'write conflict' }
        : undefined;
    await expect(transfer(busy)).rejects.toBeInstanceOf(StoreBusyError);
    expect(fake.actions().filter((a) => a === 'database.startTransaction')).toHaveLength(3);
  });

  test('a transaction the server lost (DATABASE_TRANSACTION_FAIL) is retried like a conflict, then gives up with BUSY', async () => {
    const busy = makeStore({ txAttempts: 3 });
    fake.load('accounts', [
      { _id: 'a', balance: 10 },
      { _id: 'b', balance: 0 },
    ]);
    fake.createCollection('ledger');
    let failures = 1;
    fake.failWith = (r) =>
      r.action === 'database.commitTransaction' && failures-- > 0
        ? {
            code: 'DATABASE_TRANSACTION_FAIL',
            message: '[ResourceUnavailable.TransactionNotExist] Transaction does not exist',
          }
        : undefined;
    await transfer(busy);
    expect(fake.dump('accounts')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ _id: 'a', balance: 5 }),
        expect.objectContaining({ _id: 'b', balance: 5 }),
      ]),
    );
    failures = 99;
    await expect(transfer(busy)).rejects.toBeInstanceOf(StoreBusyError);
  });

  test('a store call from inside a transaction fails at once', async () => {
    await expect(store.transaction(async () => store.get('accounts', 'a'))).rejects.toThrow(/inside a transaction/);
  });
});
