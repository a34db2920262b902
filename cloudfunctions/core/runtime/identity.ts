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
};
