import { checkinContract } from '@shared/checkin/checkin.contract';
import { createFunction } from '../core/runtime/router';
import { communityCode } from './community-code.handler';
import { myReports, listReports, orgReceipts } from './list-reports.handler';
import { gridUnits, reportForm } from './report-form.handler';
import { reviewReport } from './review-report.handler';
import { submitReport } from './submit-report.handler';

/** 报到 (report-in): the `checkin` cloud function. */
export const checkin = createFunction('checkin', checkinContract, {
  communityCode,
  reportForm,
  gridUnits,
  submitReport,
  myReports,
  listReports,
  reviewReport,
  orgReceipts,
});
