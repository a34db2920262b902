import type { Doc, Store } from '../store/store.port';

/** Loads documents by id in one query (CloudBase: `_.in` on `_id`, at most 1000 ids). */
export async function loadByIds<T extends Doc>(
  store: Store,
  collection: string,
  ids: Iterable<string | null | undefined>,
): Promise<Map<string, T>> {
  const unique = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id.length > 0))];
  if (unique.length === 0) return new Map();
  const page = await store.find<T>(collection, { where: { _id: { $in: unique } }, limit: unique.length });
  return new Map(page.items.map((d) => [d._id, d]));
}

export function nameOf(map: Map<string, Doc>, id: string | null | undefined): string {
  const doc = id ? map.get(id) : undefined;
  return typeof doc?.name === 'string' ? doc.name : '';
}
