import { loadByIds } from '../../../cloudfunctions/core/runtime/lookup';
import { createHarness } from '../../support/harness';

/**
 * Documents by id for a long list (a month's problems behind the district's statistics): every one comes
 * back, although CloudBase answers at most 1000 documents a query and SQLite binds a bounded number of values.
 */
test('loadByIds returns all of 2,500 documents, and nothing for ids that do not exist', async () => {
  const h = createHarness({ seed: false });
  const ids = Array.from({ length: 2500 }, (_, i) => `p${String(i).padStart(5, '0')}`);
  h.store.insertMany(
    'problems',
    ids.map((_id, i) => ({ _id, n: i })),
  );
  const found = await loadByIds(h.store, 'problems', [...ids, 'missing', null, '', ids[0]]);
  expect(found.size).toBe(2500);
  expect(found.get('p02499')).toMatchObject({ n: 2499 });
  expect(found.has('missing')).toBe(false);
  expect((await loadByIds(h.store, 'problems', [])).size).toBe(0);
});
