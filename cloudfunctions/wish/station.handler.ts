import { fail, isFailure } from '@shared/core/result';
import type { WishContract } from '@shared/wish/wish.contract';
import type { CommunityDoc, WishDoc } from '../core/runtime/documents';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { Where } from '../core/store/store.port';
import { loadWish, move } from './wish.move';
import { wishView, wishViews } from './wish.view';

/** A wish the caller manages: station of its community or secretary of its grid. */
async function managed(ctx: Ctx, id: string) {
  const wish = await loadWish(ctx, id);
  if (isFailure(wish)) return wish;
  const allowed = ctx.scope(['stationAdmin', 'gridSecretary'], { communityId: wish.communityId, gridId: wish.gridId });
  return isFailure(allowed) ? allowed : wish;
}

export const reviewWish: Handlers<WishContract>['reviewWish'] = async (input, ctx) => {
  const wish = await managed(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  const moved =
    input.decision === 'approve'
      ? await move(ctx, wish, 'approve', input.points !== undefined ? { points: input.points } : {}, null)
      : await move(ctx, wish, 'reject', { reason: input.reason ?? '' }, input.reason ?? null);
  return isFailure(moved) ? moved : { wish: await wishView(ctx, moved) };
};

/** The station's (or grid's) wishes by state; the district reads any community's. */
export const listWishes: Handlers<WishContract>['listWishes'] = async (input, ctx) => {
  const { caller } = ctx;
  const station = caller.grants.find((g) => g.role === 'stationAdmin');
  const grid = caller.grants.find((g) => g.role === 'gridSecretary');
  const district = caller.grants.find((g) => g.role === 'districtAdmin');
  let where: Where;
  if (input.communityId) {
    const community = await ctx.store.get<CommunityDoc>('communities', input.communityId);
    if (!community) return fail('ORG.COMMUNITY_UNKNOWN');
    const allowed = ctx.scope(['stationAdmin', 'districtAdmin'], { communityId: community._id, districtId: community.districtId });
    if (isFailure(allowed)) return allowed;
    where = { communityId: community._id, status: input.status };
  } else if (station) where = { communityId: station.scopeId, status: input.status };
  else if (grid) where = { gridId: grid.scopeId, status: input.status };
  else if (district) where = { districtId: district.scopeId, status: input.status };
  else return fail('AUTH.FORBIDDEN');
  const page = await ctx.store.find<WishDoc>('wishes', { where, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: await wishViews(ctx, page.items), next: page.next };
};

/** A claim that went stale is released by the station so another member can take it. */
export const releaseClaim: Handlers<WishContract>['releaseClaim'] = async (input, ctx) => {
  const wish = await managed(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  const moved = await move(ctx, wish, 'release', { claimedBy: null, claimedAt: null, claimExpiresAt: null }, input.reason);
  return isFailure(moved) ? moved : { wish: await wishView(ctx, moved) };
};

/** The unit leader sees the wishes of their unit (by default those waiting for confirmation). */
export const unitWishes: Handlers<WishContract>['unitWishes'] = async (input, ctx) => {
  const unit = ctx.caller.grants.find((g) => g.role === 'unitLeader');
  if (!unit) return fail('AUTH.FORBIDDEN');
  const page = await ctx.store.find<WishDoc>('wishes', { where: { unitId: unit.scopeId, status: input.status }, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: await wishViews(ctx, page.items), next: page.next };
};
