import { fail, isFailure, type Failure } from '@shared/core/result';
import type { CommunityDoc, GridDoc, UnitDoc } from '../core/runtime/documents';
import { loadByIds } from '../core/runtime/lookup';
import type { Ctx } from '../core/runtime/router';

/** Where an admin's new post or activity goes: their community, optionally narrowed to a grid and unit. */
export type AdminPlace = { community: CommunityDoc; gridId: string | null; unitId: string | null };

/**
 * Resolves and checks the place an admin writes to. A station admin works in their community; a grid
 * secretary only in their grid (it is the default when they name none).
 */
export async function adminPlace(ctx: Ctx, input: { communityId?: string; gridId?: string; unitId?: string }): Promise<AdminPlace | Failure> {
  const { store, caller } = ctx;
  const unit = input.unitId ? await store.get<UnitDoc>('units', input.unitId) : null;
  if (input.unitId && !unit) return fail('NOT_FOUND', undefined, { unitId: '单元不存在' });
  const gridId = input.gridId ?? unit?.gridId ?? (caller.grants.some((g) => g.role === 'stationAdmin') ? undefined : caller.grants.find((g) => g.role === 'gridSecretary')?.scopeId);
  const grid = gridId ? await store.get<GridDoc>('grids', gridId) : null;
  if (gridId && !grid) return fail('NOT_FOUND', undefined, { gridId: '网格不存在' });
  if (unit && grid && unit.gridId !== grid._id) return fail('INPUT.INVALID', undefined, { unitId: '单元不属于所选网格' });
  const communityId = grid?.communityId ?? input.communityId ?? caller.grants.find((g) => g.role === 'stationAdmin')?.scopeId;
  if (!communityId) return fail('AUTH.FORBIDDEN');
  if (grid && input.communityId && input.communityId !== grid.communityId) return fail('INPUT.INVALID', undefined, { gridId: '网格不属于所选社区' });
  const community = await store.get<CommunityDoc>('communities', communityId);
  if (!community) return fail('ORG.COMMUNITY_UNKNOWN');
  const allowed = ctx.scope(['stationAdmin', 'gridSecretary'], { communityId, gridId: grid?._id });
  if (isFailure(allowed)) return allowed;
  return { community, gridId: grid?._id ?? null, unitId: unit?._id ?? null };
}

/** The community a member belongs to (their member grant), or null. */
export function memberCommunity(ctx: Ctx): string | null {
  return ctx.caller.grants.find((g) => g.role === 'member' && g.scope === 'community')?.scopeId ?? null;
}

/**
 * The community whose posts or activities the caller reads: the one asked for if any of their grants
 * reaches it (member or station of it, secretary of one of its grids, admin of its district), else their own.
 */
export async function readableCommunity(ctx: Ctx, requested: string | undefined): Promise<string | Failure> {
  const { caller, store } = ctx;
  const grids = await loadByIds<GridDoc>(store, 'grids', caller.grants.filter((g) => g.scope === 'grid').map((g) => g.scopeId));
  const own = caller.grants.flatMap((g) => (g.scope === 'community' ? [g.scopeId] : g.scope === 'grid' ? [grids.get(g.scopeId)?.communityId ?? ''] : []));
  const communityId = requested ?? own.find(Boolean);
  if (!communityId) return fail(caller.grants.some((g) => g.role === 'districtAdmin') ? 'INPUT.INVALID' : 'CHECKIN.NOT_A_MEMBER', undefined, requested ? undefined : { communityId: '请选择社区' });
  if (own.includes(communityId)) return communityId;
  const community = await store.get<CommunityDoc>('communities', communityId);
  if (community && caller.grants.some((g) => g.role === 'districtAdmin' && g.scopeId === community.districtId)) return communityId;
  return fail('AUTH.OUT_OF_SCOPE');
}
