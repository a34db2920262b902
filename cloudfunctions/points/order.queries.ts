import { stationCommunity } from '../access/access';
import { fail } from '@shared/core/result';
import type { PointsContract } from '@shared/points/points.contract';
import type { Handlers } from '../core/runtime/router';
import type { OrderDoc } from './points.documents';
import { orderView } from './shop.view';
import { filterProblems, findFiltered } from '../core/runtime/filter';

export const myOrders: Handlers<PointsContract>['myOrders'] = async (input, ctx) => {
  const page = await ctx.store.find<OrderDoc>('orders', {
    where: { openid: ctx.caller.openid },
    orderBy: [['createdAt', 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: page.items.map((o) => orderView(o, true)), next: page.next };
};

export const stationOrders: Handlers<PointsContract>['stationOrders'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx.caller);
  if (!communityId) return fail('AUTH.FORBIDDEN');
  const bad = filterProblems(input);
  if (bad) return bad;
  const page = await findFiltered<OrderDoc>(
    ctx.store,
    'orders',
    {
      where: { communityId, status: input.status },
      orderBy: [['createdAt', 'desc']],
      limit: input.limit,
      after: input.cursor,
    },
    input,
    { text: (o) => [o.memberName, o.itemName, o.pickupCode], phones: () => [] },
  );
  return { items: page.items.map((o) => orderView(o, false)), next: page.next };
};
