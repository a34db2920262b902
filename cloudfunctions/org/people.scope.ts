import { fail, type Failure } from '@shared/core/result';
import type { Role, ScopeKind } from '@shared/core/roles';
import { grantable, type GranterRole } from '@shared/org/people.rules';
import { grantOf } from '../access/access';
import type { Caller, Ctx } from '../core/runtime/router';
import type { Doc, Store } from '../core/store/store.port';
import type { CommunityDoc } from './org.documents';

/** The collection each kind of scope names a record of. */
export const scopeCollection: Record<ScopeKind, string | null> = {
  self: null,
  unit: 'units',
  grid: 'grids',
  community: 'communities',
  department: 'departments',
  org: 'orgs',
  district: 'districts',
};

/** Where a granter appoints: their district (and, for a station, their community). */
export type Authority = { granter: GranterRole; districtId: string; communityId: string | null };

/** A scope resolved for a grant or a code: its record's name and where it sits. */
export type ResolvedScope = Authority & {
  role: Role;
  scope: ScopeKind;
  scopeId: string;
  scopeName: string;
  retired: boolean;
};

type PlaceDoc = Doc & { name: string; districtId?: string; communityId?: string; retiredAt?: string | null };

/**
 * The caller's standing as a granter, each role they appoint in: the district's admin over their district,
 * a station's over its community (and the district it is in). The district first.
 */
export async function authoritiesOf(store: Store, caller: Caller): Promise<Authority[]> {
  const out: Authority[] = [];
  const district = grantOf(caller, 'districtAdmin');
  if (district) out.push({ granter: 'districtAdmin', districtId: district.scopeId, communityId: null });
  const station = grantOf(caller, 'stationAdmin');
  if (station) {
    const community = await store.get<CommunityDoc>('communities', station.scopeId);
    if (community) out.push({ granter: 'stationAdmin', districtId: community.districtId, communityId: community._id });
  }
  return out;
}

/** Where a record of a scope sits (its district; its community for a community, grid or unit). */
export function placementOf(scope: ScopeKind, doc: PlaceDoc): { districtId: string; communityId: string | null } {
  if (scope === 'district') return { districtId: doc._id, communityId: null };
  if (scope === 'community') return { districtId: doc.districtId ?? '', communityId: doc._id };
  if (scope === 'grid' || scope === 'unit')
    return { districtId: doc.districtId ?? '', communityId: doc.communityId ?? null };
  return { districtId: doc.districtId ?? '', communityId: null };
}

function within(authority: Authority, place: { districtId: string; communityId: string | null }): boolean {
  return authority.granter === 'districtAdmin'
    ? place.districtId === authority.districtId
    : place.communityId !== null && place.communityId === authority.communityId;
}

/**
 * May the caller give `role` over `scopeId`? The first of their authorities that appoints the role and
 * contains the scope decides; the answer names the record and where it sits. A role nobody the caller is
 * may give is refused (AUTH.FORBIDDEN), a scope outside their place AUTH.OUT_OF_SCOPE, an unknown one
 * NOT_FOUND. A retired scope is answered with `retired` set: giving is refused, taking back is not.
 */
export async function resolveScope(
  ctx: Ctx,
  role: Role,
  scopeId: string,
  authorities?: Authority[],
): Promise<ResolvedScope | Failure> {
  const mine = authorities ?? (await authoritiesOf(ctx.store, ctx.caller));
  const rows = mine.flatMap((a) =>
    (grantable[a.granter] ?? []).filter((g) => g.role === role).map((g) => ({ authority: a, scope: g.scope })),
  );
  if (!rows.length) return fail('AUTH.FORBIDDEN');
  const scope = rows[0]!.scope;
  const collection = scopeCollection[scope];
  const doc = collection ? await ctx.store.get<PlaceDoc>(collection, scopeId) : null;
  if (!doc) return fail('NOT_FOUND');
  const place = placementOf(scope, doc);
  const row = rows.find((r) => within(r.authority, place));
  if (!row) return fail('AUTH.OUT_OF_SCOPE');
  return {
    ...place,
    granter: row.authority.granter,
    role,
    scope,
    scopeId,
    scopeName: doc.name,
    retired: !!doc.retiredAt,
  };
}

/** Does the caller hold `granter` over this place (to decide an invite made there)? */
export function decides(authorities: Authority[], granter: GranterRole, place: Authority): boolean {
  return authorities.some(
    (a) =>
      a.granter === granter &&
      (granter === 'districtAdmin' ? a.districtId === place.districtId : a.communityId === place.communityId),
  );
}

/** The roles a granter lists: what they appoint, and for the district every staff role within it. */
export function listedRoles(authority: Authority): Role[] {
  return authority.granter === 'districtAdmin'
    ? ['stationAdmin', 'department', 'orgAdmin', 'districtAdmin', 'gridSecretary', 'unitLeader']
    : (grantable.stationAdmin ?? []).map((g) => g.role);
}
