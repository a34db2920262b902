import { fail, type Failure } from '@shared/core/result';
import { record, type Changer } from '../core/runtime/change';
import type { Store } from '../core/store/store.port';
import type { OrderDoc, ShopItemDoc } from './points.documents';

/**
 * A shop item's stock under a rush. A redemption takes its unit by one conditional update of the item
 * (in stock, on the shelf, not yet taken for this order) before its transaction, and the transaction
 * never writes the item: on CloudBase, 500 transactions writing one document conflict until they give
 * up (BUSY), while conditional updates of one document are applied one after another. The order id is
 * kept in the item's `takers` until the order is placed (`settleUnit`) or given up (`returnUnit`), so a
 * retried take finds its unit instead of taking a second one.
 */
export type Taken = 'taken' | 'held';

/**
 * Takes one unit for the order at the item's price and limit as read: `taken` now, `held` when an earlier
 * try of the same order took it (or already placed the order), `{ changed }` when the station changed the
 * item's price or limit since it was read (the caller decides again on the item as it is now).
 */
export async function takeUnit(
  store: Store,
  item: ShopItemDoc,
  orderId: string,
  now: Date,
): Promise<Taken | { changed: ShopItemDoc } | Failure> {
  if (item.takers?.includes(orderId)) return 'held';
  const took = await store.update(
    'shopItems',
    {
      _id: item._id,
      active: true,
      price: item.price,
      perMemberLimit: item.perMemberLimit,
      stock: { $gt: 0 },
      takers: { $nin: [orderId] },
    },
    { stock: { $inc: -1 }, takers: { $push: orderId }, reserved: { $inc: 1 }, lastTakeAt: now.toISOString() },
  );
  if (took > 0) return 'taken';
  // Not taken now: an earlier try of this order may hold the unit (its reply lost) or have placed the order
  // already; else the item changed, left the shelf, or is sold out.
  const [fresh, placed] = await Promise.all([
    store.get<ShopItemDoc>('shopItems', item._id),
    store.get<OrderDoc>('orders', orderId),
  ]);
  if (fresh?.takers?.includes(orderId) || placed) return 'held';
  if (!fresh?.active) return fail('POINTS.ITEM_INACTIVE');
  if (fresh.stock > 0 && (fresh.price !== item.price || fresh.perMemberLimit !== item.perMemberLimit))
    return { changed: fresh };
  return fail('POINTS.OUT_OF_STOCK');
}

/** The redemption did not happen: the order's unit goes back on the shelf (nothing when it holds none). */
export async function returnUnit(store: Store, itemId: string, orderId: string): Promise<boolean> {
  return (
    (await store.update(
      'shopItems',
      { _id: itemId, takers: { $has: orderId } },
      { stock: { $inc: 1 }, takers: { $pull: orderId }, reserved: { $inc: -1 } },
    )) > 0
  );
}

/** The order was placed: its unit is the order's now, and the item lets go of the order id. */
export async function settleUnit(store: Store, itemId: string, orderId: string): Promise<void> {
  await store.update(
    'shopItems',
    { _id: itemId, takers: { $has: orderId } },
    { takers: { $pull: orderId }, reserved: { $inc: -1 } },
  );
}

/** No function call outlives this: a unit held longer belongs to a redemption that was abandoned. */
export const TAKE_ABANDONED_MS = 15 * 60_000;

/**
 * The periodic sweep: on items where nothing was taken for a while, each order id still held either
 * became an order (its unit stays taken) or was abandoned after a fault (its unit goes back).
 */
export async function sweepTakes(c: Changer): Promise<{ settled: number; returned: number }> {
  const { store } = c;
  const quiet = new Date(c.now.getTime() - TAKE_ABANDONED_MS).toISOString();
  let settled = 0;
  let returned = 0;
  let after: string | null = null;
  do {
    const page: { items: ShopItemDoc[]; next: string | null } = await store.find<ShopItemDoc>('shopItems', {
      where: { reserved: { $gt: 0 } },
      orderBy: [['reserved', 'asc']],
      limit: 100,
      after,
    });
    for (const item of page.items.filter((i) => (i.lastTakeAt ?? '') < quiet)) {
      const held = item.takers ?? [];
      const orders = await Promise.all(held.map((id) => store.get<OrderDoc>('orders', id)));
      await Promise.all(
        held.map(async (id, i) => {
          // Its order, for this item, holds the unit; no order (or one for another item) leaves it unused.
          if (orders[i]?.itemId === item._id) {
            await settleUnit(store, item._id, id);
            settled++;
          } else if (await returnUnit(store, item._id, id)) {
            returned++;
            // Stock moved without anyone's request: the audit says whose abandoned redemption it was.
            await record(c, {
              action: 'shop.returnUnit',
              entity: 'shopItems',
              entityId: item._id,
              before: { heldFor: id },
              after: { stock: { $inc: 1 } },
            });
          }
        }),
      );
    }
    after = page.next;
  } while (after);
  return { settled, returned };
}
