import {
  activityTransitions,
  attendanceTransitions,
  type ActivityStatus,
  type AttendanceStatus,
} from '@shared/checkin/activity.rules';
import { enrolmentTransitions, type EnrolmentStatus } from '@shared/checkin/enrolment.rules';
import { postClaimTransitions, type PostClaimStatus } from '@shared/checkin/post.rules';
import { statusField, type Entity } from '../core/runtime/change';
import type { ActivityDoc, AttendanceDoc, EnrolmentDoc, PostClaimDoc } from './checkin.documents';

/** A 报到 (enrolment). Its audit actions keep their first name, `report.*`, as stored records do. */
export const enrolmentEntity: Entity<EnrolmentDoc, EnrolmentStatus, typeof enrolmentTransitions> = {
  name: 'report',
  collection: 'reports',
  table: enrolmentTransitions,
  badState: 'CHECKIN.REPORT_ALREADY_REVIEWED',
  ...statusField(),
  history: true,
};

/** A member's claim of a place on a post. */
export const postClaimEntity: Entity<PostClaimDoc, PostClaimStatus, typeof postClaimTransitions> = {
  name: 'post',
  collection: 'postClaims',
  table: postClaimTransitions,
  badState: 'CHECKIN.POST_CLOSED',
  ...statusField(),
  history: false,
};

export const activityEntity: Entity<ActivityDoc, ActivityStatus, typeof activityTransitions> = {
  name: 'activity',
  collection: 'activities',
  table: activityTransitions,
  badState: 'CHECKIN.ACTIVITY_CLOSED',
  ...statusField(),
  history: false,
};

/** An attendance: checked in until it has a check-out time. */
export const attendanceEntity: Entity<AttendanceDoc, AttendanceStatus, typeof attendanceTransitions> = {
  name: 'attendance',
  collection: 'attendance',
  table: attendanceTransitions,
  badState: 'CHECKIN.NOT_CHECKED_IN',
  stateOf: (a) => (a.checkOutAt ? 'checked_out' : 'checked_in'),
  guardOf: (a) => ({ checkOutAt: a.checkOutAt }),
  enter: () => ({}),
  history: false,
};
