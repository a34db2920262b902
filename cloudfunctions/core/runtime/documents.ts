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
 * A service record (志愿服务记录): what the points feature credits once it is confirmed. Activity
 * attendances and confirmed wishes write one; members log their own. The unit leader of `unitId`
 * confirms it, or for an activity its organiser (`confirmer`).
 */
export type ServiceDoc = {
  _id: string; // activity~<attendanceId>, wish~<wishId> or self~<id>
  openid: string;
  source: 'activity' | 'wish' | 'self';
  sourceId: string;
  communityId: string;
  unitId: string | null;
  confirmer: string | null;
  description: string;
  memberName: string;
  hours: number;
  /** A wish carries the points the station set for it. */
  points?: number;
  at: string;
  status: 'pending' | 'confirmed' | 'rejected';
  createdAt: string;
  reviewedBy?: string | null;
  reviewedAt?: string | null;
  reason?: string | null;
  credited?: number | null;
};

/** One ledger entry; never edited. Its id is the key of what caused it, so a retry cannot post twice. */
export type LedgerDoc = {
  _id: string; // svc~<serviceId> | order~<orderId> | refund~<orderId> | rev~<entryId>
  openid: string;
  communityId: string;
  kind: 'credit' | 'redeem' | 'refund' | 'reversal';
  amount: number;
  reason: string;
  ref: string;
  at: string;
  by: string;
  balanceAfter: number;
  /** The entry's place in the member's ledger (1, 2, …): history reads in posting order. */
  seq: number;
};

/** A member's balance, changed only together with a ledger entry in one transaction. */
export type AccountDoc = { _id: string; communityId: string; balance: number; seq: number; updatedAt: string };
export type PointsStatsDoc = { _id: string; issued: number; redeemed: number };

export type ShopItemDoc = {
  _id: string;
  communityId: string;
  name: string;
  description: string;
  price: number;
  stock: number;
  perMemberLimit: number;
  active: boolean;
  createdAt: string;
};

export type OrderDoc = {
  _id: string; // <openid>~<requestId>: a retried redemption finds its order
  communityId: string;
  itemId: string;
  itemName: string;
  openid: string;
  memberName: string;
  price: number;
  status: 'placed' | 'picked_up' | 'cancelled';
  pickupCode: string;
  createdAt: string;
  pickedUpAt: string | null;
  handedBy: string | null;
  cancelledAt: string | null;
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
export type CommunitySettingsDoc = {
  _id: string;
  wishClaimDays?: number;
  wishMaxOpenClaims?: number;
  wishPoints?: number;
  pointsPerHour?: number;
  maxHoursPerRecord?: number;
  deadlineRule?: import('@shared/report/deadline').DeadlineRule;
};

export type ProblemDoc = {
  _id: string;
  districtId: string;
  communityId: string;
  gridId: string;
  unitId: string;
  openid: string;
  reporterName: string | null;
  reporterPhone: string;
  category: import('@shared/report/report.rules').ProblemCategory;
  description: string;
  photos: string[];
  status: import('@shared/report/report.rules').ProblemStatus;
  /** Still being worked on: the "me too" and nearby lists read it. */
  open: boolean;
  shareIdentity: boolean;
  mergedInto: string | null;
  meToo: number;
  round: number;
  result: string | null;
  resultPhotos: string[];
  rating: 'satisfied' | 'unsatisfied' | null;
  ratingComment: string | null;
  createdAt: string;
  history: HistoryEntry[];
};

/** One department's part in one round of whistling; the timer reads the due ones through indexes. */
export type WhistleDoc = {
  _id: string; // problemId~departmentId~round
  problemId: string;
  departmentId: string;
  communityId: string;
  districtId: string;
  lead: boolean;
  round: number;
  whistledAt: string;
  deadlineAt: string;
  remindAt: string;
  /** Waiting for the department's result. */
  open: boolean;
  reminded: boolean;
  overdue: boolean;
  acknowledgedAt: string | null;
  respondedAt: string | null;
};

/** An in-app message; its id is the key of what caused it plus the recipient, so it is sent once. */
export type MessageDoc = { _id: string; to: string; title: string; body: string; link: string | null; at: string; read: boolean };
