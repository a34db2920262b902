import { wishStatuses } from '@shared/wish/wish.rules';
import { allPages, countPerMember, monthSlices, slicesInOrder } from '../core/runtime/pages';
import type { Store } from '../core/store/store.port';
import type { WishDoc } from './wish.documents';

/** What the district's exports (org's exports part, issue 16) read of wishes. */

const SLICES_AT_ONCE = 6;

/**
 * Every wish of the district or a community posted in [start, end), oldest first, a month at a time (months
 * read at once, handed over in order). The query names every status: the indexes lead with it.
 */
export async function eachWish(
  store: Store,
  scope: { districtId: string } | { communityId: string },
  range: { start: string; end: string },
  each: (wishes: WishDoc[]) => void | Promise<void>,
): Promise<void> {
  await slicesInOrder(
    monthSlices(range).map(
      (slice) => () =>
        allPages<WishDoc>(store, 'wishes', {
          where: { ...scope, status: { $in: [...wishStatuses] }, createdAt: { $gte: slice.start, $lt: slice.end } },
          orderBy: [['createdAt', 'asc']],
        }),
    ),
    SLICES_AT_ONCE,
    each,
  );
}

/** How many wishes each member claimed in [start, end) (the half-year rule's claims), 100 members a query. */
export async function claimsOf(
  store: Store,
  openids: readonly string[],
  range: { start: string; end: string },
): Promise<Map<string, number>> {
  return countPerMember<WishDoc>(
    store,
    { collection: 'wishes', member: 'claimedBy', time: 'claimedAt' },
    openids,
    range,
  );
}
