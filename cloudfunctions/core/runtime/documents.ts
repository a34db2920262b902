import type { Grant, Role, ScopeKind } from '@shared/core/roles';
import type { ReportStatus } from '@shared/checkin/report.rules';

/** Stored document shapes, one collection each. Times are ISO strings in UTC. */
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

export type GrantDoc = Grant & { _id: string; openid: string; role: Role; scope: ScopeKind; grantedBy: string; at: string };

export type DistrictDoc = { _id: string; name: string };
export type CommunityDoc = { _id: string; name: string; districtId: string };
export type GridDoc = { _id: string; name: string; seq: number; communityId: string; districtId: string };
export type UnitDoc = { _id: string; name: string; seq: number; gridId: string; communityId: string; districtId: string };
export type OrgDoc = { _id: string; name: string; districtId: string };
export type DepartmentDoc = { _id: string; name: string; districtId: string };

export type HistoryEntry = { at: string; by: string; from: string | null; to: string; note: string | null };

export type ReportDoc = {
  _id: string;
  openid: string;
  status: ReportStatus;
  name: string;
  phone: string;
  districtId: string;
  communityId: string;
  gridId: string;
  unitId: string;
  orgId: string;
  submittedAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reason: string | null;
  history: HistoryEntry[];
};

export type AuditDoc = {
  _id: string;
  requestId: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  at: string;
};
