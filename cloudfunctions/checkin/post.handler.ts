import type { CheckinContract } from '@shared/checkin/checkin.contract';
import type { PostView } from '@shared/checkin/post.contract';
import { fail, isFailure, type Failure } from '@shared/core/result';
import type { PostClaimDoc, PostDoc } from '../core/runtime/documents';
import { loadByIds, nameOf } from '../core/runtime/lookup';
import type { Ctx, Handlers } from '../core/runtime/router';
import { beijingDate } from '@shared/core/time';
import { adminPlace, memberCommunity, readableCommunity } from './place';

async function postViews(ctx: Ctx, posts: PostDoc[]): Promise<PostView[]> {
  const [grids, units, claims] = await Promise.all([
    loadByIds(ctx.store, 'grids', posts.map((p) => p.gridId)),
    loadByIds(ctx.store, 'units', posts.map((p) => p.unitId)),
    loadByIds<PostClaimDoc>(ctx.store, 'postClaims', posts.map((p) => `${p._id}~${ctx.caller.openid}`)),
  ]);
  return posts.map((p) => ({
    id: p._id, name: p.name, duty: p.duty, communityId: p.communityId,
    gridName: p.gridId ? nameOf(grids, p.gridId) : null, unitName: p.unitId ? nameOf(units, p.unitId) : null,
    capacity: p.capacity, taken: p.taken, startDate: p.startDate, endDate: p.endDate, status: p.status,
    mine: claims.get(`${p._id}~${ctx.caller.openid}`)?.status === 'active',
  }));
}

export const createPost: Handlers<CheckinContract>['createPost'] = async (input, ctx) => {
  const place = await adminPlace(ctx, input);
  if (isFailure(place)) return place;
  const post: PostDoc = {
    _id: ctx.rt.newId(), districtId: place.community.districtId, communityId: place.community._id, gridId: place.gridId, unitId: place.unitId,
    name: input.name, duty: input.duty, capacity: input.capacity, taken: 0, startDate: input.startDate, endDate: input.endDate,
    status: 'open', createdBy: ctx.caller.openid, createdAt: ctx.now.toISOString(),
  };
  await ctx.store.insert('posts', post);
  await ctx.audit({ action: 'post.create', entity: 'posts', entityId: post._id, before: null, after: post });
  const [view] = await postViews(ctx, [post]);
  return { post: view as PostView };
};

export const listPosts: Handlers<CheckinContract>['listPosts'] = async (input, ctx) => {
  const communityId = await readableCommunity(ctx, input.communityId);
  if (isFailure(communityId)) return communityId;
  const page = await ctx.store.find<PostDoc>('posts', { where: { communityId, status: input.status }, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: await postViews(ctx, page.items), next: page.next };
};

/** Claims a place in one transaction: never more claims than places, and claiming twice changes nothing. */
export const claimPost: Handlers<CheckinContract>['claimPost'] = async (input, ctx) => {
  const claimId = `${input.postId}~${ctx.caller.openid}`;
  const now = ctx.now.toISOString();
  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | { post: PostDoc; changed: boolean }> => {
    const post = await tx.get<PostDoc>('posts', input.postId);
    if (!post) return fail('NOT_FOUND');
    if (post.communityId !== memberCommunity(ctx)) return fail('CHECKIN.NOT_A_MEMBER');
    const claim = await tx.get<PostClaimDoc>('postClaims', claimId);
    if (claim?.status === 'active') return { post, changed: false };
    if (post.status !== 'open' || post.endDate < beijingDate(ctx.now)) return fail('CHECKIN.POST_CLOSED');
    if (post.taken >= post.capacity) return fail('CHECKIN.POST_FULL');
    await tx.update('posts', post._id, { taken: { $inc: 1 } });
    await tx.set('postClaims', { _id: claimId, postId: post._id, openid: ctx.caller.openid, communityId: post.communityId, status: 'active', claimedAt: now, releasedAt: null } satisfies PostClaimDoc);
    await ctx.audit({ action: 'post.claim', entity: 'postClaims', entityId: claimId, before: claim ?? null, after: { status: 'active', claimedAt: now } }, tx);
    return { post: { ...post, taken: post.taken + 1 }, changed: true };
  });
  if (isFailure(outcome)) return outcome;
  const [view] = await postViews(ctx, [outcome.post]);
  return { post: view as PostView, changed: outcome.changed };
};

export const releasePost: Handlers<CheckinContract>['releasePost'] = async (input, ctx) => {
  const claimId = `${input.postId}~${ctx.caller.openid}`;
  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | { post: PostDoc; changed: boolean }> => {
    const post = await tx.get<PostDoc>('posts', input.postId);
    if (!post) return fail('NOT_FOUND');
    const claim = await tx.get<PostClaimDoc>('postClaims', claimId);
    if (claim?.status !== 'active') return { post, changed: false };
    await tx.update('posts', post._id, { taken: { $inc: -1 } });
    await tx.update('postClaims', claimId, { status: 'released', releasedAt: ctx.now.toISOString() });
    await ctx.audit({ action: 'post.release', entity: 'postClaims', entityId: claimId, before: { status: 'active' }, after: { status: 'released' } }, tx);
    return { post: { ...post, taken: post.taken - 1 }, changed: true };
  });
  if (isFailure(outcome)) return outcome;
  const [view] = await postViews(ctx, [outcome.post]);
  return { post: view as PostView, changed: outcome.changed };
};
