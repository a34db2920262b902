import type { CheckinContract } from '@shared/checkin/checkin.contract';
import type { Handlers } from '../core/runtime/router';
import { closeActivity, createActivity, signUp } from './activity.commands';
import { activityCode, activityDetail, listActivities } from './activity.queries';
import { checkIn, checkOut, correctCheckOut } from './attendance.commands';
import { activityAttendance, activityByCode } from './attendance.queries';
import { reviewEnrolment, submitEnrolment } from './enrolment.commands';
import {
  communityCode,
  enrolmentForm,
  gridUnits,
  listEnrolments,
  myEnrolments,
  orgReceipts,
} from './enrolment.queries';
import { myService, orgHalfYear } from './half-year.queries';
import { claimPost, createPost, releasePost } from './post.commands';
import { listPosts } from './post.queries';

/**
 * 报到 (report-in, called enrolment in the code), posts and activities: every action of the feature.
 * The action names are public (mini-programs call them), so the 报到 actions keep their first names.
 */
export const checkinHandlers: Handlers<CheckinContract> = {
  communityCode,
  reportForm: enrolmentForm,
  gridUnits,
  submitReport: submitEnrolment,
  myReports: myEnrolments,
  listReports: listEnrolments,
  reviewReport: reviewEnrolment,
  orgReceipts,
  createPost,
  listPosts,
  claimPost,
  releasePost,
  createActivity,
  listActivities,
  activityDetail,
  signUp,
  activityCode,
  activityByCode,
  checkIn,
  checkOut,
  activityAttendance,
  correctCheckOut,
  closeActivity,
  myService,
  orgHalfYear,
};
