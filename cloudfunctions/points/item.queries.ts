import { memberCommunity, stationCommunity } from '../access/access';
import { fail } from '@shared/core/result';
import type { PointsContract } from '@shared/points/points.contract';
import type { Handlers } from '../core/runtime/router';
import type { ShopItemDoc } from './points.documents';
import { itemView } from './shop.view';

/** The shop of the member's community; the station also sees what is off the shelf. */
export const listItems: Handlers<PointsContract>['listItems'] = async (input, ctx) => {
  const station = stationCommunity(ctx.caller);
  const communityId = station ?? memberCommunity(ctx.caller);
  if (!communityId) return fail('AUTH.NOT_A_MEMBER');
  const all = Boolean(station && input.includeInactive);
  const page = await ctx.store.find<ShopItemDoc>('shopItems', {
    where: all ? { communityId } : { communityId, active: true },
    orderBy: [['createdAt', 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: page.items.map(itemView), next: page.next };
};
