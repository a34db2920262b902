import { stationCommunity } from '../access/access';
import { fail, isFailure, type Failure } from '@shared/core/result';
import type { PointsContract } from '@shared/points/points.contract';
import { record, earlierCreate } from '../core/runtime/change';
import { keyedId } from '../core/runtime/ids';
import type { Handlers } from '../core/runtime/router';
import type { ShopItemDoc } from './points.documents';
import { itemView } from './shop.view';

/** The station puts an item on the shelf or changes it (price, stock, limit, on or off the shelf). */
export const saveItem: Handlers<PointsContract>['saveItem'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx.caller);
  if (!communityId) return fail('AUTH.FORBIDDEN');
  const fields = {
    name: input.name,
    description: input.description,
    price: input.price,
    stock: input.stock,
    perMemberLimit: input.perMemberLimit,
    active: input.active,
  };
  if (!input.itemId) {
    const id = input.requestId ? keyedId(ctx.caller.openid, input.requestId) : ctx.rt.newId();
    const item: ShopItemDoc = { _id: id, communityId, ...fields, createdAt: ctx.now.toISOString() };
    try {
      await ctx.store.insert('shopItems', item);
    } catch (error) {
      return {
        item: itemView(
          await earlierCreate<ShopItemDoc>(ctx, 'shopItems', id, error, (d) => d.communityId === communityId),
        ),
      };
    }
    await record(ctx, { action: 'shop.create', entity: 'shopItems', entityId: item._id, before: null, after: fields });
    return { item: itemView(item) };
  }
  const itemId = input.itemId;
  const saved = await ctx.store.transaction(async (tx): Promise<ShopItemDoc | Failure> => {
    const item = await tx.get<ShopItemDoc>('shopItems', itemId);
    if (!item) return fail('NOT_FOUND');
    if (item.communityId !== communityId) return fail('AUTH.OUT_OF_SCOPE');
    // The station's figure counts units held by redemptions in flight (the view shows them as stock): only
    // the rest stays on the shelf, so a held unit given back does not add to what the station set.
    // (Below zero when the station sets fewer than are held: a unit given back then only brings it to zero.)
    const stored = { ...fields, stock: fields.stock - (item.reserved ?? 0) };
    await tx.update('shopItems', item._id, stored);
    await record(
      ctx,
      { action: 'shop.update', entity: 'shopItems', entityId: item._id, before: itemView(item), after: fields },
      tx,
    );
    return { ...item, ...stored };
  });
  return isFailure(saved) ? saved : { item: itemView(saved) };
};
