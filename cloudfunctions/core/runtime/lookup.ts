import type { Doc, Store } from '../store/store.port';

/** Ids per query: CloudBase answers at most 1000 documents a query, SQLite binds a bounded number of values. */
const IDS_PER_QUERY = 500;

/**
 * Loads documents by id: one `_.in` query on `_id` per 500 ids, all at once (one round trip however many
 * ids), so no document is left out of a long list.
 */
export async function loadByIds<T extends Doc>(
  store: Store,
  collection: string,
  ids: Iterable<string | null | undefined>,
): Promise<Map<string, T>> {
  const unique = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id.length > 0))];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) chunks.push(unique.slice(i, i + IDS_PER_QUERY));
  const pages = await Promise.all(
    chunks.map((chunk) => store.find<T>(collection, { where: { _id: { $in: chunk } }, limit: chunk.length })),
  );
  return new Map(pages.flatMap((page) => page.items.map((d) => [d._id, d] as const)));
}

export function nameOf(map: Map<string, Doc>, id: string | null | undefined): string {
  const doc = id ? map.get(id) : undefined;
  return typeof doc?.name === 'string' ? doc.name : '';
}
