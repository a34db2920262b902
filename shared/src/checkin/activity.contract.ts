import { activityPhases } from './activity.rules';
import { z } from 'zod';
import { defineContract } from '../core/contract';
import { instantField } from '../core/dates';
import { cursorField, idField, limitField, page, requestIdField } from '../core/fields';

/** 活动 (activities) with check-in and check-out by scanning the activity's code. */
export const activityTokenField = z
  .string({ error: '缺少活动码' })
  .trim()
  .min(8, '活动码无效')
  .max(32, '活动码无效')
  .regex(/^[A-Za-z0-9._~-]+$/, '活动码无效');

const location = {
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
};

export const activityView = z.object({
  id: z.string(),
  title: z.string(),
  place: z.string(),
  communityId: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  capacity: z.number(),
  signed: z.number(),
  radiusM: z.number().nullable(),
  organiserName: z.string(),
  status: z.enum(['open', 'closed']),
  /** From the clock: 未开始, 进行中, 已结束, or 已关闭. */
  phase: z.enum(activityPhases),
  /** A shorter attendance is not a service. */
  minAttendanceMinutes: z.number(),
  mySignUp: z.boolean(),
});
export type ActivityView = z.infer<typeof activityView>;

export const attendanceView = z.object({
  id: z.string(),
  activityId: z.string(),
  activityTitle: z.string(),
  name: z.string(),
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  hours: z.number().nullable(),
  corrected: z.boolean(),
  correctionNote: z.string().nullable(),
});
export type AttendanceView = z.infer<typeof attendanceView>;

export const halfYearView = z.object({
  label: z.string(),
  services: z.number(),
  claims: z.number(),
  met: z.boolean(),
  missing: z.array(z.string()),
});

export const activityInput = z
  .object({
    requestId: requestIdField.optional(),
    communityId: idField.optional(),
    gridId: idField.optional(),
    title: z.string().trim().min(2, '活动名称至少2个字').max(40, '活动名称最多40个字'),
    place: z.string().trim().min(2, '请填写活动地点').max(60, '活动地点最多60个字'),
    startAt: instantField,
    endAt: instantField,
    capacity: z.number({ error: '请填写人数上限' }).int().min(1, '人数上限至少为1').max(2000, '人数上限最多2000'),
    radiusM: z.number().int().min(50, '签到范围至少50米').max(5000, '签到范围最多5000米').optional(),
    ...location,
  })
  .refine((v) => Date.parse(v.endAt) > Date.parse(v.startAt), { message: '结束时间须晚于开始时间', path: ['endAt'] })
  .refine((v) => v.radiusM === undefined || (v.lat !== undefined && v.lng !== undefined), {
    message: '设置签到范围时请提供活动地点坐标',
    path: ['radiusM'],
  });

export const activityActions = defineContract({
  createActivity: {
    summary: '发布活动',
    roles: ['stationAdmin', 'gridSecretary'],
    input: activityInput,
    output: z.object({
      activity: activityView,
    }),
    errors: ['ORG.COMMUNITY_UNKNOWN', 'NOT_FOUND'],
  },
  listActivities: {
    summary: '活动列表',
    roles: ['member', 'stationAdmin', 'gridSecretary', 'districtAdmin'],
    input: z.object({
      communityId: idField.optional(),
      status: z.enum(['open', 'closed']).default('open'),
      cursor: cursorField,
      limit: limitField,
    }),
    output: page(activityView),
    errors: ['AUTH.NOT_A_MEMBER'],
  },
  activityDetail: {
    summary: '活动详情',
    roles: ['member', 'stationAdmin', 'gridSecretary', 'districtAdmin'],
    input: z.object({ activityId: idField }),
    output: z.object({ activity: activityView, mine: attendanceView.nullable(), canManage: z.boolean() }),
    errors: [],
  },
  signUp: {
    summary: '报名活动',
    roles: ['member'],
    input: z.object({ activityId: idField }),
    output: z.object({ activity: activityView, changed: z.boolean() }),
    errors: ['AUTH.NOT_A_MEMBER', 'CHECKIN.ACTIVITY_FULL', 'CHECKIN.ACTIVITY_CLOSED', 'CHECKIN.ENDED'],
  },
  activityCode: {
    summary: '活动签到码',
    roles: ['stationAdmin', 'gridSecretary'],
    input: z.object({ activityId: idField, mode: z.enum(['rotating', 'fixed']).default('rotating') }),
    output: z.object({
      token: z.string(),
      path: z.string(),
      image: z.string().nullable(),
      mode: z.enum(['rotating', 'fixed']),
      refreshAt: z.string().nullable(),
      activity: activityView,
    }),
    errors: ['CHECKIN.ACTIVITY_CLOSED'],
  },
  activityByCode: {
    summary: '扫码查看活动',
    roles: ['resident'],
    input: z.object({ token: activityTokenField }),
    /** `now`: the server's time, so the page measures the attendance by it rather than by the phone's clock. */
    output: z.object({
      activity: activityView,
      mine: attendanceView.nullable(),
      isMember: z.boolean(),
      now: z.string(),
    }),
    errors: ['CHECKIN.ACTIVITY_CODE_INVALID', 'CHECKIN.ACTIVITY_CODE_EXPIRED'],
  },
  checkIn: {
    summary: '扫码签到',
    roles: ['member'],
    input: z.object({ token: activityTokenField, ...location }),
    output: z.object({ attendance: attendanceView, changed: z.boolean() }),
    errors: [
      'CHECKIN.ACTIVITY_CODE_INVALID',
      'CHECKIN.ACTIVITY_CODE_EXPIRED',
      'AUTH.NOT_A_MEMBER',
      'CHECKIN.NOT_STARTED',
      'CHECKIN.ENDED',
      'CHECKIN.TOO_FAR',
      'CHECKIN.LOCATION_REQUIRED',
      'CHECKIN.ACTIVITY_CLOSED',
    ],
  },
  checkOut: {
    summary: '扫码签退',
    roles: ['member'],
    input: z.object({ token: activityTokenField, ...location }),
    output: z.object({ attendance: attendanceView, changed: z.boolean() }),
    errors: [
      'CHECKIN.ACTIVITY_CODE_INVALID',
      'CHECKIN.ACTIVITY_CODE_EXPIRED',
      'CHECKIN.NOT_CHECKED_IN',
      'CHECKIN.CHECKOUT_CLOSED',
      'CHECKIN.TOO_FAR',
      'CHECKIN.LOCATION_REQUIRED',
    ],
  },
  activityAttendance: {
    summary: '签到名单',
    roles: ['stationAdmin', 'gridSecretary', 'districtAdmin'],
    input: z.object({ activityId: idField, cursor: cursorField, limit: limitField }),
    output: page(attendanceView).extend({ activity: activityView }),
    errors: [],
  },
  correctCheckOut: {
    summary: '补签退',
    roles: ['stationAdmin', 'gridSecretary'],
    input: z.object({
      attendanceId: idField,
      checkOutAt: instantField,
      note: z.string().trim().min(2, '请填写补签原因').max(100, '原因最多100个字'),
    }),
    output: z.object({ attendance: attendanceView }),
    /** POINTS.INSUFFICIENT: the hours were credited and the member has spent what the correction takes back. */
    errors: ['CHECKIN.ACTIVITY_CLOSED', 'POINTS.INSUFFICIENT'],
  },
  closeActivity: {
    summary: '结束活动',
    roles: ['stationAdmin', 'gridSecretary'],
    input: z.object({ activityId: idField }),
    output: z.object({ activity: activityView, changed: z.boolean() }),
    errors: [],
  },
  myService: {
    summary: '我的服务记录',
    roles: ['member'],
    input: z.object({ cursor: cursorField, limit: limitField }),
    output: page(attendanceView).extend({ totalHours: z.number(), halfYear: halfYearView }),
    errors: [],
  },
  orgHalfYear: {
    summary: '单位党员半年履责情况',
    roles: ['orgAdmin', 'districtAdmin'],
    input: z.object({ orgId: idField.optional(), cursor: cursorField, limit: limitField }),
    output: page(
      z.object({ name: z.string(), phone: z.string(), communityName: z.string().nullable(), record: halfYearView }),
    ).extend({ label: z.string() }),
    errors: [],
  },
});
