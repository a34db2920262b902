import { phoneFor, type Viewer } from '@shared/core/privacy';
import type { WishView } from '@shared/wish/wish.contract';
import { holds } from '../access/access';
import { SYSTEM_ACTOR, type HistoryEntry } from '../core/runtime/change';
import type { WishDoc } from './wish.documents';
import { loadByIds, loadPlaces, nameOf } from '../core/runtime/lookup';
import { photoUrls } from '../core/runtime/photos';
import type { Ctx } from '../core/runtime/router';

/** How the reader stands to this wish: what of the resident they see follows the privacy table. */
function viewersOf(ctx: Ctx, w: WishDoc): Viewer[] {
  const place = { communityId: w.communityId, gridId: w.gridId, unitId: w.unitId, districtId: w.districtId };
  const as: Viewer[] = [];
  if (w.openid === ctx.caller.openid) as.push('owner');
  for (const role of ['stationAdmin', 'gridSecretary', 'unitLeader', 'districtAdmin'] as const) {
    if (holds(ctx.caller, [role], place)) as.push(role);
  }
  if (w.claimedBy === ctx.caller.openid) as.push(w.phoneConsent ? 'consentedClaimant' : 'claimant');
  return as.length ? as : ['other'];
}

/** Who acted for the community on a wish: the station, the grid, the unit leader (from the party kept on the line). */
function staffName(h: HistoryEntry): string {
  return h.as === 'stationAdmin'
    ? '社区工作站'
    : h.as === 'gridSecretary'
      ? '网格党支部'
      : h.as === 'unitLeader'
        ? '单元长'
        : '工作人员';
}

export async function wishViews(ctx: Ctx, wishes: WishDoc[]): Promise<WishView[]> {
  const standing = wishes.map((w) => viewersOf(ctx, w));
  const [communities, grids, units, claimants, photoUrl] = await Promise.all([
    loadPlaces(
      ctx.store,
      'communities',
      wishes.map((w) => w.communityId),
    ),
    loadPlaces(
      ctx.store,
      'grids',
      wishes.map((w) => w.gridId),
    ),
    loadPlaces(
      ctx.store,
      'units',
      wishes.map((w) => w.unitId),
    ),
    loadByIds(
      ctx.store,
      'people',
      wishes.map((w) => w.claimedBy),
    ),
    // The photos of the page, through URLs made for this reader that soon stop working: the wish's own to
    // whoever is shown it (members choose what to claim by it), the fulfilment's to those who stand to it.
    photoUrls(
      ctx.rt,
      wishes.flatMap((w, i) => [w.photo, standing[i]?.includes('other') ? null : w.fulfilPhoto]),
    ),
  ]);
  return wishes.map((w, i) => {
    const as = standing[i] as Viewer[];
    const seesResident = as.some(
      (v) =>
        v === 'owner' ||
        v === 'stationAdmin' ||
        v === 'gridSecretary' ||
        v === 'unitLeader' ||
        v === 'districtAdmin' ||
        v === 'consentedClaimant',
    );
    const seesClaimant = !as.includes('other');
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
      residentPhone: phoneFor('wish', as, w.residentPhone),
      phoneConsent: w.phoneConsent === true,
      claimantName: seesClaimant && w.claimedBy ? nameOf(claimants, w.claimedBy) || '党员' : null,
      claimedAt: w.claimedAt,
      claimExpiresAt: w.claimExpiresAt,
      fulfilNote: w.fulfilNote,
      photo: photoUrl(w.photo),
      fulfilPhoto: seesClaimant ? photoUrl(w.fulfilPhoto) : null,
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
                  : nameOf(claimants, h.by) || (h.by === w.claimedBy ? '党员' : staffName(h)),
          }))
        : [],
    };
  });
}

export async function wishView(ctx: Ctx, wish: WishDoc): Promise<WishView> {
  return (await wishViews(ctx, [wish]))[0] as WishView;
}
