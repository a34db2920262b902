import { fail, failWith, isFailure } from '@shared/core/result';
import type { WishContract } from '@shared/wish/wish.contract';
import { claimExpiry } from '@shared/wish/wish.rules';
import type { WishDoc } from '../core/runtime/documents';
import type { Handlers } from '../core/runtime/router';
import type { Where } from '../core/store/store.port';
import { memberCommunity } from '../checkin/place';
import { loadWish, move, wishSettings } from './wish.move';
import { wishView, wishViews } from './wish.view';

/** Open wishes of the member's community, newest first, by category or grid. */
export const browseWishes: Handlers<WishContract>['browseWishes'] = async (input, ctx) => {
  const communityId = memberCommunity(ctx);
  if (!communityId) return fail('CHECKIN.NOT_A_MEMBER');
  const where: Where = input.gridId ? { gridId: input.gridId, status: 'open' } : { communityId, status: 'open' };
  if (input.category) where.category = input.category;
  const page = await ctx.store.find<WishDoc>('wishes', { where, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  // A grid of another community simply has no wishes of this member's community to show.
  const items = page.items.filter((w) => w.communityId === communityId);
  return { items: await wishViews(ctx, items), next: page.next };
};

/**
 * Exactly one claimant: the claim is a conditional update on `status: 'open'`, the same operation
 * CloudBase runs, so of many members claiming at once one wins and the others learn it was taken.
 */
export const claimWish: Handlers<WishContract>['claimWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  if (wish.communityId !== memberCommunity(ctx)) return fail('CHECKIN.NOT_A_MEMBER');
  if (wish.status === 'claimed') return fail(wish.claimedBy === ctx.caller.openid ? 'WISH.BAD_STATE' : 'WISH.ALREADY_CLAIMED');
  if (wish.status !== 'open') return fail('WISH.BAD_STATE');
  const settings = await wishSettings(ctx, wish.communityId);
  const holding = await ctx.store.count('wishes', { claimedBy: ctx.caller.openid, status: 'claimed' });
  if (holding >= settings.maxOpenClaims) return failWith('WISH.TOO_MANY_CLAIMS', { max: settings.maxOpenClaims });
  const claimedAt = ctx.now.toISOString();
  const moved = await move(ctx, wish, 'claim', { claimedBy: ctx.caller.openid, claimedAt, claimExpiresAt: claimExpiry(ctx.now, settings.claimDays), fulfilledAt: null, fulfilNote: null }, null);
  if (isFailure(moved)) {
    const now = await ctx.store.get<WishDoc>('wishes', wish._id);
    return fail(now?.status === 'claimed' ? 'WISH.ALREADY_CLAIMED' : 'WISH.BAD_STATE');
  }
  return { wish: await wishView(ctx, moved) };
};

export const myClaims: Handlers<WishContract>['myClaims'] = async (input, ctx) => {
  const page = await ctx.store.find<WishDoc>('wishes', { where: { claimedBy: ctx.caller.openid }, orderBy: [['claimedAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: await wishViews(ctx, page.items), next: page.next };
};

export const giveUpWish: Handlers<WishContract>['giveUpWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  if (wish.claimedBy !== ctx.caller.openid) return fail('AUTH.FORBIDDEN');
  const moved = await move(ctx, wish, 'giveUp', { claimedBy: null, claimedAt: null, claimExpiresAt: null }, null, { claimedBy: ctx.caller.openid });
  return isFailure(moved) ? moved : { wish: await wishView(ctx, moved) };
};

export const fulfilWish: Handlers<WishContract>['fulfilWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  if (wish.claimedBy !== ctx.caller.openid) return fail('AUTH.FORBIDDEN');
  const moved = await move(ctx, wish, 'fulfil', { fulfilledAt: ctx.now.toISOString(), fulfilNote: input.note, fulfilPhoto: input.photo ?? null, claimExpiresAt: null }, input.note, { claimedBy: ctx.caller.openid });
  return isFailure(moved) ? moved : { wish: await wishView(ctx, moved) };
};
