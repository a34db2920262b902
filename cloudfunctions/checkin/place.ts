import { check, ownScope, stationCommunity } from '../access/access';
import { fail, type Failure } from '@shared/core/result';
import type { Ctx } from '../core/runtime/router';
import { isActive, type CommunityDoc, type GridDoc, type UnitDoc } from '../org/org.port';

/** Where an admin's new post or activity goes: their community, optionally narrowed to a grid and unit. */
export type AdminPlace = { community: CommunityDoc; gridId: string | null; unitId: string | null };

/**
 * Resolves and checks the place an admin writes to. A station admin works in their community; a grid
 * secretary only in their grid (it is the default when they name none).
 */
export async function adminPlace(
  ctx: Ctx,
  input: { communityId?: string; gridId?: string; unitId?: string },
): Promise<AdminPlace | Failure> {
  const { store, caller } = ctx;
  const unit = input.unitId ? await store.get<UnitDoc>('units', input.unitId) : null;
  if (input.unitId && !unit) return fail('NOT_FOUND', { unitId: '单元不存在' });
  const gridId =
    input.gridId ??
    unit?.gridId ??
    (stationCommunity(caller) ? undefined : (ownScope(caller, 'gridSecretary') ?? undefined));
  const grid = gridId ? await store.get<GridDoc>('grids', gridId) : null;
  if (gridId && !grid) return fail('NOT_FOUND', { gridId: '网格不存在' });
  if (unit && grid && unit.gridId !== grid._id) return fail('INPUT.INVALID', { unitId: '单元不属于所选网格' });
  const communityId = grid?.communityId ?? input.communityId ?? stationCommunity(caller);
  if (!communityId) return fail('AUTH.FORBIDDEN');
  if (grid && input.communityId && input.communityId !== grid.communityId)
    return fail('INPUT.INVALID', { gridId: '网格不属于所选社区' });
  const community = await store.get<CommunityDoc>('communities', communityId);
  if (!community) return fail('ORG.COMMUNITY_UNKNOWN');
  const refused = check(caller, 'place.manage', { communityId, gridId: grid?._id });
  if (refused) return refused;
  // A retired place takes no new post or activity (those it has keep naming it).
  if (unit && !isActive(unit)) return fail('INPUT.INVALID', { unitId: '该单元已停用，请选择其他单元' });
  if (grid && !isActive(grid)) return fail('INPUT.INVALID', { gridId: '该网格已停用，请选择其他网格' });
  return { community, gridId: grid?._id ?? null, unitId: unit?._id ?? null };
}
