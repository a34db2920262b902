import { loadByIds } from '../core/runtime/lookup';
import { allPages, chunksOf, countPerMember, MEMBERS_PER_QUERY, slicesInOrder } from '../core/runtime/pages';
import type { Store } from '../core/store/store.port';
import type { AccountDoc, LedgerDoc, ServiceDoc } from './points.documents';

/** What the district's exports (org's exports part, issue 16) read of services and points. */

const CHUNKS_AT_ONCE = 8;

/** How many service records each member has in [start, end) (the half-year rule's services), 100 members a query. */
export async function servicesOf(
  store: Store,
  openids: readonly string[],
  range: { start: string; end: string },
): Promise<Map<string, number>> {
  return countPerMember<ServiceDoc>(store, { collection: 'services', member: 'openid', time: 'at' }, openids, range);
}

/** Each member's points balance (0 for a member with no account yet). */
export async function balancesOf(store: Store, openids: readonly string[]): Promise<Map<string, number>> {
  const accounts = await loadByIds<AccountDoc>(store, 'accounts', openids);
  return new Map(openids.map((id) => [id, accounts.get(id)?.balance ?? 0]));
}

/**
 * The ledger entries of these members in [start, end): 100 members a query, a few queries at once, handed
 * over in the members' order (each member's entries oldest first).
 */
export async function eachLedgerEntry(
  store: Store,
  openids: readonly string[],
  range: { start: string; end: string },
  each: (entries: LedgerDoc[]) => void | Promise<void>,
): Promise<void> {
  await slicesInOrder(
    chunksOf(openids, MEMBERS_PER_QUERY).map((chunk) => async () => {
      const entries = await allPages<LedgerDoc>(store, 'ledger', {
        where: { openid: { $in: chunk }, at: { $gte: range.start, $lt: range.end } },
        orderBy: [['at', 'asc']],
      });
      const order = new Map(chunk.map((id, i) => [id, i]));
      return entries.sort((a, b) => (order.get(a.openid) ?? 0) - (order.get(b.openid) ?? 0) || a.seq - b.seq);
    }),
    CHUNKS_AT_ONCE,
    each,
  );
}
