import { checkinContract } from '@shared/checkin/checkin.contract';
import { createFunction } from '../core/runtime/router';
import { activityCode, activityDetail, closeActivity, createActivity, listActivities, signUp } from './activity.handler';
import { activityAttendance, activityByCode, checkIn, checkOut, correctCheckOut } from './attendance.handler';
import { communityCode } from './community-code.handler';
import { myReports, listReports, orgReceipts } from './list-reports.handler';
import { gridUnits, reportForm } from './report-form.handler';
import { reviewReport } from './review-report.handler';
import { claimPost, createPost, listPosts, releasePost } from './post.handler';
import { myService, orgHalfYear } from './service-record.handler';
import { submitReport } from './submit-report.handler';

/** 报到 (report-in), posts and activities: the `checkin` cloud function. */
export const checkin = createFunction('checkin', checkinContract, {
  communityCode,
  reportForm,
  gridUnits,
  submitReport,
  myReports,
  listReports,
  reviewReport,
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
});
