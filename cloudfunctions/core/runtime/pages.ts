import { beijingDay } from '@shared/core/time';
import { MAX_LIMIT, type Doc, type FindQuery, type Store } from '../store/store.port';

/**
 * Long reads for the exports (issue 16): a query read page by page (1000 documents a round trip), and a long
 * period cut into months read at once, their documents handed over in order, so a district's whole year is
 * a few round trips deep and never held in memory at once.
 */

/** Every page of a query in order; `each` runs on one page before the next is asked for. */
export async function eachPage<T extends Doc>(
  store: Store,
  collection: string,
  query: Omit<FindQuery, 'after' | 'limit'>,
  each: (items: T[]) => void | Promise<void>,
): Promise<void> {
  let after: string | null = null;
  do {
    const page: { items: T[]; next: string | null } = await store.find<T>(collection, {
      ...query,
      limit: MAX_LIMIT,
      after,
    });
    if (page.items.length > 0) await each(page.items);
    after = page.next;
  } while (after);
}

/** Every document of a query (a slice of a period: a few thousand at most). */
export async function allPages<T extends Doc>(
  store: Store,
  collection: string,
  query: Omit<FindQuery, 'after' | 'limit'>,
): Promise<T[]> {
  const all: T[] = [];
  await eachPage<T>(store, collection, query, (items) => void all.push(...items));
  return all;
}

/**
 * Runs the slices' reads with at most `limit` in flight and hands their results to `each` in slice order:
 * the reads overlap, the rows stay in order, and only the slices in flight are held.
 */
export async function slicesInOrder<T>(
  slices: ReadonlyArray<() => Promise<T>>,
  limit: number,
  each: (result: T) => void | Promise<void>,
): Promise<void> {
  const started: Array<Promise<T> | undefined> = [];
  let next = 0;
  const start = () => {
    if (next >= slices.length) return;
    const read = (slices[next] as () => Promise<T>)();
    // Awaited in order below; a later slice failing first must not go unobserved meanwhile.
    read.catch(() => undefined);
    started[next++] = read;
  };
  for (let i = 0; i < limit; i++) start();
  for (let i = 0; i < slices.length; i++) {
    const result = await (started[i] as Promise<T>);
    started[i] = undefined;
    start();
    await each(result);
  }
}

/** An ISO range [start, end) cut at Beijing month starts: the slices a period is read in. */
export function monthSlices(range: { start: string; end: string }): Array<{ start: string; end: string }> {
  const slices: Array<{ start: string; end: string }> = [];
  let start = range.start;
  while (start < range.end) {
    const boundary = beijingDay(start).startOf('month').add(1, 'month').toDate().toISOString();
    const end = boundary < range.end ? boundary : range.end;
    slices.push({ start, end });
    start = end;
  }
  return slices;
}

/** Lists cut into chunks of `size` (the ids of one `$in` query). */
export function chunksOf<T>(list: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
  return chunks;
}

/** Members per `$in` query when counting per member. */
export const MEMBERS_PER_QUERY = 100;

/**
 * How many documents of `collection` each member has in a time range: `member` holds the member's OPENID and
 * `time` the time the range is on (indexed together); `counts` says whether a document counts. 100 members a
 * query, the queries at once, each read page by page.
 */
export async function countPerMember<T extends Doc>(
  store: Store,
  q: { collection: string; member: keyof T & string; time: keyof T & string; counts?: (doc: T) => boolean },
  openids: readonly string[],
  range: { start: string; end: string },
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await Promise.all(
    chunksOf(openids, MEMBERS_PER_QUERY).map((chunk) =>
      eachPage<T>(
        store,
        q.collection,
        {
          where: { [q.member]: { $in: chunk }, [q.time]: { $gte: range.start, $lt: range.end } },
          orderBy: [[q.time, 'asc']],
        },
        (docs) => {
          for (const d of docs) {
            const who = d[q.member];
            if (typeof who === 'string' && (!q.counts || q.counts(d))) counts.set(who, (counts.get(who) ?? 0) + 1);
          }
        },
      ),
    ),
  );
  return counts;
}
