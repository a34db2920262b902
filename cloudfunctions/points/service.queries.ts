import { ownScope } from '../access/access';
import type { PointsContract } from '@shared/points/points.contract';
import type { Handlers } from '../core/runtime/router';
import type { Where } from '../core/store/store.port';
import type { ServiceDoc } from './points.documents';
import { serviceViews } from './service.view';
import { filterProblems, findFiltered } from '../core/runtime/filter';

export const myServices: Handlers<PointsContract>['myServices'] = async (input, ctx) => {
  const page = await ctx.store.find<ServiceDoc>('services', {
    where: { openid: ctx.caller.openid },
    orderBy: [['at', 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: await serviceViews(ctx, page.items), next: page.next };
};

/** Records waiting for the caller: those of the unit they lead, else those of activities they organised. */
export const pendingServices: Handlers<PointsContract>['pendingServices'] = async (input, ctx) => {
  const unitId = ownScope(ctx.caller, 'unitLeader');
  const where: Where = unitId ? { unitId, status: 'pending' } : { confirmer: ctx.caller.openid, status: 'pending' };
  const bad = filterProblems(input);
  if (bad) return bad;
  const page = await findFiltered<ServiceDoc>(
    ctx.store,
    'services',
    { where, orderBy: [['at', 'asc']], limit: input.limit, after: input.cursor },
    input,
    { text: (s) => [s.memberName, s.description], phones: () => [] },
  );
  return { items: await serviceViews(ctx, page.items), next: page.next };
};
