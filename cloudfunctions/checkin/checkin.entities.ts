import { activityTally, attendanceTally, postClaimTally } from './checkin.stats';
import {
  activityTransitions,
  attendanceTransitions,
  type ActivityStatus,
  type AttendanceStatus,
} from '@shared/checkin/activity.rules';
import { enrolmentTransitions, type EnrolmentStatus } from '@shared/checkin/enrolment.rules';
import { postClaimTransitions, type PostClaimStatus } from '@shared/checkin/post.rules';
import { clause, excerpt } from '@shared/core/text';
import { beijing } from '@shared/core/time';
import { statusField, type Entity } from '../core/runtime/change';
import { withinPlaces } from '../core/runtime/counters';
import { keepHalfYears, postClaimContribution } from './half-year.stats';
import type { ActivityDoc, AttendanceDoc, EnrolmentDoc, PostClaimDoc } from './checkin.documents';

/** A 报到 (enrolment). Its audit actions keep their first name, `report.*`, as stored records do. */
export const enrolmentEntity: Entity<EnrolmentDoc, EnrolmentStatus, typeof enrolmentTransitions> = {
  name: 'report',
  collection: 'reports',
  table: enrolmentTransitions,
  badState: 'CHECKIN.REPORT_ALREADY_REVIEWED',
  ...statusField(),
  history: true,
  counted: {
    kind: 'report',
    place: (e) => ({ districtId: e.districtId, communityId: e.communityId }),
    within: (e) => withinPlaces({ g: e.gridId, o: e.orgId }),
  },
  audience: {
    owner: (e) => [{ openids: [e.openid] }],
    station: (e) => [{ role: 'stationAdmin', scope: 'community', scopeId: e.communityId }],
    orgAdmin: (e) => [{ role: 'orgAdmin', scope: 'org', scopeId: e.orgId }],
  },
  facts: (e, note) => ({ name: e.name, subject: '在职党员到社区报到', note: clause(note ?? '') }),
};

/** A member's claim of a place on a post. */
export const postClaimEntity: Entity<PostClaimDoc, PostClaimStatus, typeof postClaimTransitions> = {
  name: 'post',
  collection: 'postClaims',
  table: postClaimTransitions,
  badState: 'CHECKIN.POST_CLOSED',
  ...statusField(),
  history: false,
  audience: { station: (c) => [{ role: 'stationAdmin', scope: 'community', scopeId: c.communityId }] },
  facts: () => ({ post: '社区岗位' }),
  linkId: (c) => c.postId,
  // An active claim counts for its member's half-year rule (half-year.stats.ts), in the half it was claimed.
  inTx: (tx, next, before) => keepHalfYears(tx, postClaimContribution(before), postClaimContribution(next)),
  // Claims held now, by the month claimed (checkin.stats.ts: the dashboards).
  tally: (next, before) => postClaimTally(next, before),
};

export const activityEntity: Entity<ActivityDoc, ActivityStatus, typeof activityTransitions> = {
  name: 'activity',
  collection: 'activities',
  table: activityTransitions,
  badState: 'CHECKIN.ACTIVITY_CLOSED',
  ...statusField(),
  history: false,
  // Activities by the month they start in (checkin.stats.ts: the dashboards).
  tally: (next, before) => activityTally(next, before),
  audience: {
    // The members signed up; an activity closed after it began is over, not cancelled: no one is told.
    registered: (a, _before, at) =>
      a.status === 'closed' && a.startAt <= at.toISOString()
        ? []
        : [{ query: { collection: 'registrations', where: { activityId: a._id }, field: 'openid' } }],
  },
  facts: (a) => ({
    title: a.title,
    subject: excerpt(a.title, 20),
    startsAt: beijing(a.startAt, 'MM月DD日 HH:mm'),
    startsAtIso: a.startAt,
    place: a.place,
  }),
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
  // Attendances checked out, by the month of the check-in (checkin.stats.ts): a check-in alone counts nothing.
  tally: (next, before) => attendanceTally(next, before),
  audience: { owner: (a) => [{ openids: [a.openid] }] },
  facts: (a, note) => ({ title: a.activityTitle, note: clause(note ?? '') }),
};
