import { maskPhone } from '@shared/core/mask';
import type { WishView } from '@shared/wish/wish.contract';
import { holds } from '../access/access';
import { SYSTEM_ACTOR } from '../core/runtime/change';
import type { WishDoc } from './wish.documents';
import { loadByIds, nameOf } from '../core/runtime/lookup';
import type { Ctx } from '../core/runtime/router';

/** Who the reader is to this wish decides what of the resident they see (个人信息保护法: the minimum). */
function audience(ctx: Ctx, w: WishDoc): 'owner' | 'station' | 'district' | 'claimant' | 'other' {
  if (w.openid === ctx.caller.openid) return 'owner';
  const place = { communityId: w.communityId, gridId: w.gridId, unitId: w.unitId, districtId: w.districtId };
  if (holds(ctx.caller, ['stationAdmin', 'gridSecretary', 'unitLeader'], place)) return 'station';
  if (holds(ctx.caller, ['districtAdmin'], place)) return 'district';
  if (w.claimedBy === ctx.caller.openid) return 'claimant';
  return 'other';
}

export async function wishViews(ctx: Ctx, wishes: WishDoc[]): Promise<WishView[]> {
  const [communities, grids, units, claimants] = await Promise.all([
    loadByIds(
      ctx.store,
      'communities',
      wishes.map((w) => w.communityId),
    ),
    loadByIds(
      ctx.store,
      'grids',
      wishes.map((w) => w.gridId),
    ),
    loadByIds(
      ctx.store,
      'units',
      wishes.map((w) => w.unitId),
    ),
    loadByIds(
      ctx.store,
      'people',
      wishes.map((w) => w.claimedBy),
    ),
  ]);
  return wishes.map((w) => {
    const who = audience(ctx, w);
    const seesResident = who === 'owner' || who === 'station' || who === 'district';
    const seesClaimant = who !== 'other';
    return {
      id: w._id,
      title: w.title,
      description: w.description,
      category: w.category,
      status: w.status,
      points: w.points,
      communityName: nameOf(communities, w.communityId),
      gridName: nameOf(grids, w.gridId),
      unitName: nameOf(units, w.unitId),
      residentName: seesResident ? (w.residentName ?? '居民') : null,
      residentPhone:
        who === 'owner' || who === 'station'
          ? w.residentPhone
          : who === 'claimant' || who === 'district'
            ? maskPhone(w.residentPhone)
            : null,
      claimantName: seesClaimant && w.claimedBy ? nameOf(claimants, w.claimedBy) || '党员' : null,
      claimedAt: w.claimedAt,
      claimExpiresAt: w.claimExpiresAt,
      fulfilNote: w.fulfilNote,
      photo: w.photo ?? null,
      fulfilPhoto: w.fulfilPhoto ?? null,
      reason: w.reason,
      thanks: w.thanks,
      createdAt: w.createdAt,
      history: seesClaimant
        ? w.history.map((h) => ({
            ...h,
            by:
              h.by === w.openid
                ? '居民'
                : h.by === SYSTEM_ACTOR
                  ? '系统'
                  : nameOf(claimants, h.by) || (h.by === w.claimedBy ? '党员' : '工作人员'),
          }))
        : [],
    };
  });
}

export async function wishView(ctx: Ctx, wish: WishDoc): Promise<WishView> {
  return (await wishViews(ctx, [wish]))[0] as WishView;
}
