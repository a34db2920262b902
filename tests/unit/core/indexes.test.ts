import { assertCovered, type IndexDef } from '../../../cloudfunctions/core/store/indexes';
import { indexes } from '../../../cloudfunctions/deployed/storage';

const defs: IndexDef[] = [{ collection: 'r', fields: ['a', 'b', 'c'] }];

describe('assertCovered', () => {
  test.each<[object, Array<[string, 'asc' | 'desc']>, boolean]>([
    [{ a: 1 }, [], true],
    [{ a: 1, b: 2 }, [['c', 'asc']], true],
    [{ b: 2, a: 1 }, [['c', 'desc']], true],
    [{ a: { $in: [1, 2] } }, [['b', 'asc']], true],
    [{ a: 1, b: { $gt: 1 } }, [], true],
    [{}, [['a', 'asc']], true],
    [{ _id: { $in: ['x'] } }, [], true],
    [{ b: 1 }, [], false],
    [{ a: 1 }, [['c', 'asc']], false],
    [{ a: 1, c: 1 }, [], false],
    [{ a: { $gt: 1 } }, [['b', 'asc']], false],
  ])('where %j order %j covered: %s', (where, order, ok) => {
    const run = () => assertCovered(defs, 'r', where as never, order);
    if (ok) expect(run).not.toThrow();
    else expect(run).toThrow(/no index/);
  });

  // find() sorts by the query's fields and then `_id` (keyset paging): an index that ends in `_id` lets
  // CloudBase read the page in index order instead of sorting it in memory.
  test('every declared index ends in _id', () => {
    expect(indexes.filter((d) => d.fields.at(-1) !== '_id')).toEqual([]);
  });

  test('every declared index has a unique name and known collection', () => {
    const names = indexes.map((d) => `${d.collection}:${d.fields.join(',')}`);
    expect(new Set(names).size).toBe(names.length);
  });
});
