import { z } from 'zod';
import { defineContract } from '../core/contract';
import {
  cursorField,
  idField,
  limitField,
  nameField,
  page,
  phoneField,
  reasonField,
  listFilterFields,
} from '../core/fields';
import { activityActions } from './activity.contract';
import { postActions } from './post.contract';
import { enrolmentStatuses } from './enrolment.rules';

/** A community code token: short enough for a mini-program code `scene` (≤ 32 characters). */
export const communityTokenField = z
  .string({ error: '缺少报到码' })
  .trim()
  .min(8, '报到码无效')
  .max(32, '报到码无效')
  .regex(/^[A-Za-z0-9._-]+$/, '报到码无效');

const option = z.object({ id: z.string(), name: z.string() });

export const enrolmentView = z.object({
  id: z.string(),
  status: z.enum(enrolmentStatuses),
  name: z.string(),
  /** Masked unless the caller is an admin who needs the full number. */
  phone: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  gridName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reason: z.string().nullable(),
});
export type EnrolmentView = z.infer<typeof enrolmentView>;

/** 报到 (report-in), posts and activities: the `checkin` function's actions. */
export const checkinContract = defineContract({
  ...postActions,
  ...activityActions,
  communityCode: {
    summary: '社区报到码',
    roles: ['stationAdmin'],
    input: z.object({ communityId: idField.optional() }),
    /**
     * `image`: a short-lived URL of the mini-program code when deployed (cloud storage is readable by no client);
     * null locally, where the page draws a QR.
     */
    output: z.object({
      token: z.string(),
      communityId: z.string(),
      communityName: z.string(),
      path: z.string(),
      image: z.string().nullable(),
    }),
    errors: ['ORG.COMMUNITY_UNKNOWN'],
  },
  reportForm: {
    summary: '扫码打开报到表单',
    roles: ['resident'],
    input: z.object({ token: communityTokenField }),
    output: z.object({
      community: z.object({ id: z.string(), name: z.string(), districtName: z.string() }),
      grids: z.array(option),
      orgs: z.array(option),
      mine: enrolmentView.nullable(),
      /** The caller's current community (approved), when it is another one. */
      currentCommunityName: z.string().nullable(),
    }),
    errors: ['CHECKIN.CODE_INVALID'],
  },
  gridUnits: {
    summary: '网格内的单元',
    roles: ['resident'],
    input: z.object({ token: communityTokenField, gridId: idField }),
    output: z.object({ units: z.array(option) }),
    errors: ['CHECKIN.CODE_INVALID'],
  },
  submitReport: {
    summary: '提交报到',
    roles: ['resident'],
    input: z.object({
      token: communityTokenField,
      name: nameField,
      phone: phoneField,
      orgId: idField,
      unitId: idField,
    }),
    output: z.object({ report: enrolmentView, changed: z.boolean() }),
    errors: ['CHECKIN.CODE_INVALID', 'CHECKIN.UNIT_NOT_IN_COMMUNITY', 'CHECKIN.ORG_UNKNOWN'],
  },
  myReports: {
    summary: '我的报到',
    roles: ['resident'],
    input: z.object({}),
    output: z.object({ items: z.array(enrolmentView) }),
    errors: [],
  },
  listReports: {
    summary: '报到审核列表',
    roles: ['stationAdmin', 'districtAdmin'],
    input: z.object({
      communityId: idField.optional(),
      status: z.enum(enrolmentStatuses).default('pending'),
      ...listFilterFields,
      cursor: cursorField,
      limit: limitField,
    }),
    output: page(enrolmentView),
    errors: ['ORG.COMMUNITY_UNKNOWN'],
  },
  reviewReport: {
    summary: '审核报到',
    roles: ['stationAdmin'],
    input: z
      .object({
        reportId: idField,
        decision: z.enum(['approve', 'reject'], { error: '请选择通过或驳回' }),
        reason: reasonField.optional(),
      })
      .refine((v) => v.decision === 'approve' || (v.reason ?? '').length > 0, {
        message: '驳回时请填写原因',
        path: ['reason'],
      }),
    output: z.object({ report: enrolmentView }),
    errors: ['CHECKIN.REPORT_ALREADY_REVIEWED'],
  },
  orgReceipts: {
    summary: '报到回执',
    roles: ['orgAdmin', 'districtAdmin'],
    input: z.object({
      orgId: idField.optional(),
      status: z.enum(enrolmentStatuses).optional(),
      ...listFilterFields,
      cursor: cursorField,
      limit: limitField,
    }),
    output: page(enrolmentView),
    errors: [],
  },
});
export type CheckinContract = typeof checkinContract;
