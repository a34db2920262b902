import type { PostView } from '@shared/checkin/post.contract';
import { loadByIds, loadPlaces, nameOf } from '../core/runtime/lookup';
import type { Ctx } from '../core/runtime/router';
import type { PostClaimDoc, PostDoc } from './checkin.documents';

export async function postViews(ctx: Ctx, posts: PostDoc[]): Promise<PostView[]> {
  const [grids, units, claims] = await Promise.all([
    loadPlaces(
      ctx.store,
      'grids',
      posts.map((p) => p.gridId),
    ),
    loadPlaces(
      ctx.store,
      'units',
      posts.map((p) => p.unitId),
    ),
    loadByIds<PostClaimDoc>(
      ctx.store,
      'postClaims',
      posts.map((p) => `${p._id}~${ctx.caller.openid}`),
    ),
  ]);
  return posts.map((p) => ({
    id: p._id,
    name: p.name,
    duty: p.duty,
    communityId: p.communityId,
    gridName: p.gridId ? nameOf(grids, p.gridId) : null,
    unitName: p.unitId ? nameOf(units, p.unitId) : null,
    capacity: p.capacity,
    taken: p.taken,
    startDate: p.startDate,
    endDate: p.endDate,
    status: p.status,
    mine: claims.get(`${p._id}~${ctx.caller.openid}`)?.status === 'active',
  }));
}
