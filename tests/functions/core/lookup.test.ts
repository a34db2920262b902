import { loadByIds, loadPlaces, PLACE_TTL_MS } from '../../../cloudfunctions/core/runtime/lookup';
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

test('loadPlaces reads a place once per minute per store, and again once that has passed', async () => {
  const h = createHarness({ seed: false });
  h.store.insertMany('units', [
    { _id: 'u1', name: '1单元' },
    { _id: 'u2', name: '2单元' },
  ]);
  const find = jest.spyOn(h.store, 'find');
  const t = 1_000_000;
  expect([...(await loadPlaces(h.store, 'units', ['u1', 'nope'], t)).keys()]).toEqual(['u1']);
  expect(find).toHaveBeenCalledTimes(1);
  // Cached, the missing one too: no read.
  expect([...(await loadPlaces(h.store, 'units', ['u1', 'nope'], t + 1000)).keys()]).toEqual(['u1']);
  expect(find).toHaveBeenCalledTimes(1);
  // Only what is not cached is read.
  expect((await loadPlaces(h.store, 'units', ['u1', 'u2'], t + 2000)).size).toBe(2);
  expect(find).toHaveBeenCalledTimes(2);
  expect(find.mock.calls[1]?.[1]).toMatchObject({ where: { _id: { $in: ['u2'] } } });
  // A minute on, read again: a renamed place shows its new name.
  await h.store.update('units', { _id: 'u1' }, { name: '一单元' });
  expect((await loadPlaces(h.store, 'units', ['u1'], t + PLACE_TTL_MS + 1)).get('u1')).toMatchObject({
    name: '一单元',
  });
  // Another store (another environment) has its own.
  const other = createHarness({ seed: false });
  expect((await loadPlaces(other.store, 'units', ['u1'], t)).size).toBe(0);
});
