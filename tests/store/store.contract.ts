import type { IndexDef } from '../../cloudfunctions/core/store/indexes';
import {
  StoreConflictError,
  UncoveredQueryError,
  type Doc,
  type Store,
} from '../../cloudfunctions/core/store/store.port';

/** The indexes the contract suite declares for its own collections. */
export const contractIndexes: IndexDef[] = [
  { collection: 'items', fields: ['group', 'rank'] },
  { collection: 'items', fields: ['status', 'rank'] },
];

type Item = Doc & { group: string; rank: number; status: string; n?: number; tags?: string[] };

/**
 * What any adapter of the store port must do (SQLite now, CloudBase in issue 7): run it with
 * `describeStoreContract('name', () => makeStore(contractIndexes))`.
 */
export function describeStoreContract(name: string, make: () => Store) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = make();
      for (let i = 0; i < 25; i++) {
        await store.insert('items', {
          _id: `i${String(i).padStart(2, '0')}`,
          group: i % 2 ? 'odd' : 'even',
          rank: i % 7,
          status: 'open',
        });
      }
    });
    afterEach(() => store.close());

    test('get by id returns the document or null', async () => {
      expect(await store.get<Item>('items', 'i03')).toEqual({ _id: 'i03', group: 'odd', rank: 3, status: 'open' });
      expect(await store.get('items', 'nope')).toBeNull();
      expect(await store.get('never_created', 'x')).toBeNull();
    });

    test('a duplicate insert fails with a conflict and changes nothing', async () => {
      await expect(store.insert('items', { _id: 'i03', group: 'x', rank: 0, status: 'x' })).rejects.toBeInstanceOf(
        StoreConflictError,
      );
      expect((await store.get<Item>('items', 'i03'))?.group).toBe('odd');
    });

    test('conditional update reports how many documents changed; $inc and $push apply', async () => {
      expect(
        await store.update(
          'items',
          { _id: 'i03', status: 'open' },
          { status: 'claimed', n: { $inc: 2 }, tags: { $push: 'a' } },
        ),
      ).toBe(1);
      expect(await store.update('items', { _id: 'i03', status: 'open' }, { status: 'claimed' })).toBe(0);
      expect(await store.get('items', 'i03')).toEqual({
        _id: 'i03',
        group: 'odd',
        rank: 3,
        status: 'claimed',
        n: 2,
        tags: ['a'],
      });
      expect(await store.update('items', { status: 'open', rank: { $gte: 5 } }, { status: 'late' })).toBe(6);
    });

    test('list members: $nin and $has filter on a list field, $pull removes a value; a keyed take is idempotent', async () => {
      const take = (key: string) =>
        store.update(
          'items',
          { _id: 'i07', n: { $gt: 0 }, takers: { $nin: [key] } },
          { n: { $inc: -1 }, takers: { $push: key } },
        );
      await store.update('items', { _id: 'i07' }, { n: 2 });
      // A field that is missing holds nothing: the first take passes; taking again with the same key does not.
      expect(await take('k1')).toBe(1);
      expect(await take('k1')).toBe(0);
      expect(await take('k2')).toBe(1);
      expect(await take('k3')).toBe(0);
      expect(await store.get('items', 'i07')).toMatchObject({ n: 0, takers: ['k1', 'k2'] });
      const giveBack = (key: string) =>
        store.update('items', { _id: 'i07', takers: { $has: key } }, { n: { $inc: 1 }, takers: { $pull: key } });
      expect(await giveBack('k1')).toBe(1);
      expect(await giveBack('k1')).toBe(0);
      expect(await giveBack('k9')).toBe(0);
      expect(await store.get('items', 'i07')).toMatchObject({ n: 1, takers: ['k2'] });
      // A plain value counts as a list of itself.
      expect(await store.update('items', { _id: 'i07', status: { $nin: ['claimed', 'late'] } }, { s: 1 })).toBe(1);
      expect(await store.update('items', { _id: 'i07', status: { $has: 'open' } }, { s: 2 })).toBe(1);
    });

    test('a conditional update race has exactly one winner', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.update('items', { _id: 'i05', status: 'open' }, { status: 'claimed', by: `u${i}` }),
        ),
      );
      expect(results.filter((n) => n === 1)).toHaveLength(1);
      expect(results.filter((n) => n === 0)).toHaveLength(49);
    });

    test('find filters, orders and pages with a cursor, without gaps or repeats', async () => {
      const seen: Item[] = [];
      let after: string | null = null;
      do {
        const page: { items: Item[]; next: string | null } = await store.find<Item>('items', {
          where: { group: 'even' },
          orderBy: [['rank', 'desc']],
          limit: 4,
          after,
        });
        seen.push(...page.items);
        after = page.next;
      } while (after);
      expect(seen).toHaveLength(13);
      expect(new Set(seen.map((d) => d._id)).size).toBe(13);
      expect(seen.map((d) => d.rank)).toEqual([...seen.map((d) => d.rank)].sort((a, b) => b - a));
      const inList = await store.find<Item>('items', { where: { _id: { $in: ['i01', 'i02', 'zz'] } } });
      expect(inList.items.map((d) => d._id).sort()).toEqual(['i01', 'i02']);
    });

    test('find caps the limit at 1000', async () => {
      const page = await store.find('items', { where: { group: 'odd' }, orderBy: [['rank', 'asc']], limit: 5000 });
      expect(page.items).toHaveLength(12);
    });

    test('count counts the filter', async () => {
      expect(await store.count('items', { group: 'odd' })).toBe(12);
      expect(await store.count('items', { status: 'open', rank: { $lt: 2 } })).toBe(8);
    });

    test('a query no declared index covers is refused', async () => {
      await expect(store.find('items', { where: { rank: 1 } })).rejects.toBeInstanceOf(UncoveredQueryError);
      await expect(store.count('items', { status: 'open', group: 'odd' })).rejects.toBeInstanceOf(UncoveredQueryError);
    });

    test('a transaction commits its writes by id together', async () => {
      await store.transaction(async (tx) => {
        const doc = await tx.get<Item>('items', 'i01');
        await tx.update('items', 'i01', { rank: (doc?.rank ?? 0) + 10 });
        await tx.insert('items', { _id: 'new', group: 'odd', rank: 1, status: 'open' });
        await tx.set('items', { _id: 'i02', group: 'even', rank: 0, status: 'replaced' });
        await tx.remove('items', 'i04');
      });
      expect((await store.get<Item>('items', 'i01'))?.rank).toBe(11);
      expect(await store.get('items', 'new')).not.toBeNull();
      expect((await store.get<Item>('items', 'i02'))?.status).toBe('replaced');
      expect(await store.get('items', 'i04')).toBeNull();
    });

    test('a failing transaction rolls back every write', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.update('items', 'i01', { status: 'gone' });
          await tx.insert('items', { _id: 'tmp', group: 'odd', rank: 1, status: 'open' });
          await tx.insert('items', { _id: 'i02', group: 'odd', rank: 1, status: 'open' });
        }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect((await store.get<Item>('items', 'i01'))?.status).toBe('open');
      expect(await store.get('items', 'tmp')).toBeNull();
    });

    test('writes outside a transaction never interleave with it', async () => {
      let inside!: () => void;
      const gate = new Promise<void>((r) => (inside = r));
      const tx = store.transaction(async (t) => {
        await t.update('items', 'i06', { status: 'tx' });
        await gate;
        throw new Error('abort');
      });
      const outside = store.update('items', { _id: 'i07' }, { status: 'outside' });
      inside();
      await expect(tx).rejects.toThrow('abort');
      expect(await outside).toBe(1);
      expect((await store.get<Item>('items', 'i06'))?.status).toBe('open');
      expect((await store.get<Item>('items', 'i07'))?.status).toBe('outside');
    });

    test('an undefined filter value is refused instead of widening the update', async () => {
      await expect(
        store.update('items', { _id: 'i01', status: undefined as unknown as string }, { status: 'x' }),
      ).rejects.toThrow();
      expect((await store.get<Item>('items', 'i01'))?.status).toBe('open');
    });
  });
}
