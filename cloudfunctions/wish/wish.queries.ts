import { check, ownScope, requireMember, scopeWhere } from '../access/access';
import { fail } from '@shared/core/result';
import type { WishContract } from '@shared/wish/wish.contract';
import type { Handlers } from '../core/runtime/router';
import type { Where } from '../core/store/store.port';
import type { CommunityDoc } from '../org/org.port';
import type { WishDoc } from './wish.documents';
import { wishViews } from './wish.view';
import { filterProblems, findFiltered } from '../core/runtime/filter';

export const myWishes: Handlers<WishContract>['myWishes'] = async (input, ctx) => {
  const page = await ctx.store.find<WishDoc>('wishes', {
    where: { openid: ctx.caller.openid },
    orderBy: [['createdAt', 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: await wishViews(ctx, page.items), next: page.next };
};

/** The station's (or grid's) wishes by state; the district reads any community's. */
export const listWishes: Handlers<WishContract>['listWishes'] = async (input, ctx) => {
  const bad = filterProblems(input);
  if (bad) return bad;
  let where: Where;
  if (input.communityId) {
    const community = await ctx.store.get<CommunityDoc>('communities', input.communityId);
    if (!community) return fail('ORG.COMMUNITY_UNKNOWN');
    const refused = check(ctx.caller, 'wish.read', { communityId: community._id, districtId: community.districtId });
    if (refused) return refused;
    where = { communityId: community._id, status: input.status };
  } else {
    const own = scopeWhere(ctx.caller, ['stationAdmin', 'gridSecretary', 'districtAdmin']);
    if (!own) return fail('AUTH.FORBIDDEN');
    where = { ...own, status: input.status };
  }
  const page = await findFiltered<WishDoc>(
    ctx.store,
    'wishes',
    { where, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor },
    input,
    { text: (w) => [w.title, w.residentName], phones: (w) => [w.residentPhone] },
  );
  return { items: await wishViews(ctx, page.items), next: page.next };
};

/** The unit leader sees the wishes of their unit (by default those waiting for confirmation). */
export const unitWishes: Handlers<WishContract>['unitWishes'] = async (input, ctx) => {
  const unitId = ownScope(ctx.caller, 'unitLeader');
  if (!unitId) return fail('AUTH.FORBIDDEN');
  const page = await ctx.store.find<WishDoc>('wishes', {
    where: { unitId, status: input.status },
    orderBy: [['createdAt', 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: await wishViews(ctx, page.items), next: page.next };
};

/** Open wishes of the member's community, newest first, by category or grid. */
export const browseWishes: Handlers<WishContract>['browseWishes'] = async (input, ctx) => {
  const communityId = requireMember(ctx.caller);
  if (typeof communityId !== 'string') return communityId;
  const where: Where = input.gridId ? { gridId: input.gridId, status: 'open' } : { communityId, status: 'open' };
  if (input.category) where.category = input.category;
  const page = await ctx.store.find<WishDoc>('wishes', {
    where,
    orderBy: [['createdAt', 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  // A grid of another community simply has no wishes of this member's community to show.
  const items = page.items.filter((w) => w.communityId === communityId);
  return { items: await wishViews(ctx, items), next: page.next };
};

export const myClaims: Handlers<WishContract>['myClaims'] = async (input, ctx) => {
  const page = await ctx.store.find<WishDoc>('wishes', {
    where: { claimedBy: ctx.caller.openid },
    orderBy: [['claimedAt', 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: await wishViews(ctx, page.items), next: page.next };
};
