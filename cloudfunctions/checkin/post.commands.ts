import { requireMember } from '../access/access';
import type { CheckinContract } from '@shared/checkin/checkin.contract';
import type { PostView } from '@shared/checkin/post.contract';
import { fail, isFailure, type Failure } from '@shared/core/result';
import { beijingDate } from '@shared/core/time';
import { create, record, transition, earlierCreate, type Notice } from '../core/runtime/change';
import { keyedId } from '../core/runtime/ids';
import type { Handlers } from '../core/runtime/router';
import { deliver } from '../messages/messages.port';
import type { PostClaimDoc, PostDoc } from './checkin.documents';
import { postClaimEntity } from './checkin.entities';
import { adminPlace } from './place';
import { postViews } from './post.view';

export const createPost: Handlers<CheckinContract>['createPost'] = async (input, ctx) => {
  const place = await adminPlace(ctx, input);
  if (isFailure(place)) return place;
  const id = input.requestId ? keyedId(ctx.caller.openid, input.requestId) : ctx.rt.newId();
  const post: PostDoc = {
    _id: id,
    districtId: place.community.districtId,
    communityId: place.community._id,
    gridId: place.gridId,
    unitId: place.unitId,
    name: input.name,
    duty: input.duty,
    capacity: input.capacity,
    taken: 0,
    startDate: input.startDate,
    endDate: input.endDate,
    status: 'open',
    createdBy: ctx.caller.openid,
    createdAt: ctx.now.toISOString(),
  };
  try {
    await ctx.store.insert('posts', post);
  } catch (error) {
    const earlier = await earlierCreate<PostDoc>(ctx, 'posts', id, error, (d) => d.createdBy === ctx.caller.openid);
    return { post: (await postViews(ctx, [earlier]))[0] as PostView };
  }
  await record(ctx, { action: 'post.create', entity: 'posts', entityId: post._id, before: null, after: post });
  const [view] = await postViews(ctx, [post]);
  return { post: view as PostView };
};

/** Claims a place in one transaction: never more claims than places, and claiming twice changes nothing. */
export const claimPost: Handlers<CheckinContract>['claimPost'] = async (input, ctx) => {
  const claimId = `${input.postId}~${ctx.caller.openid}`;
  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | { post: PostDoc; changed: boolean }> => {
    const post = await tx.get<PostDoc>('posts', input.postId);
    if (!post) return fail('NOT_FOUND');
    const member = requireMember(ctx.caller, post.communityId);
    if (isFailure(member)) return member;
    const claim = await tx.get<PostClaimDoc>('postClaims', claimId);
    if (claim?.status === 'active') return { post, changed: false };
    if (post.status !== 'open' || post.endDate < beijingDate(ctx.now)) return fail('CHECKIN.POST_CLOSED');
    if (post.taken >= post.capacity) return fail('CHECKIN.POST_FULL');
    await tx.update('posts', post._id, { taken: { $inc: 1 } });
    const claimedAt = ctx.now.toISOString();
    if (claim) {
      const moved = await transition(ctx, postClaimEntity, claim, 'claim', {
        tx,
        as: 'member',
        changes: { claimedAt, releasedAt: null },
      });
      if (isFailure(moved)) throw new Error(`claim ${claimId} could not move: ${moved.failure}`);
    } else {
      const fresh: PostClaimDoc = {
        _id: claimId,
        postId: post._id,
        openid: ctx.caller.openid,
        communityId: post.communityId,
        status: 'active',
        claimedAt,
        releasedAt: null,
      };
      await create(ctx, postClaimEntity, fresh, { event: 'claim', tx, detail: { status: 'active', claimedAt } });
    }
    return { post: { ...post, taken: post.taken + 1 }, changed: true };
  });
  if (isFailure(outcome)) return outcome;
  const [view] = await postViews(ctx, [outcome.post]);
  return { post: view as PostView, changed: outcome.changed };
};

export const releasePost: Handlers<CheckinContract>['releasePost'] = async (input, ctx) => {
  const claimId = `${input.postId}~${ctx.caller.openid}`;
  type Released = { post: PostDoc; changed: boolean; notices?: Notice[] };
  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | Released> => {
    const post = await tx.get<PostDoc>('posts', input.postId);
    if (!post) return fail('NOT_FOUND');
    const claim = await tx.get<PostClaimDoc>('postClaims', claimId);
    if (claim?.status !== 'active') return { post, changed: false };
    await tx.update('posts', post._id, { taken: { $inc: -1 } });
    const moved = await transition(ctx, postClaimEntity, claim, 'release', {
      tx,
      as: 'owner',
      changes: { releasedAt: ctx.now.toISOString() },
      detail: {},
      facts: { post: post.name },
    });
    if (isFailure(moved)) throw new Error(`claim ${claimId} could not be released: ${moved.failure}`);
    return { post: { ...post, taken: post.taken - 1 }, changed: true, notices: moved.notices };
  });
  if (isFailure(outcome)) return outcome;
  const [, [view]] = await Promise.all([deliver(ctx.rt, outcome.notices ?? []), postViews(ctx, [outcome.post])]);
  return { post: view as PostView, changed: outcome.changed };
};
