import type { Grant, Role, ScopeKind } from '@shared/core/roles';

/** Who a caller is: their person record (once they reported to a community) and their role grants. Times are UTC ISO strings. */
export type PersonDoc = {
  _id: string; // OPENID
  name: string | null;
  phone: string | null;
  /** The community the person reported to and was approved in. */
  communityId: string | null;
  orgId: string | null;
  unitId: string | null;
  createdAt: string;
};

export type GrantDoc = Grant & {
  _id: string;
  openid: string;
  role: Role;
  scope: ScopeKind;
  grantedBy: string;
  at: string;
  /**
   * Where the scope sits, so a granter lists the roles of their district or community in one query: the
   * district always, the community for a community, grid or unit. Grants written before issue 15 lack them
   * until the deploy's migration (`2026-11-grants-placement`) adds them.
   */
  districtId?: string;
  communityId?: string | null;
};
