/**
 * The district's exports (issue 16, part 5): which there are, their titles, and the periods each takes. Pure
 * rules, shared by the contract and the exports page (no zod here: the page bundles it).
 */
import type { Role } from '../core/roles';

/** The longest period one export covers (a year, with a leap day). */
export const MAX_EXPORT_DAYS = 366;
/** The most months one 吹哨报到考核表 covers. */
export const MAX_EXPORT_MONTHS = 12;

export const exportKinds = ['enrolments', 'halfYear', 'wishes', 'points', 'whistles'] as const;
export type ExportKind = (typeof exportKinds)[number];

/** Each export's title, after the district's name (迎江区在职党员进社区报到回执汇总). */
export const exportTitles: Record<ExportKind, string> = {
  enrolments: '在职党员进社区报到回执汇总',
  halfYear: '党员半年履责台账',
  wishes: '微心愿台账',
  points: '志愿服务积分台账',
  whistles: '吹哨报到考核表',
};

/**
 * Who may take each export, the first role held deciding the scope: the district its whole district or one
 * community, a station its community, an employer organisation its own members, a department its own rows.
 */
export const exportRoles = {
  enrolments: ['districtAdmin', 'stationAdmin', 'orgAdmin'],
  halfYear: ['districtAdmin', 'stationAdmin', 'orgAdmin'],
  wishes: ['districtAdmin', 'stationAdmin'],
  points: ['districtAdmin', 'stationAdmin', 'orgAdmin'],
  whistles: ['districtAdmin', 'department'],
} as const satisfies Record<ExportKind, readonly Role[]>;

/** The period each export takes: a date range, a half-year, or whole months. */
export const exportPeriods: Record<ExportKind, 'range' | 'halfYear' | 'months'> = {
  enrolments: 'range',
  halfYear: 'halfYear',
  wishes: 'range',
  points: 'range',
  whistles: 'months',
};

const DAY_MS = 24 * 60 * 60 * 1000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const lastDayOfMonth = (day: string) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

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
