import { z } from 'zod';
import { defineContract } from '../core/contract';
import { idField } from '../core/fields';

/**
 * The district's xlsx exports (issue 16, part 5): 报到回执汇总, 党员半年履责台账, 微心愿台账, 积分台账 and
 * 吹哨报到考核表. Each is a file made in the `org` function (exceljs, loaded on first use), stored, and answered
 * as a short-lived download link; each export is audited (who, what, which period and scope).
 */

/** The longest period one export covers (a year, with a leap day). */
export const MAX_EXPORT_DAYS = 366;
/** The most months one 吹哨报到考核表 covers. */
export const MAX_EXPORT_MONTHS = 12;

const dayField = z.iso.date({ error: '日期格式不正确' });

const DAY_MS = 24 * 60 * 60 * 1000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const lastDayOfMonth = (day: string) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

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

/** A half-year: 1 January to 30 June, or 1 July to 31 December. */
export function isHalfYear(p: { from: string; to: string }): boolean {
  const year = p.from.slice(0, 4);
  return (
    (p.from === `${year}-01-01` && p.to === `${year}-06-30`) || (p.from === `${year}-07-01` && p.to === `${year}-12-31`)
  );
}

/** Whole months: from the first of one to the last day of the same or a later one. */
export function isWholeMonths(p: { from: string; to: string }): boolean {
  return p.from.endsWith('-01') && Number(p.to.slice(8)) === lastDayOfMonth(p.to);
}

/** The months 'YYYY-MM' a whole-month period covers, in order. */
export function monthsOf(p: { from: string; to: string }): string[] {
  const months: string[] = [];
  let [y, m] = p.from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = p.to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

const exported = z.object({
  url: z.string(),
  fileName: z.string(),
  /** Data rows written (the 积分台账: members and entries together). */
  rows: z.number(),
});

export const exportKinds = ['enrolments', 'halfYear', 'wishes', 'points', 'whistles'] as const;
export type ExportKind = (typeof exportKinds)[number];

/** Each export's title (after the district's name), the action that makes it and who may ask for it. */
export const exportTitles: Record<ExportKind, string> = {
  enrolments: '在职党员进社区报到回执汇总',
  halfYear: '党员半年履责台账',
  wishes: '微心愿台账',
  points: '志愿服务积分台账',
  whistles: '吹哨报到考核表',
};

export const exportActions = defineContract({
  exportEnrolments: {
    summary: '导出报到回执汇总',
    roles: ['districtAdmin', 'stationAdmin', 'orgAdmin'],
    // 报到 submitted in the period: the district's (or one community's), the station's, the organisation's.
    input: scopedPeriod(),
    output: exported,
    errors: [],
  },
  exportHalfYear: {
    summary: '导出党员半年履责台账',
    roles: ['districtAdmin', 'stationAdmin', 'orgAdmin'],
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
    roles: ['districtAdmin', 'stationAdmin'],
    // Wishes posted in the period.
    input: scopedPeriod(),
    output: exported,
    errors: [],
  },
  exportPoints: {
    summary: '导出积分台账',
    roles: ['districtAdmin', 'stationAdmin', 'orgAdmin'],
    // The members of the scope with their balances, and their ledger entries in the period.
    input: scopedPeriod(),
    output: exported,
    errors: [],
  },
  exportWhistles: {
    summary: '导出吹哨报到考核表',
    roles: ['districtAdmin', 'department'],
    // Per department and month (by whistle time): the district's departments, or the caller's own.
    input: period()
      .refine(isWholeMonths, { message: '请按整月选择（从某月1日到某月最后一天）', path: ['from'] })
      .refine((p) => monthsOf(p).length <= MAX_EXPORT_MONTHS, { message: '最多导出12个月', path: ['to'] }),
    output: exported,
    errors: [],
  },
});
export type ExportsContract = typeof exportActions;
