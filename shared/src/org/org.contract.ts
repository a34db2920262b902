import { z } from 'zod';
import { defineContract } from '../core/contract';
import { roles, scopeKinds } from '../core/roles';
import { accountActions } from './account.contract';
import { exportActions } from './exports.contract';
import { pairingActions } from './pairing.contract';
import { statsActions } from './stats.contract';
import { peopleActions } from './people.contract';
import { treeActions } from './tree.contract';

export const grantView = z.object({
  role: z.enum(roles),
  scope: z.enum(scopeKinds),
  scopeId: z.string(),
  scopeName: z.string(),
});

/** The input of a year entered by the district (the text fields as typed; parsed and checked by the handler). */
const holidayYearInput = z.object({
  year: z.number({ error: '请选择年份' }).int().min(2024, '年份有误').max(2100, '年份有误'),
  holidays: z.string().trim().min(1, '请填写放假日期').max(3000, '内容过长'),
  workdays: z.string().trim().max(1000, '内容过长').default(''),
  source: z.string().trim().min(4, '请填写通知名称或文号').max(100, '最多100个字'),
});

const halfHours = (n: number) => Number.isInteger(n * 2);

/** A whistle's feedback deadline: N hours, or N working days. */
const deadlineRuleField = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('hours'),
    hours: z.number().int('请填写整数小时').min(24, '至少24小时').max(168, '最多168小时'),
  }),
  z.object({
    kind: z.literal('workdays'),
    days: z.number().int('请填写整数天').min(1, '至少1个工作日').max(10, '最多10个工作日'),
  }),
]);

/** The settings one scope sets; a value of null gives the setting back to the district's or the product's default. */
const settingValues = z
  .object({
    deadlineRule: deadlineRuleField.nullable(),
    remindHours: z.number().int('请填写整数').min(1, '至少提前1小时').max(48, '最多提前48小时').nullable(),
    wishClaimDays: z.number().int('请填写整数').min(1, '至少1天').max(30, '最多30天').nullable(),
    wishMaxOpenClaims: z.number().int('请填写整数').min(1, '至少1个').max(10, '最多10个').nullable(),
    wishPoints: z.number().int('请填写整数').min(0, '不能为负数').max(100, '最多100分').nullable(),
    pointsPerHour: z.number().int('请填写整数').min(1, '每小时至少1分').max(100, '每小时最多100分').nullable(),
    maxHoursPerRecord: z
      .number()
      .min(0.5, '至少0.5小时')
      .max(24, '最多24小时')
      .refine(halfHours, '以0.5小时为单位')
      .nullable(),
    minAttendanceMinutes: z.number().int('请填写整数').min(0, '不能为负数').max(240, '最多240分钟').nullable(),
    checkinRadiusM: z
      .number()
      .int('请填写整数')
      .refine((m) => m === 0 || (m >= 50 && m <= 5000), '0（不限）或50至5000米')
      .nullable(),
  })
  .partial();

const settingsView = z.object({
  /** Whose settings: a community's, or the district's defaults. */
  scope: z.enum(['community', 'district']),
  scopeId: z.string(),
  scopeName: z.string(),
  /** The values in force, and where each comes from. */
  values: z.object({
    deadlineRule: deadlineRuleField,
    remindHours: z.number(),
    wishClaimDays: z.number(),
    wishMaxOpenClaims: z.number(),
    wishPoints: z.number(),
    pointsPerHour: z.number(),
    maxHoursPerRecord: z.number(),
    minAttendanceMinutes: z.number(),
    checkinRadiusM: z.number(),
  }),
  sources: z.record(z.string(), z.enum(['community', 'district', 'default'])),
});
export type SettingsView = z.infer<typeof settingsView>;

const option = z.object({ id: z.string(), name: z.string() });

/**
 * One thing waiting for the caller, for the home page's to-do list and its grid's counts: how many, the page
 * where they are done, and the nearest deadline among them (a countdown) when they have one.
 */
export const todoItem = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number(),
  page: z.string(),
  dueAt: z.string().nullable(),
});
export type TodoItem = z.infer<typeof todoItem>;

/** A year of the working-day calendar: where it comes from, and its holidays and make-up working days. */
export const calendarYearView = z.object({
  year: z.number(),
  coverage: z.enum(['entered', 'package', 'fallback']),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  source: z.string().nullable(),
  enteredAt: z.string().nullable(),
});
export type CalendarYearView = z.infer<typeof calendarYearView>;

export const orgContract = defineContract({
  places: {
    summary: '选择社区、网格、单元',
    roles: ['resident'],
    input: z.object({ communityId: z.string().max(64).optional(), gridId: z.string().max(64).optional() }),
    output: z.object({
      communities: z.array(option),
      grids: z.array(option),
      units: z.array(option),
      departments: z.array(option),
    }),
    errors: [],
  },
  me: {
    summary: '我的身份',
    roles: ['resident'],
    input: z.object({}),
    output: z.object({
      openid: z.string(),
      name: z.string().nullable(),
      communityId: z.string().nullable(),
      communityName: z.string().nullable(),
      grants: z.array(grantView),
    }),
    errors: [],
  },
  todo: {
    summary: '待办',
    roles: ['resident'],
    input: z.object({}),
    // Only what the caller's roles can act on, each with its count (zero included: the grid shows it).
    // `warnings`: what the person must know before acting (a year the holiday calendar does not cover).
    output: z.object({ items: z.array(todoItem), unread: z.number(), warnings: z.array(z.string()) }),
    errors: [],
  },
  calendar: {
    summary: '节假日安排',
    roles: ['districtAdmin', 'stationAdmin'],
    input: z.object({}),
    // This year, the next, and any later year already entered.
    output: z.object({ years: z.array(calendarYearView) }),
    errors: [],
  },
  settings: {
    summary: '设置',
    roles: ['stationAdmin', 'districtAdmin'],
    // The station: its community. The district: its defaults, or one of its communities.
    input: z.object({ communityId: z.string().max(64).optional() }),
    output: settingsView,
    errors: ['NOT_FOUND'],
  },
  saveSettings: {
    summary: '保存设置',
    roles: ['stationAdmin', 'districtAdmin'],
    input: z
      .object({ communityId: z.string().max(64).optional(), values: settingValues })
      .refine(
        (v) =>
          !v.values.deadlineRule ||
          v.values.deadlineRule.kind !== 'hours' ||
          !v.values.remindHours ||
          v.values.remindHours < v.values.deadlineRule.hours,
        { message: '提醒时间应早于反馈期限', path: ['values', 'remindHours'] },
      ),
    output: settingsView,
    errors: ['NOT_FOUND'],
  },
  saveCalendarYear: {
    summary: '录入节假日安排',
    roles: ['districtAdmin'],
    input: holidayYearInput,
    output: z.object({ year: calendarYearView }),
    errors: [],
  },
  // People and roles, invitation codes (people.contract.ts); the tree and its xlsx (tree.contract.ts);
  // a person's own data: consent, what is held, 注销 (account.contract.ts).
  ...peopleActions,
  ...treeActions,
  ...accountActions,
  ...exportActions,
  // 结对共建: notices, pairings and visits (pairing.contract.ts).
  ...pairingActions,
  // 统计看板 from the counters (stats.contract.ts).
  ...statsActions,
});
export type OrgContract = typeof orgContract;
