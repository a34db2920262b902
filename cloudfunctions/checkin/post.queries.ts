import { readableCommunity } from '../access/access';
import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { isFailure } from '@shared/core/result';
import type { Handlers } from '../core/runtime/router';
import type { PostDoc } from './checkin.documents';
import { postViews } from './post.view';

export const listPosts: Handlers<CheckinContract>['listPosts'] = async (input, ctx) => {
  const communityId = await readableCommunity(ctx.store, ctx.caller, input.communityId);
  if (isFailure(communityId)) return communityId;
  const page = await ctx.store.find<PostDoc>('posts', {
    where: { communityId, status: input.status },
    orderBy: [['createdAt', 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: await postViews(ctx, page.items), next: page.next };
};
