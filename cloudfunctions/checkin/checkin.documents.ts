import type { EnrolmentStatus } from '@shared/checkin/enrolment.rules';
import type { HistoryEntry } from '../core/runtime/change';
import type { IndexDef } from '../core/store/indexes';

/** A member's 报到 (report-in) to a community; stored in `reports`, the collection's first name. */
export type EnrolmentDoc = {
  _id: string;
  openid: string;
  status: EnrolmentStatus;
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
  /** The community's minimum attendance for a service when the activity was made (absent: the default). */
  minAttendanceMinutes?: number;
  status: 'open' | 'closed';
  createdAt: string;
  /** Its members were reminded before it starts (false from its creation; absent on older activities). */
  reminded?: boolean;
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

/** The collections this feature owns and every query it makes (see core/store/indexes.ts). */
export const checkinStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['activities', 'attendance', 'postClaims', 'posts', 'registrations', 'reports'],
  indexes: [
    { collection: 'activities', fields: ['communityId', 'status', 'startAt', '_id'] },
    { collection: 'activities', fields: ['status', 'reminded', 'startAt', '_id'] },
    { collection: 'registrations', fields: ['activityId', '_id'] },
    { collection: 'attendance', fields: ['activityId', 'checkInAt', '_id'] },
    { collection: 'attendance', fields: ['openid', 'checkInAt', '_id'] },
    { collection: 'postClaims', fields: ['openid', 'claimedAt', '_id'] },
    { collection: 'posts', fields: ['communityId', 'status', 'createdAt', '_id'] },
    { collection: 'reports', fields: ['openid', 'submittedAt', '_id'] },
    { collection: 'reports', fields: ['communityId', 'status', 'submittedAt', '_id'] },
    { collection: 'reports', fields: ['orgId', 'submittedAt', '_id'] },
    { collection: 'reports', fields: ['orgId', 'status', 'submittedAt', '_id'] },
    { collection: 'reports', fields: ['districtId', 'status', 'submittedAt', '_id'] },
    { collection: 'reports', fields: ['districtId', 'submittedAt', '_id'] },
  ],
};
