import { z } from 'zod';
import { defineContract } from '../core/contract';
import { roles, scopeKinds } from '../core/roles';

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
  saveCalendarYear: {
    summary: '录入节假日安排',
    roles: ['districtAdmin'],
    input: holidayYearInput,
    output: z.object({ year: calendarYearView }),
    errors: [],
  },
});
export type OrgContract = typeof orgContract;
