/**
 * The holiday calendar as the district enters it (pure, no calendar data: the mini-program uses it too);
 * `calendar.ts` decides working days with it and the package's years.
 */

/** A year's holidays and make-up working days, as the district entered them from the notice. */
export type HolidayYear = { year: number; holidays: readonly string[]; workdays: readonly string[] };

/** Where a year's working days come from. */
export type Coverage = 'entered' | 'package' | 'fallback';

export const coverageLabels: Record<Coverage, string> = {
  entered: '已录入',
  package: '内置日历',
  fallback: '未覆盖（仅按周末推算）',
};

export function isWeekend(date: string): boolean {
  // A calendar date's day of the week is the same in every time zone.
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

const dateText = /^\d{4}-\d{2}-\d{2}$/;

/** A real date (no 2027-02-30), as YYYY-MM-DD. */
function realDate(text: string): boolean {
  if (!dateText.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Dates as people type them from the notice: one per line or separated by commas or spaces, a range with
 * ~ or 至 (2027-02-05~2027-02-11). Answers the dates, or the first piece that is not one.
 */
export function parseDates(text: string): { dates: string[] } | { bad: string } {
  const dates = new Set<string>();
  for (const piece of text.split(/[\s,，、;；]+/).filter(Boolean)) {
    const [from, to, ...rest] = piece.split(/~|～|至/);
    if (rest.length || !from || !realDate(from) || (to !== undefined && !realDate(to))) return { bad: piece };
    const last = to ?? from;
    if (last < from) return { bad: piece };
    for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= last; d.setUTCDate(d.getUTCDate() + 1))
      dates.add(d.toISOString().slice(0, 10));
  }
  return { dates: [...dates].sort() };
}

/** What is wrong with a year as entered (in Chinese, for the field it concerns), or null. */
export function holidayYearProblems(y: HolidayYear): Record<string, string> | null {
  const problems: Record<string, string> = {};
  const outside = (dates: readonly string[]) => dates.find((d) => Number(d.slice(0, 4)) !== y.year);
  const wrongHoliday = outside(y.holidays);
  if (wrongHoliday) problems.holidays = `${wrongHoliday} 不在${y.year}年`;
  const wrongWorkday = outside(y.workdays);
  if (wrongWorkday) problems.workdays = `${wrongWorkday} 不在${y.year}年`;
  if (!y.holidays.length) problems.holidays ??= '请填写放假日期';
  const both = y.workdays.find((d) => y.holidays.includes(d));
  if (both) problems.workdays ??= `${both} 不能既放假又上班`;
  // A make-up working day is a weekend day worked instead of a holiday.
  const weekday = y.workdays.find((d) => !isWeekend(d));
  if (weekday) problems.workdays ??= `${weekday} 不是周末，调休上班日应为周六或周日`;
  return Object.keys(problems).length ? problems : null;
}
