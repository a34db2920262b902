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

/** The organisation tree's places, whose names views show beside almost everything. */
export type PlaceCollection = 'communities' | 'grids' | 'units' | 'departments' | 'orgs';

/** How long a warm instance trusts a place it read: places are renamed or retired rarely, and a view may lag. */
export const PLACE_TTL_MS = 60_000;

const placeCache = new WeakMap<Store, Map<string, { doc: Doc | null; until: number }>>();

/**
 * Places by id for views (their names), from a short cache kept per store, so a warm instance does not read
 * the same communities, grids and units on every call (one round trip fewer on most answers). Decisions
 * (scope, validation) read places from the store itself.
 */
export async function loadPlaces<T extends Doc>(
  store: Store,
  collection: PlaceCollection,
  ids: Iterable<string | null | undefined>,
  now = Date.now(),
): Promise<Map<string, T>> {
  let cache = placeCache.get(store);
  if (!cache) placeCache.set(store, (cache = new Map()));
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id.length > 0))];
  const key = (id: string) => `${collection}/${id}`;
  const missing = wanted.filter((id) => (cache.get(key(id))?.until ?? 0) <= now);
  if (missing.length) {
    const loaded = await loadByIds(store, collection, missing);
    for (const id of missing) cache.set(key(id), { doc: loaded.get(id) ?? null, until: now + PLACE_TTL_MS });
  }
  const found = new Map<string, T>();
  for (const id of wanted) {
    const doc = cache.get(key(id))?.doc;
    if (doc) found.set(id, doc as T);
  }
  return found;
}

/**
 * Drops places from this instance's cache after they changed (renamed, retired, restored), so the next read
 * here sees them as they are; other instances see the change within PLACE_TTL_MS.
 */
export function forgetPlaces(store: Store, collection: PlaceCollection, ids: Iterable<string>): void {
  const cache = placeCache.get(store);
  if (!cache) return;
  for (const id of ids) cache.delete(`${collection}/${id}`);
}
