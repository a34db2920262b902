import { z } from 'zod';
import { defineContract } from '../core/contract';
import {
  cursorField,
  idField,
  limitField,
  page,
  phoneField,
  photoField,
  requestIdField,
  listFilterFields,
} from '../core/fields';
import { problemCategories, problemStatuses } from './whistle.rules';

const timelineEntry = z.object({
  at: z.string(),
  by: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  note: z.string().nullable(),
});

/**
 * A problem as its reader may see it: departments do not see who reported it unless the station shares it.
 * `photos` and `resultPhotos` are short-lived URLs made for this reader (the stored file ids never leave the
 * functions).
 */
export const problemView = z.object({
  id: z.string(),
  category: z.enum(problemCategories),
  description: z.string(),
  photos: z.array(z.string()),
  status: z.enum(problemStatuses),
  communityName: z.string(),
  unitId: z.string(),
  place: z.string(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  meToo: z.number(),
  departments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      lead: z.boolean(),
      deadlineAt: z.string(),
      /** The deadline counted Monday to Friday through a year the holiday calendar did not cover. */
      deadlineEstimated: z.boolean(),
      overdue: z.boolean(),
      status: z.string(),
    }),
  ),
  result: z.string().nullable(),
  resultPhotos: z.array(z.string()),
  rating: z.enum(['satisfied', 'unsatisfied']).nullable(),
  createdAt: z.string(),
  timeline: z.array(timelineEntry),
});
export type ProblemView = z.infer<typeof problemView>;

const problemId = z.object({ problemId: idField });
const one = z.object({ problem: problemView });
const listInput = { cursor: cursorField, limit: limitField };

export const whistleContract = defineContract({
  submitProblem: {
    summary: '反映问题',
    roles: ['resident'],
    input: z.object({
      requestId: requestIdField.optional(),
      category: z.enum(problemCategories, { error: '请选择问题类别' }),
      description: z.string().trim().min(5, '请具体描述问题，至少5个字').max(500, '描述最多500个字'),
      unitId: idField,
      photos: z.array(photoField).max(3, '最多3张照片').default([]),
      phone: phoneField,
    }),
    output: one,
    errors: ['NOT_FOUND', 'PHOTO.NOT_YOURS'],
  },
  myProblems: {
    summary: '我反映的问题',
    roles: ['resident'],
    input: z.object(listInput),
    output: page(problemView),
    errors: [],
  },
  triage: {
    summary: '分拨处理',
    roles: ['stationAdmin'],
    input: problemId
      .extend({
        action: z.enum(['solveInStation', 'decline', 'whistle', 'merge']),
        reason: z.string().trim().max(200).optional(),
        mergeInto: idField.optional(),
        departments: z.array(idField).max(5, '最多同时吹哨5个部门').optional(),
        leadDepartment: idField.optional(),
        shareIdentity: z.boolean().default(false),
      })
      .refine((v) => v.action !== 'decline' || (v.reason ?? '').length >= 2, {
        message: '请填写不予受理的原因',
        path: ['reason'],
      })
      .refine((v) => v.action !== 'merge' || !!v.mergeInto, { message: '请选择合并到的问题', path: ['mergeInto'] })
      .refine(
        (v) =>
          v.action !== 'whistle' ||
          ((v.departments ?? []).length > 0 && !!v.leadDepartment && v.departments!.includes(v.leadDepartment)),
        { message: '请选择部门并指定牵头部门', path: ['departments'] },
      ),
    output: one,
    errors: ['REPORT.BAD_STATE'],
  },
  stationProblems: {
    summary: '问题台账',
    roles: ['stationAdmin', 'districtAdmin'],
    input: z.object({
      communityId: idField.optional(),
      status: z.enum(problemStatuses).default('submitted'),
      ...listFilterFields,
      ...listInput,
    }),
    output: page(problemView),
    errors: [],
  },
  stationRespond: {
    summary: '站内办结反馈',
    roles: ['stationAdmin'],
    input: problemId.extend({
      result: z.string().trim().min(2, '请填写处理结果').max(500),
      photos: z.array(photoField).max(3).default([]),
    }),
    output: one,
    errors: ['REPORT.BAD_STATE', 'PHOTO.NOT_YOURS'],
  },
  confirmResult: {
    summary: '确认办结',
    roles: ['stationAdmin'],
    input: problemId,
    output: one,
    errors: ['REPORT.BAD_STATE'],
  },
  departmentWhistles: {
    summary: '部门收到的吹哨',
    roles: ['department'],
    input: z.object({ open: z.boolean().default(true), ...listInput }),
    output: page(problemView),
    errors: [],
  },
  acknowledge: {
    summary: '部门报到',
    roles: ['department'],
    input: problemId,
    output: one,
    errors: ['REPORT.BAD_STATE'],
  },
  respond: {
    summary: '部门反馈结果',
    roles: ['department'],
    input: problemId.extend({
      result: z.string().trim().min(2, '请填写处理结果').max(500),
      photos: z.array(photoField).max(3).default([]),
    }),
    output: one,
    errors: ['REPORT.BAD_STATE', 'REPORT.NOT_LEAD', 'PHOTO.NOT_YOURS'],
  },
  rate: {
    summary: '评价',
    roles: ['resident'],
    input: problemId.extend({
      satisfied: z.boolean({ error: '请选择满意或不满意' }),
      comment: z.string().trim().max(200).optional(),
    }),
    output: one,
    errors: ['REPORT.BAD_STATE'],
  },
  nearbyProblems: {
    summary: '附近正在处理的问题',
    roles: ['resident'],
    input: z.object({ unitId: idField }),
    output: z.object({ items: z.array(problemView) }),
    errors: [],
  },
  meToo: {
    summary: '我也遇到',
    roles: ['resident'],
    input: problemId,
    output: z.object({ problem: problemView, changed: z.boolean() }),
    errors: ['REPORT.BAD_STATE'],
  },
  notOurs: {
    summary: '非本部门职责',
    roles: ['department'],
    input: problemId.extend({ belongsTo: z.string().trim().min(2, '请说明应由哪个单位处理').max(50, '最多50个字') }),
    output: one,
    errors: ['REPORT.BAD_STATE'],
  },
  addProgress: {
    summary: '反馈进展',
    roles: ['department', 'stationAdmin'],
    input: problemId.extend({ note: z.string().trim().min(2, '请填写进展').max(200, '最多200个字') }),
    output: one,
    errors: ['REPORT.BAD_STATE'],
  },
  problemStats: {
    summary: '吹哨报到统计',
    roles: ['districtAdmin'],
    input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为YYYY-MM') }),
    output: z.object({
      month: z.string(),
      departments: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          whistled: z.number(),
          responseRate: z.number().nullable(),
          onTimeRate: z.number().nullable(),
          resolutionRate: z.number().nullable(),
          satisfactionRate: z.number().nullable(),
          points: z.number(),
        }),
      ),
      communities: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          whistled: z.number(),
          responseRate: z.number().nullable(),
          onTimeRate: z.number().nullable(),
          resolutionRate: z.number().nullable(),
          satisfactionRate: z.number().nullable(),
        }),
      ),
      /** The district's twelve months up to `month`, oldest first (by whistle time): whistled, answered on time, resolved. */
      months: z.array(
        z.object({ month: z.string(), whistled: z.number(), respondedOnTime: z.number(), resolved: z.number() }),
      ),
    }),
    errors: [],
  },
});
export type WhistleContract = typeof whistleContract;
