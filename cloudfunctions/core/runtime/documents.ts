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

export type PostDoc = {
  _id: string;
  districtId: string;
  communityId: string;
  gridId: string | null;
  unitId: string | null;
  name: string;
  duty: string;
  capacity: number;
  taken: number;
  startDate: string;
  endDate: string;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: string;
};

export type PostClaimDoc = {
  _id: string; // postId~openid
  postId: string;
  openid: string;
  communityId: string;
  status: 'active' | 'released';
  claimedAt: string;
  releasedAt: string | null;
};

export type ActivityDoc = {
  _id: string; // 10 characters: it travels in the activity code
  districtId: string;
  communityId: string;
  gridId: string | null;
  title: string;
  place: string;
  lat: number | null;
  lng: number | null;
  radiusM: number | null;
  startAt: string;
  endAt: string;
  capacity: number;
  signed: number;
  organiser: string;
  organiserName: string;
  status: 'open' | 'closed';
  createdAt: string;
};

export type RegistrationDoc = { _id: string; activityId: string; openid: string; at: string };

export type AttendanceDoc = {
  _id: string; // activityId~openid: one attendance per member and activity
  activityId: string;
  activityTitle: string;
  communityId: string;
  openid: string;
  name: string;
  checkInAt: string;
  checkOutAt: string | null;
  hours: number | null;
  distanceM: number | null;
  correction: { by: string; at: string; note: string; previous: string | null } | null;
};

/**
 * A service record (志愿服务记录): the seam the points feature reads. It is written when an attendance
 * has both check-in and check-out; the points feature confirms it and credits the ledger.
 */
export type ServiceDoc = {
  _id: string; // activity~<attendanceId> or wish~<wishId>
  openid: string;
  source: 'activity' | 'wish';
  sourceId: string;
  communityId: string;
  hours: number;
  /** A confirmed wish carries the points the station set for it. */
  points?: number;
  at: string;
  status: 'pending';
  createdAt: string;
};

export type WishDoc = {
  _id: string;
  districtId: string;
  communityId: string;
  gridId: string;
  unitId: string;
  openid: string; // the resident who posted it
  residentName: string | null;
  residentPhone: string;
  title: string;
  description: string;
  category: import('@shared/wish/wish.rules').WishCategory;
  points: number;
  status: import('@shared/wish/wish.rules').WishStatus;
  reason: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  claimExpiresAt: string | null;
  fulfilledAt: string | null;
  fulfilNote: string | null;
  photo: string | null;
  fulfilPhoto: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  thanks: string | null;
  createdAt: string;
  history: HistoryEntry[];
};

/** A community's settings; missing fields take the defaults of the feature. */
export type CommunitySettingsDoc = { _id: string; wishClaimDays?: number; wishMaxOpenClaims?: number; wishPoints?: number };
