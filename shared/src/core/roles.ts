/** The roles of the product (README, 演示账号). `resident` is held implicitly by every identified person. */
export const roles = [
  'resident',
  'member',
  'unitLeader',
  'gridSecretary',
  'stationAdmin',
  'department',
  'orgAdmin',
  'districtAdmin',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  resident: '居民',
  member: '在职党员',
  unitLeader: '单元长',
  gridSecretary: '网格党支部书记',
  stationAdmin: '社区红领工作站',
  department: '职能部门',
  orgAdmin: '报到单位党支部',
  districtAdmin: '区委组织部',
};

/** Kinds of scope a grant covers. The tree is district → community → grid → unit. */
export const scopeKinds = ['self', 'unit', 'grid', 'community', 'department', 'org', 'district'] as const;
export type ScopeKind = (typeof scopeKinds)[number];

export type Grant = { role: Role; scope: ScopeKind; scopeId: string };

/** Where a record sits; records carry their ancestors so a scope check needs no extra reads. */
export type Placement = {
  districtId?: string;
  communityId?: string;
  gridId?: string;
  unitId?: string;
  departmentId?: string;
  orgId?: string;
};

const placementKey: Record<ScopeKind, keyof Placement | null> = {
  self: null,
  unit: 'unitId',
  grid: 'gridId',
  community: 'communityId',
  department: 'departmentId',
  org: 'orgId',
  district: 'districtId',
};

/** True when the grant's scope contains the record's placement. */
export function grantCovers(grant: Grant, place: Placement): boolean {
  const key = placementKey[grant.scope];
  return key !== null && place[key] === grant.scopeId;
}

/** The grants of `roles` that cover `place`. */
export function coveringGrants(grants: Grant[], allowed: readonly Role[], place: Placement): Grant[] {
  return grants.filter((g) => allowed.includes(g.role) && grantCovers(g, place));
}
