import { eachLimited } from './parallel';
import type { Doc, FindPage, Store, Where } from '../store/store.port';

/** How many records of one list 我的数据 shows at a time. */
export const OWN_PAGE = 10;

/** One page of a person's own records, newest first (the list's index: `where` fields, then `order`, then `_id`). */
export function ownPage<T extends Doc>(
  store: Store,
  collection: string,
  where: Where,
  order: string,
  cursor?: string | null,
): Promise<FindPage<T>> {
  return store.find<T>(collection, {
    where,
    orderBy: [
      [order, 'desc'],
      ['_id', 'desc'],
    ],
    limit: OWN_PAGE,
    after: cursor ?? null,
  });
}

/**
 * 注销: every record the query finds, handed to `erase`, which must take it out of the query (its OPENID
 * field becomes the pseudonym, or it is removed); read from the start again until none is left.
 */
export async function drain<T extends Doc>(
  store: Store,
  collection: string,
  where: Where,
  order: string,
  erase: (doc: T) => Promise<void>,
): Promise<number> {
  let count = 0;
  let last = '';
  for (;;) {
    const page = await store.find<T>(collection, { where, orderBy: [[order, 'asc']], limit: 50 });
    if (!page.items.length) return count;
    const ids = page.items.map((d) => d._id).join(',');
    if (ids === last) throw new Error(`erasing ${collection} left ${ids} in place`);
    last = ids;
    // A few at once: a long ledger is many round trips on CloudBase, each document written on its own.
    await eachLimited(page.items, 10, erase);
    count += page.items.length;
  }
}

/**
 * 注销 resumed after a fault: the ids of the records a first run already moved to the pseudonym (`where` names
 * it), so that what follows (their audit records, the messages about them) is done for them too. A closing's
 * first run finds none.
 */
export async function erasedAlready(store: Store, collection: string, where: Where, order: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page: FindPage<Doc> = await store.find<Doc>(collection, {
      where,
      orderBy: [[order, 'asc']],
      limit: 1000,
      after,
    });
    ids.push(...page.items.map((d) => d._id));
    after = page.next;
  } while (after);
  return ids;
}
