import { z } from 'zod';
import { defineContract } from '../core/contract';
import { idField } from '../core/fields';
import {
  daysBetween,
  exportRoles,
  isHalfYear,
  isWholeMonths,
  MAX_EXPORT_DAYS,
  MAX_EXPORT_MONTHS,
  monthsOf,
} from './exports.rules';

export { exportKinds, exportRoles, exportTitles, type ExportKind } from './exports.rules';

/**
 * The district's xlsx exports (issue 16, part 5): 报到回执汇总, 党员半年履责台账, 微心愿台账, 积分台账 and
 * 吹哨报到考核表. Each is a file made in the `org` function (exceljs, loaded on first use), stored, and answered
 * as a short-lived download link; each export is audited (who, what, which period and scope).
 */

const dayField = z.iso.date({ error: '日期格式不正确' });

/** One community of the district (its admin's choice), or the caller's whole scope. */
const scoped = { communityId: idField.optional() };

/** A period of Beijing days, both ends included, within a year; with a community where the export takes one. */
const periodShape = { from: dayField, to: dayField };
const inPeriod = <T extends z.ZodObject<typeof periodShape>>(schema: T) =>
  schema
    .refine((p) => p.from <= p.to, { message: '结束日期不能早于开始日期', path: ['to'] })
    .refine((p) => daysBetween(p.from, p.to) < MAX_EXPORT_DAYS, { message: '导出期间最长一年', path: ['to'] });
const period = () => inPeriod(z.object(periodShape));
const scopedPeriod = () => inPeriod(z.object({ ...periodShape, ...scoped }));

const exported = z.object({
  url: z.string(),
  fileName: z.string(),
  /** Data rows written (the 积分台账: members and entries together). */
  rows: z.number(),
});

export const exportActions = defineContract({
  exportEnrolments: {
    summary: '导出报到回执汇总',
    roles: exportRoles.enrolments,
    // 报到 submitted in the period: the district's (or one community's), the station's, the organisation's.
    input: scopedPeriod(),
    output: exported,
    errors: [],
  },
  exportHalfYear: {
    summary: '导出党员半年履责台账',
    roles: exportRoles.halfYear,
    // The members reported and approved in the scope, each against the half-year rule of that half-year.
    input: scopedPeriod().refine(isHalfYear, {
      message: '请选择一个半年度（1月1日至6月30日，或7月1日至12月31日）',
      path: ['from'],
    }),
    output: exported,
    errors: [],
  },
  exportWishes: {
    summary: '导出微心愿台账',
    roles: exportRoles.wishes,
    // Wishes posted in the period.
    input: scopedPeriod(),
    output: exported,
    errors: [],
  },
  exportPoints: {
    summary: '导出积分台账',
    roles: exportRoles.points,
    // The members of the scope with their balances, and their ledger entries in the period.
    input: scopedPeriod(),
    output: exported,
    errors: [],
  },
  exportWhistles: {
    summary: '导出吹哨报到考核表',
    roles: exportRoles.whistles,
    // Per department and month (by whistle time): the district's departments, or the caller's own.
    input: period()
      .refine(isWholeMonths, { message: '请按整月选择（从某月1日到某月最后一天）', path: ['from'] })
      .refine((p) => monthsOf(p).length <= MAX_EXPORT_MONTHS, { message: '最多导出12个月', path: ['to'] }),
    output: exported,
    errors: [],
  },
});
export type ExportsContract = typeof exportActions;
