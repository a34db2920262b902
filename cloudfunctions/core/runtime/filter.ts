import { fail, type Failure } from '@shared/core/result';
import type { ListFilter } from '@shared/core/fields';
import { beijingInstant } from '@shared/core/time';
import { encodeCursor, type Doc, type FindPage, type OrderBy, type Store, type Where } from '../store/store.port';

/**
 * Admin lists narrowed by what a person types or picks (issue 15, part 6). The list's own query (its scope,
 * its state tab, its time order) still comes from its index; a date range on the field the list is ordered
 * by joins that query (the same index serves it); what no index can serve — part of a name or a title, a
 * whole phone number, a grid or a unit — is matched on the documents as they are read, a batch at a time,
 * until a page is full or `maxScan` documents were read. `next` then continues after the last one read, so
 * 加载更多 goes on where the reading stopped, and a page may hold fewer than `limit` even when more follow.
 */

const BATCH = 200;
const MAX_SCAN = 1000;
const PHONE = /^1[3-9]\d{9}$/;

/** The fields of a record the filter reads: its names and titles, its phones, its grid and unit. */
export type Searchable<T> = {
  text: (doc: T) => Array<string | null | undefined>;
  phones: (doc: T) => Array<string | null | undefined>;
};

/** A date range's problems as field errors, or null. */
export function filterProblems(filter: ListFilter): Failure | null {
  if (filter.from && filter.to && filter.from > filter.to)
    return fail('INPUT.INVALID', { to: '结束日期不能早于开始日期' });
  return null;
}

/** The ISO range of the Beijing days from–to (both included). */
export function dayRange(filter: ListFilter): { $gte?: string; $lt?: string } | null {
  if (!filter.from && !filter.to) return null;
  const next = (date: string) => new Date(beijingInstant(date).getTime() + 86_400_000).toISOString();
  return {
    ...(filter.from ? { $gte: beijingInstant(filter.from).toISOString() } : {}),
    ...(filter.to ? { $lt: next(filter.to) } : {}),
  };
}

/** Whether a record matches what was typed and picked (the date range is the query's). */
export function matcher<T extends Doc & { gridId?: string | null; unitId?: string | null }>(
  filter: ListFilter,
  fields: Searchable<T>,
): ((doc: T) => boolean) | null {
  const q = filter.q?.trim();
  if (!q && !filter.gridId && !filter.unitId) return null;
  return (doc) => {
    if (filter.gridId && doc.gridId !== filter.gridId) return false;
    if (filter.unitId && doc.unitId !== filter.unitId) return false;
    if (!q) return true;
    if (PHONE.test(q)) return fields.phones(doc).some((p) => p === q);
    return fields.text(doc).some((t) => !!t && t.includes(q));
  };
}

/** The cursor that continues a list after `doc` (the store's keyset: the order fields, then the id). */
function cursorAfter(orderBy: OrderBy, doc: Doc): string {
  return encodeCursor([...orderBy.map(([f]) => (doc as Record<string, unknown>)[f] ?? null), doc._id]);
}

/**
 * A page of `collection` in `orderBy` order within `where`, narrowed by `filter`: the date range on
 * `orderBy`'s first field joins the query; the rest is matched as read.
 */
export async function findFiltered<T extends Doc & { gridId?: string | null; unitId?: string | null }>(
  store: Store,
  collection: string,
  query: { where: Where; orderBy: OrderBy; limit: number; after?: string | null },
  filter: ListFilter,
  fields: Searchable<T>,
): Promise<FindPage<T>> {
  const range = dayRange(filter);
  const timeField = query.orderBy[0]?.[0];
  const where: Where = range && timeField ? { ...query.where, [timeField]: range } : query.where;
  const match = matcher(filter, fields);
  if (!match)
    return store.find<T>(collection, { where, orderBy: query.orderBy, limit: query.limit, after: query.after ?? null });
  const items: T[] = [];
  let after = query.after ?? null;
  let scanned = 0;
  for (;;) {
    const page = await store.find<T>(collection, { where, orderBy: query.orderBy, limit: BATCH, after });
    for (const [i, doc] of page.items.entries()) {
      scanned++;
      if (!match(doc)) continue;
      items.push(doc);
      if (items.length === query.limit) {
        const last = i === page.items.length - 1 && !page.next;
        return { items, next: last ? null : cursorAfter(query.orderBy, doc) };
      }
    }
    if (!page.next) return { items, next: null };
    if (scanned >= MAX_SCAN) return { items, next: page.next };
    after = page.next;
  }
}
