import { fail, type Failure } from '@shared/core/result';
import { coveringGrants, type Grant, type Placement, type Role, type ScopeKind } from '@shared/core/roles';
import type { GrantDoc } from '../core/runtime/identity';
import { loadByIds } from '../core/runtime/lookup';
import type { Caller } from '../core/runtime/router';
import type { Store, Where } from '../core/store/store.port';
import type { CommunityDoc, GridDoc } from '../org/org.port';

/**
 * The access module: who may see and do what, over which part of the organisation tree. Grants come
 * from the platform-identified caller (the router loads them); features ask here and never read the
 * grants themselves.
 */

/** Each kind of action and the roles that may do it over the record's place. */
export const policy = {
  /** Review 报到 and print the community's code. */
  'enrolment.review': ['stationAdmin'],
  'enrolment.read': ['stationAdmin', 'districtAdmin'],
  /** An employer organisation's receipts and its members' half-year record. */
  'org.read': ['orgAdmin', 'districtAdmin'],
  /** Posts, activities and wishes of a community or grid. */
  'place.manage': ['stationAdmin', 'gridSecretary'],
  'attendance.read': ['stationAdmin', 'gridSecretary', 'districtAdmin'],
  'wish.read': ['stationAdmin', 'districtAdmin'],
  /** The unit leader acts for residents of their unit (confirming wishes and service hours). */
  'unit.confirm': ['unitLeader'],
  'problem.manage': ['stationAdmin'],
  /** The organisation tree: the district all of it; a station the grids and units of its community. */
  'tree.district': ['districtAdmin'],
  'tree.community': ['districtAdmin', 'stationAdmin'],
} as const satisfies Record<string, readonly Role[]>;
export type AccessAction = keyof typeof policy;

/** May the caller do `action` on a record at `place`? */
export function can(caller: Caller, action: AccessAction, place: Placement): boolean {
  return coveringGrants(caller.grants, policy[action], place).length > 0;
}

/** The role the caller acts in for `action` on a record at `place` (the first of the policy's that covers it), or null. */
export function actingRole(caller: Caller, action: AccessAction, place: Placement): Role | null {
  return coveringGrants(caller.grants, policy[action], place)[0]?.role ?? null;
}

/** Null when the caller may, else the failure to answer (the record is outside their scope). */
export function check(caller: Caller, action: AccessAction, place: Placement): Failure | null {
  return can(caller, action, place) ? null : fail('AUTH.OUT_OF_SCOPE');
}

/** Does the caller hold `roles` over `place`? (For what a reader sees of a record.) */
export function holds(caller: Caller, roles: readonly Role[], place: Placement): boolean {
  return coveringGrants(caller.grants, roles, place).length > 0;
}

/** The caller's first grant of `role`: their own community, grid, unit, department or organisation. */
export function grantOf(caller: Caller, role: Role): Grant | undefined {
  return caller.grants.find((g) => g.role === role);
}

/** The id of the caller's own scope for `role` (the station's community, the department), or null. */
export function ownScope(caller: Caller, role: Role): string | null {
  return grantOf(caller, role)?.scopeId ?? null;
}

/** The community a member reported to and was approved in, or null. */
export function memberCommunity(caller: Caller): string | null {
  return caller.grants.find((g) => g.role === 'member' && g.scope === 'community')?.scopeId ?? null;
}

/** The member's community, or AUTH.NOT_A_MEMBER when they have none (or it is not `communityId`). */
export function requireMember(caller: Caller, communityId?: string): string | Failure {
  const own = memberCommunity(caller);
  return own && (communityId === undefined || own === communityId) ? own : fail('AUTH.NOT_A_MEMBER');
}

/** The community whose station the caller runs, or null. */
export function stationCommunity(caller: Caller): string | null {
  return ownScope(caller, 'stationAdmin');
}

const scopeField: Record<ScopeKind, keyof Placement | null> = {
  self: null,
  unit: 'unitId',
  grid: 'gridId',
  community: 'communityId',
  department: 'departmentId',
  org: 'orgId',
  district: 'districtId',
};

/**
 * The filter of a list query over the caller's own scope: the first of `roles` (in the order given) the
 * caller holds decides it (a station lists its community, a grid secretary their grid, the district
 * its district). Null when they hold none.
 */
export function scopeWhere(caller: Caller, roles: readonly Role[]): Where | null {
  for (const role of roles) {
    const grant = grantOf(caller, role);
    const field = grant ? scopeField[grant.scope] : null;
    if (grant && field) return { [field]: grant.scopeId };
  }
  return null;
}

/**
 * The community whose posts or activities the caller reads: the one asked for if any of their grants
 * reaches it (member or station of it, secretary of one of its grids, admin of its district), else their own.
 */
export async function readableCommunity(
  store: Store,
  caller: Caller,
  requested: string | undefined,
): Promise<string | Failure> {
  const grids = await loadByIds<GridDoc>(
    store,
    'grids',
    caller.grants.filter((g) => g.scope === 'grid').map((g) => g.scopeId),
  );
  const own = caller.grants.flatMap((g) =>
    g.scope === 'community' ? [g.scopeId] : g.scope === 'grid' ? [grids.get(g.scopeId)?.communityId ?? ''] : [],
  );
  const communityId = requested ?? own.find(Boolean);
  if (!communityId)
    return fail(grantOf(caller, 'districtAdmin') ? 'INPUT.INVALID' : 'AUTH.NOT_A_MEMBER', {
      communityId: '请选择社区',
    });
  if (own.includes(communityId)) return communityId;
  const community = await store.get<CommunityDoc>('communities', communityId);
  if (community && holds(caller, ['districtAdmin'], { districtId: community.districtId })) return communityId;
  return fail('AUTH.OUT_OF_SCOPE');
}

/** Everyone holding `role` over the scope (a department's staff, a station's admins, the district's). */
export async function holders(store: Store, role: Role, scope: ScopeKind, scopeId: string): Promise<string[]> {
  const page = await store.find<GrantDoc>('grants', { where: { role, scope, scopeId }, limit: 100 });
  return page.items.map((g) => g.openid);
}
